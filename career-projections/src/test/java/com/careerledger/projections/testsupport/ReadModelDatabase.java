package com.careerledger.projections.testsupport;

import com.careerledger.storage.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * The database of this module's read-model tests: {@code @ExtendWith(ReadModelDatabase.class)} and a
 * {@link JdbcTemplate} parameter (of a test, a constructor or a {@code @BeforeEach} method). One throw-away embedded
 * PostgreSQL for the whole test run, started on first use and stopped when the run ends, with the schema of the
 * application's own migrations ({@code db/migration}: this module's and career-storage's, one history) and no
 * application around it: the tests hand events to the projections themselves. Tests write people with ids of their own, so they need not clean up after themselves.
 */
public final class ReadModelDatabase implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ReadModelDatabase.class);

    /** The running server and a connection to it, closed by JUnit at the end of the run. */
    private record Server(EmbeddedPostgres pg, SingleConnectionDataSource dataSource)
            implements ExtensionContext.Store.CloseableResource {

        static Server start() {
            EmbeddedPostgres pg;
            try {
                pg = EmbeddedPostgres.start(new EmbeddedPostgres.Settings(
                        Files.createTempDirectory("career-ledger-read-models-"), true, false, 0, "read_models"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Flyway.configure().dataSource(pg.jdbcUrl(), pg.username(), pg.password()).locations("classpath:db/migration")
                    .load().migrate();
            // one connection, kept open: the tests run one at a time
            return new Server(pg, new SingleConnectionDataSource(pg.jdbcUrl(), pg.username(), pg.password(), true));
        }

        @Override
        public void close() {
            dataSource.destroy();
            pg.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == JdbcTemplate.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Server server = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Server.class, k -> Server.start(),
                Server.class);
        return new JdbcTemplate(server.dataSource());
    }
}
