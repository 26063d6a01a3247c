package com.careerledger.domain.person;

import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.DomainRuleViolation;
import com.careerledger.domain.shared.InvalidCommandException;
import com.careerledger.domain.shared.NotFoundException;
import com.careerledger.domain.shared.Texts;
import com.careerledger.domain.shared.Track;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;

import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A person on the ladder. Command handlers check rules and decide; only the event sourcing handlers change
 * state, so replaying the events always gives back the same person.
 */
@AggregateRoot(type = "Person")
public class Person {

    @AggregateIdentifier
    private UUID personId;
    private Discipline discipline;
    private Track track;
    private String level;
    private UUID managerId;

    protected Person() {
        // for Axon
    }

    @CommandHandler
    public Person(RegisterPerson command, CareerFramework framework, PersonRegistry registry) {
        String name = Texts.required("name", command.name(), 200);
        String email = Texts.email("email", command.email());
        if (command.discipline() == null) {
            throw new InvalidCommandException("discipline", "discipline is required");
        }
        if (command.track() == null) {
            throw new InvalidCommandException("track", "track is required");
        }
        if (framework.level(command.level()).isEmpty()) {
            throw new InvalidCommandException("level", "unknown level " + command.level());
        }
        // A level code names a rung of one track only: "M1" on the IC track is meaningless.
        if (!framework.belongsTo(command.level(), command.track())) {
            throw new InvalidCommandException("level", "level " + command.level() + " is not on the " + command.track() + " track");
        }
        // One person, one record: a second registration under the same e-mail would split a career in two.
        if (registry.isEmailTaken(email)) {
            throw new DomainRuleViolation("email-already-registered", "a person with the e-mail " + email + " is already registered");
        }
        if (command.managerId() != null) {
            if (command.managerId().equals(command.personId())) {
                throw new DomainRuleViolation("self-management", "a person cannot be their own manager");
            }
            if (!registry.exists(command.managerId())) {
                throw new NotFoundException("manager " + command.managerId() + " does not exist");
            }
        }
        apply(new PersonRegistered(command.personId(), name, email, command.discipline(), command.track(),
                command.level(), command.managerId()));
    }

    @EventSourcingHandler
    void on(PersonRegistered event) {
        this.personId = event.personId();
        this.discipline = event.discipline();
        this.track = event.track();
        this.level = event.level();
        this.managerId = event.managerId();
    }
}
