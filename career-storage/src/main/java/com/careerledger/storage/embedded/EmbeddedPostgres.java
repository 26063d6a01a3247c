package com.careerledger.storage.embedded;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server started from the binaries shipped on the classpath, so that the application and
 * its tests need nothing installed but a JDK.
 * <p>
 * Layout of {@code baseDir}: {@code pgdata/} (the cluster), {@code credentials.properties} (the generated
 * superuser password, readable by the owner only). PostgreSQL refuses to run as root, so when the JVM runs as
 * root the server runs as the unprivileged {@code nobody} user (through {@code setpriv}), and the cluster
 * directory is handed to that user. When {@code baseDir} lies in a folder that user cannot enter (a clone under
 * {@code /root}, the usual place on a fresh server), the cluster's files live in a folder of their own under
 * {@code /var/lib/career-ledger} (or {@code CAREER_CLUSTER_HOME}), named after {@code baseDir}; the file
 * {@code cluster-location} in {@code baseDir} records where, and the log says so. A server left running by a JVM
 * that was killed is stopped and restarted cleanly on the next start.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String SUPERUSER = "postgres";
    private static final int UNPRIVILEGED_ID = 65534; // nobody / nogroup on Debian-like systems

    /**
     * What to start.
     *
     * @param baseDir   where the cluster and its credentials live
     * @param ephemeral delete {@code baseDir} on close (tests)
     * @param durable   keep fsync on; off trades crash safety for speed (tests only)
     * @param port      0 picks a free port
     * @param database  created on first start if missing
     */
    public record Settings(Path baseDir, boolean ephemeral, boolean durable, int port, String database) {
    }

    private final Settings settings;
    private final Path binDir;
    private final Path dataDir;
    private final boolean runAsRoot;
    private final String password;
    private final int port;
    private final List<String> startupNotes = new ArrayList<>();
    private volatile boolean stopped;
    /** Stopped by {@link #stopForNow()}, to be started again. */
    private volatile boolean down;

    private EmbeddedPostgres(Settings settings, Path binDir, Path dataDir, boolean runAsRoot, String password, int port) {
        this.settings = settings;
        this.binDir = binDir;
        this.dataDir = dataDir;
        this.runAsRoot = runAsRoot;
        this.password = password;
        this.port = port;
    }

    /**
     * Unpacks the binaries if needed, initialises the cluster on first use, starts the server, waits until it
     * accepts connections. The caller stops it with {@link #close()} (the application does so as the last step of
     * its shutdown). No JVM shutdown hook of its own: one would race the application's and stop the database
     * while the application still uses it; a server left behind by a killed JVM is stopped at the next start.
     */
    public static EmbeddedPostgres start(Settings settings) {
        try {
            boolean root = isRoot();
            Path home = installBinaries();
            Path baseDir = settings.baseDir().toAbsolutePath().normalize();
            Files.createDirectories(baseDir);
            List<String> notes = new ArrayList<>();
            Path dataDir = baseDir.resolve("pgdata");
            if (root) {
                // The unprivileged server must be able to reach its cluster directory.
                setPermissions(baseDir, "rwxr-xr-x");
                dataDir = clusterDirForRoot(baseDir, notes);
            }
            Settings resolved = new Settings(baseDir, settings.ephemeral(), settings.durable(), settings.port(), settings.database());
            String password = loadOrCreatePassword(baseDir);
            int port = settings.port() > 0 ? settings.port() : freePort();
            EmbeddedPostgres pg = new EmbeddedPostgres(resolved, home.resolve("bin"), dataDir, root, password, port);
            notes.forEach(pg::note);
            pg.initialiseIfNeeded();
            pg.stopLeftoverServer();
            pg.startServer();
            pg.createDatabaseIfMissing();
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /**
     * What happened during start-up, in order. Start-up runs before Spring Boot's logging is ready, so the
     * caller replays these through its own (deferred) log.
     */
    public List<String> startupNotes() {
        return List.copyOf(startupNotes);
    }

    private void note(String message) {
        startupNotes.add(message);
        log.info(message);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + settings.database();
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    public Path baseDir() {
        return settings.baseDir();
    }

    /**
     * Stops the server but keeps it, cluster and port, to be started again with {@link #startAgain()}: a database
     * outage on demand, for the fault suite ({@code reliability/run}). Fast shutdown: clients are disconnected,
     * committed data is safe.
     */
    public synchronized void stopForNow() {
        if (stopped || down) {
            return;
        }
        run(Duration.ofSeconds(60), pgCtl("stop", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60"));
        down = true;
        log.info("Embedded PostgreSQL stopped for now ({}).", dataDir);
    }

    /** Starts a server stopped with {@link #stopForNow()} again, on the same port; returns once it accepts connections. */
    public synchronized void startAgain() {
        if (stopped) {
            throw new IllegalStateException("the embedded PostgreSQL in " + dataDir + " was closed");
        }
        if (!down) {
            return;
        }
        startServer();
        down = false;
    }

    /** Stops the server (fast shutdown: clients are disconnected, committed data is safe). Idempotent. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (!down) {
            try {
                run(Duration.ofSeconds(60), pgCtl("stop", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60"));
                log.info("Embedded PostgreSQL stopped ({}).", dataDir);
            } catch (RuntimeException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        }
        if (settings.ephemeral()) {
            deleteRecursively(settings.baseDir());
            if (!dataDir.startsWith(settings.baseDir())) {
                deleteRecursively(dataDir.getParent());
            }
        }
    }

    // --- lifecycle steps -------------------------------------------------------------------------------

    private void initialiseIfNeeded() throws IOException {
        if (Files.exists(dataDir.resolve("PG_VERSION"))) {
            return;
        }
        note("Initialising a new embedded PostgreSQL cluster in " + dataDir);
        if (Files.exists(dataDir)) {
            deleteRecursively(dataDir); // a half-initialised cluster from an interrupted first start
        }
        Files.createDirectories(dataDir);
        setPermissions(dataDir, "rwx------");
        Path pwFile = Files.createTempFile(binDir.getParent(), "pw", ".txt");
        try {
            Files.writeString(pwFile, password + "\n", StandardCharsets.UTF_8);
            setPermissions(pwFile, "rw-------");
            if (runAsRoot) {
                chown(dataDir);
                chown(pwFile);
            }
            run(Duration.ofMinutes(3), command(binDir.resolve("initdb").toString(),
                    "-D", dataDir.toString(), "-U", SUPERUSER, "--pwfile=" + pwFile,
                    "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C"));
        } finally {
            Files.deleteIfExists(pwFile);
        }
    }

    /** A server still running from a JVM that was killed holds the cluster: stop it before starting ours. */
    private void stopLeftoverServer() {
        if (!Files.exists(dataDir.resolve("postmaster.pid"))) {
            return;
        }
        note("Found postmaster.pid in " + dataDir + ": stopping a server left over from an earlier run, if any");
        try {
            run(Duration.ofSeconds(90), pgCtl("stop", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60"));
        } catch (RuntimeException e) {
            log.debug("No leftover server to stop: {}", e.getMessage());
        }
    }

    private void startServer() {
        List<String> options = new ArrayList<>(List.of(
                "-p", String.valueOf(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=''",
                "-c", "max_connections=200",
                "-c", "shared_buffers=256MB",
                "-c", "password_encryption=scram-sha-256"));
        if (!settings.durable()) {
            options.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        }
        Path logFile = dataDir.resolve("embedded-postgres.log");
        run(Duration.ofMinutes(2), pgCtl("start", "-D", dataDir.toString(), "-w", "-t", "90",
                "-l", logFile.toString(), "-o", String.join(" ", options)));
        note("Embedded PostgreSQL running on 127.0.0.1:" + port + " (data in " + dataDir
                + (runAsRoot ? "; the server runs as uid " + UNPRIVILEGED_ID + " because this JVM runs as root" : "") + ")");
    }

    private void createDatabaseIfMissing() {
        String admin = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, SUPERUSER, password);
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '"
                    + settings.database().replace("'", "''") + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE \"" + settings.database().replace("\"", "\"\"") + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Embedded PostgreSQL started but the database '" + settings.database()
                    + "' could not be created: " + e.getMessage(), e);
        }
    }

    // --- binaries ----------------------------------------------------------------------------------------

    /** Unpacks the platform's archive once per machine into a shared, world-readable directory. */
    private static Path installBinaries() throws IOException {
        String archive = archiveName();
        // one cache per user: a folder unpacked by root is not writable by anyone else, and vice versa
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "career-ledger-postgres-" + user);
        Files.createDirectories(root);
        setPermissionsQuietly(root, "rwxr-xr-x");
        String version;
        try (InputStream in = resource(archive)) {
            // the archive's size and first bytes identify the build well enough to pick a cache folder
            byte[] head = in.readNBytes(1 << 16);
            version = Integer.toHexString(java.util.Arrays.hashCode(head));
        }
        Path home = root.resolve(archive.replace(".txz", "") + "-" + version);
        if (Files.isExecutable(home.resolve("bin").resolve("pg_ctl"))) {
            return home;
        }
        Path lockFile = root.resolve(".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (Files.isExecutable(home.resolve("bin").resolve("pg_ctl"))) {
                return home; // another JVM finished it while we waited
            }
            Path staging = Files.createTempDirectory(root, "unpack-");
            log.info("Unpacking PostgreSQL binaries ({}) to {}", archive, home);
            try (InputStream in = new BufferedInputStream(resource(archive));
                 TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path target = staging.resolve(entry.getName()).normalize();
                    if (!target.startsWith(staging)) {
                        throw new IOException("Archive entry escapes its folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.deleteIfExists(target);
                        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                        boolean executable = (entry.getMode() & 0100) != 0;
                        setPermissions(target, executable ? "rwxr-xr-x" : "rw-r--r--");
                    }
                }
            }
            try (Stream<Path> dirs = Files.walk(staging)) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    setPermissions(dir, "rwxr-xr-x");
                }
            }
            try {
                Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                deleteRecursively(home);
                Files.move(staging, home);
            }
            return home;
        }
    }

    private static String archiveName() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            throw new IllegalStateException("The embedded PostgreSQL ships for Linux only (this is " + os
                    + "). Set CAREER_DB_URL, CAREER_DB_USER and CAREER_DB_PASSWORD to use another PostgreSQL, "
                    + "or run with docker compose.");
        }
        return switch (arch) {
            case "amd64", "x86_64" -> "postgres-linux-x86_64.txz";
            case "aarch64", "arm64" -> "postgres-linux-arm_64.txz";
            default -> throw new IllegalStateException("No embedded PostgreSQL for the architecture " + arch
                    + ": set CAREER_DB_URL, CAREER_DB_USER and CAREER_DB_PASSWORD to use an external one.");
        };
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("PostgreSQL binaries " + name + " are not on the classpath");
        }
        return in;
    }

    // --- credentials -------------------------------------------------------------------------------------

    private static String loadOrCreatePassword(Path baseDir) throws IOException {
        Path file = baseDir.resolve("credentials.properties");
        Properties props = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                props.load(in);
            }
            String existing = props.getProperty("password");
            if (existing != null && !existing.isBlank()) {
                return existing;
            }
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        props.setProperty("user", SUPERUSER);
        props.setProperty("password", password);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (var out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
            props.store(out, "Embedded PostgreSQL superuser, generated at first start. Keep private.");
        }
        return password;
    }

    // --- processes -----------------------------------------------------------------------------------------

    private List<String> pgCtl(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binDir.resolve("pg_ctl").toString());
        cmd.addAll(List.of(args));
        return command(cmd.toArray(String[]::new));
    }

    private List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        if (runAsRoot) {
            cmd.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_ID, "--regid=" + UNPRIVILEGED_ID, "--clear-groups", "--"));
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    private void run(Duration timeout, List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd)
                // the server's tools look up their working directory: it must be one the server user can read
                .directory(binDir.getParent().toFile())
                .redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        pb.environment().remove("PGDATA");
        try {
            Process p = pb.start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(cmd.get(runAsRoot ? 5 : 0) + " did not finish within " + timeout);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed with exit code " + p.exitValue()
                        + ":\n" + new String(output, StandardCharsets.UTF_8).strip() + logTail());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + cmd.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + cmd.get(0), e);
        }
    }

    private String logTail() {
        Path logFile = dataDir.resolve("embedded-postgres.log");
        try {
            if (Files.isReadable(logFile)) {
                List<String> lines = Files.readAllLines(logFile);
                return "\nLast lines of " + logFile + ":\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
            }
        } catch (IOException ignored) {
            // the log is a help for the message only
        }
        return "";
    }

    // --- files and users -------------------------------------------------------------------------------------

    private static boolean isRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(10, TimeUnit.SECONDS);
            return "0".equals(out);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Where the cluster lives when the server runs as the unprivileged user: inside {@code baseDir} when that user
     * can reach it, else (a folder private to root) in a folder of its own under {@code /var/lib/career-ledger}
     * ({@code CAREER_CLUSTER_HOME} to choose another), recorded in {@code baseDir/cluster-location} so the next start
     * finds it again whatever the folder's permissions by then.
     */
    private static Path clusterDirForRoot(Path baseDir, List<String> notes) throws IOException {
        Path marker = baseDir.resolve("cluster-location");
        if (Files.exists(marker)) {
            Path recorded = Path.of(Files.readString(marker, StandardCharsets.UTF_8).strip());
            notes.add(baseDir + " is not reachable by the server's user; the cluster's files live in " + recorded
                    + " (recorded in " + marker + ")");
            return recorded;
        }
        if (isTraversable(baseDir) || Files.exists(baseDir.resolve("pgdata").resolve("PG_VERSION"))) {
            return baseDir.resolve("pgdata");
        }
        String configured = System.getenv("CAREER_CLUSTER_HOME");
        Path clusters = Path.of(configured == null || configured.isBlank() ? "/var/lib/career-ledger" : configured)
                .toAbsolutePath().normalize();
        Files.createDirectories(clusters);
        setPermissions(clusters, "rwxr-xr-x");
        requireTraversable(clusters.resolve("x"));
        String name = (baseDir.getFileName() == null ? "data" : baseDir.getFileName().toString())
                .replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + sha256(baseDir.toString()).substring(0, 12);
        Path cluster = clusters.resolve(name);
        Files.createDirectories(cluster);
        setPermissions(cluster, "rwxr-xr-x");
        Files.writeString(marker, cluster.resolve("pgdata") + "\n", StandardCharsets.UTF_8);
        notes.add(baseDir + " lies in a folder the server's user (uid " + UNPRIVILEGED_ID + ") cannot enter, so the"
                + " cluster's files live in " + cluster.resolve("pgdata") + " (recorded in " + marker + ")");
        return cluster.resolve("pgdata");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static boolean isTraversable(Path dir) {
        try {
            requireTraversable(dir);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** As root, every folder above the cluster must let the unprivileged server user pass. */
    private static void requireTraversable(Path dir) {
        for (Path p = dir.getParent(); p != null; p = p.getParent()) {
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new IllegalStateException("The embedded PostgreSQL runs as uid " + UNPRIVILEGED_ID
                            + " when started by root, and cannot reach " + dir + " because " + p
                            + " is not searchable by other users. Choose another folder with CAREER_DATA_DIR, "
                            + "run as a normal user, or use an external PostgreSQL (CAREER_DB_URL).");
                }
            } catch (IOException e) {
                return; // unknown permissions: let PostgreSQL say what it thinks
            }
        }
    }

    private static void chown(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", UNPRIVILEGED_ID);
        Files.setAttribute(path, "unix:gid", UNPRIVILEGED_ID);
    }

    private static void setPermissions(Path path, String perms) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(perms));
    }

    private static void setPermissionsQuietly(Path path, String perms) {
        try {
            setPermissions(path, perms);
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("Could not set permissions of {}: {}", path, e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", dir, e.getMessage());
        }
    }
}
