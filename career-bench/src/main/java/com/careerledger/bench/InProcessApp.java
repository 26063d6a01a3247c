package com.careerledger.bench;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.messaging.MetaData;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The application started inside the benchmark's JVM, exactly as {@code java -jar} starts it (same main class,
 * same application.yml), on the benchmark's database: the command gateway is then at hand, and HTTP goes
 * through its real web server on a free port. Its log goes to a file; warnings also reach the console.
 */
final class InProcessApp implements AutoCloseable {

    static final String APPLICATION_CLASS = "com.careerledger.api.CareerLedgerApplication";
    static final String ADMIN_USER = "admin";

    private final ConfigurableApplicationContext context;
    private final int port;

    private InProcessApp(ConfigurableApplicationContext context) {
        this.context = context;
        Integer p = context.getEnvironment().getProperty("local.server.port", Integer.class);
        if (p == null) {
            throw new IllegalStateException("the application started without a web server");
        }
        this.port = p;
    }

    static InProcessApp start(BenchDatabase db, String adminPassword, Path logFile) throws ClassNotFoundException {
        // Loaded by name: the application is not a compile-time dependency (see career-bench/pom.xml).
        Class<?> application = Class.forName(APPLICATION_CLASS);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .run("--CAREER_DB_URL=" + db.appUrl(),
                        "--CAREER_DB_USER=" + db.user(),
                        "--CAREER_DB_PASSWORD=" + db.password(),
                        "--CAREER_ADMIN_PASSWORD=" + adminPassword,
                        // the load is the point here: the per-account write limit must not shape it
                        "--career.security.rate-limit.writes-per-second=1000000000",
                        "--career.security.rate-limit.burst=1000000000",
                        "--career.security.rate-limit.writes-per-minute=1000000000",
                        "--server.port=0",
                        "--spring.main.banner-mode=off",
                        "--logging.file.name=" + logFile,
                        "--logging.threshold.console=WARN");
        return new InProcessApp(context);
    }

    int port() {
        return port;
    }

    CommandGateway gateway() {
        return context.getBean(CommandGateway.class);
    }

    /** Sends a command as the application's controllers do: the acting user's id in the metadata. */
    <R> R send(Object command) {
        return gateway().sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.with("actor", ADMIN_USER)));
    }

    /** Stops every tracking processor (so that bulk-written events wait for the rebuild); returns their names. */
    List<String> stopTrackingProcessors() {
        List<String> names = new ArrayList<>();
        for (EventProcessor p : context.getBean(EventProcessingConfiguration.class).eventProcessors().values()) {
            if (p instanceof TrackingEventProcessor tracking) {
                tracking.shutDown();
                names.add(p.getName());
            }
        }
        return names;
    }

    @Override
    public void close() {
        context.close();
    }
}
