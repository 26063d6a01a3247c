package com.careerledger.api.quarters;

import com.careerledger.domain.person.RecordQuarterOutcome;
import com.careerledger.domain.quarter.QuarterAssessed;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/**
 * Every assessment, and every amendment of one, reaches the assessed person's sustained record. This handler
 * runs in a subscribing processor, inside the unit of work and database transaction that stores the
 * assessment: the Person's QuarterOutcomeRecorded commits with the QuarterAssessed, or neither does. So once
 * the assessment request has returned, a promotion request sees it — read-your-writes across aggregates.
 */
@Component
@ProcessingGroup(AssessmentOutcomeRelay.PROCESSING_GROUP)
public class AssessmentOutcomeRelay {

    public static final String PROCESSING_GROUP = "assessment-relay";

    private final CommandGateway commands;

    public AssessmentOutcomeRelay(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(QuarterAssessed event, MetaData metaData) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RecordQuarterOutcome(event.personId(),
                event.quarter(), event.operatingLevel(), event.assessmentId())).andMetaData(metaData));
    }
}
