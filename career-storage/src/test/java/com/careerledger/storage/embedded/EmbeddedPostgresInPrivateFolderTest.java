package com.careerledger.storage.embedded;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Root in a private folder: a clone under {@code /root} (mode 700) is the usual place on a fresh server. As root the
 * embedded server runs as an unprivileged user who cannot enter such a folder; the default must start anyway, say
 * where the cluster's files live, and find them again at the next start. Only root can be in that situation, so the
 * test needs root (CI runs as root).
 */
class EmbeddedPostgresInPrivateFolderTest {

    private Path privateFolder;
    private Path clusterHome;

    @AfterEach
    void cleanUp() throws IOException {
        for (Path p : new Path[]{privateFolder, clusterHome}) {
            if (p != null && Files.exists(p)) {
                try (Stream<Path> files = Files.walk(p)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    @Test
    void root_starts_the_embedded_default_from_a_folder_only_root_may_enter_and_keeps_its_data() throws Exception {
        assumeTrue(isRoot(), "only root runs the server as another user");
        privateFolder = Files.createTempDirectory("career-private-");
        Files.setPosixFilePermissions(privateFolder, PosixFilePermissions.fromString("rwx------"));
        Path data = privateFolder.resolve("clone").resolve("data");

        EmbeddedPostgres.Settings settings = new EmbeddedPostgres.Settings(data, false, false, 0, "career_ledger");
        try (EmbeddedPostgres first = EmbeddedPostgres.start(settings)) {
            assertThat(first.startupNotes()).anySatisfy(n -> assertThat(n).contains("cluster's files live in"));
            execute(first, "CREATE TABLE kept (v TEXT)", "INSERT INTO kept VALUES ('survives a restart')");
        }
        Path location = Path.of(Files.readString(data.resolve("cluster-location"), StandardCharsets.UTF_8).strip());
        clusterHome = location.getParent();
        assertThat(location).exists();
        assertThat(location.startsWith(privateFolder)).isFalse();

        try (EmbeddedPostgres second = EmbeddedPostgres.start(settings)) {
            assertThat(second.startupNotes()).anySatisfy(n -> assertThat(n).contains(location.toString()));
            try (Connection c = DriverManager.getConnection(second.jdbcUrl(), second.username(), second.password());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("survives a restart");
            }
        }
    }

    private static void execute(EmbeddedPostgres pg, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return "0".equals(out);
    }
}
