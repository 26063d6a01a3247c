package com.careerledger.api.storage;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.person.RegisterPerson;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.Track;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An acknowledged command is durable: its transaction commits as the server does ({@code synchronous_commit} on),
 * while only the read models' own transactions are relaxed ({@link ReadModelTransactionManager}). Until issue 15 the
 * command bus took the read models' transaction manager (the only one in the context) and every command committed
 * without waiting for the WAL flush.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// the tests' server runs with synchronous_commit off for speed; this one is as in production
@TestPropertySource(properties = "career.db.embedded.durable=true")
class CommandDurabilityTest {

    @Autowired
    CommandBus commandBus;
    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ReadModelTransactionManager readModels;

    @Test
    void a_command_commits_with_synchronous_commit_on() {
        AtomicReference<String> seen = new AtomicReference<>();
        MessageHandlerInterceptor<CommandMessage<?>> probe = (unitOfWork, chain) -> {
            // inside the command's unit of work, on its transaction's connection
            seen.set(jdbc.queryForObject("SHOW synchronous_commit", String.class));
            return chain.proceed();
        };
        Registration registration = ((SimpleCommandBus) commandBus).registerHandlerInterceptor(probe);
        try {
            UUID id = UUID.randomUUID();
            commands.sendAndWait(new RegisterPerson(id, "Durable Person", "durable-" + id + "@example.com",
                    Discipline.ENGINEERING, Track.IC, new LevelCode("IC2"), null));
        } finally {
            registration.cancel();
        }
        assertThat(seen.get()).isEqualTo("on");
    }

    @Test
    void a_read_model_transaction_commits_without_waiting_for_the_flush() {
        assertThat(readModels.fetchInTransaction(() -> jdbc.queryForObject("SHOW synchronous_commit", String.class)))
                .isEqualTo("off");
    }
}
