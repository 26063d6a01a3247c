package com.careerledger.domain.policy;

import com.careerledger.domain.person.QuarterRegistry;
import com.careerledger.domain.person.RecordQuarterOutcome;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.person.WithdrawQuarterOutcome;
import com.careerledger.domain.quarter.MoveQuarterToTrack;
import com.careerledger.domain.quarter.QuarterAssessed;
import com.careerledger.domain.quarter.QuarterReopened;
import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;

/**
 * Keeps a person's record and their quarters in step. Every assessment, and every amendment of one, reaches the
 * assessed person's sustained record at the level held in that quarter; a reopening withdraws the assessment
 * from it until the quarter is assessed again; a track switch moves the person's open quarters to the new track.
 * <p>
 * It must run in a subscribing processor, inside the unit of work and database transaction that stores the
 * triggering event: the consequence commits with it, or neither does. So once the request has returned, a
 * promotion request sees it: read-your-writes across aggregates (ADR 0007). The application registers it so
 * (processing group {@code assessment-relay}, in the API's Axon configuration); the consequences' commands carry
 * the triggering event's metadata (the actor, the request's trace).
 */
public class AssessmentOutcomePolicy {

    private final CommandGateway commands;
    private final QuarterRegistry quarters;

    public AssessmentOutcomePolicy(CommandGateway commands, QuarterRegistry quarters) {
        this.commands = commands;
        this.quarters = quarters;
    }

    @EventHandler
    void on(QuarterAssessed event, MetaData metaData) {
        send(new RecordQuarterOutcome(event.personId(), event.quarter(), event.operatingLevel(), event.assessmentId(),
                event.levelHeld()), metaData);
    }

    @EventHandler
    void on(QuarterReopened event, MetaData metaData) {
        if (event.previousAssessmentId() != null) {
            send(new WithdrawQuarterOutcome(event.personId(), event.quarter(),
                    event.previousAssessmentId(), event.reason()), metaData);
        }
    }

    @EventHandler
    void on(TrackSwitched event, MetaData metaData) {
        for (String quarter : quarters.openQuartersOf(event.personId())) {
            send(new MoveQuarterToTrack(event.personId(), YearQuarter.parse(quarter), event.decisionId(),
                    event.toTrack(), event.toLevel()), metaData);
        }
    }

    private void send(Object command, MetaData metaData) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }
}
