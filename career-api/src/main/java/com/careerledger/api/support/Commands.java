package com.careerledger.api.support;

import com.careerledger.domain.shared.MetaDataKeys;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Sends commands on behalf of the current actor, whose id goes into the metadata of every resulting event. When
 * the request named the version it was made against ({@code If-Match}), the command carries it too, and applies
 * only if its target aggregate is still at that version.
 */
@Component
public class Commands {

    private final CommandGateway gateway;
    private final CurrentActor actor;

    public Commands(@Qualifier("requestCommandGateway") CommandGateway gateway, CurrentActor actor) {
        this.gateway = gateway;
        this.actor = actor;
    }

    public <R> R send(Object command) {
        MetaData metaData = MetaData.with(MetaDataKeys.ACTOR, actor.id());
        Long expectedVersion = ExpectedVersion.ofCurrentRequest();
        if (expectedVersion != null) {
            metaData = metaData.and(ExpectedVersion.METADATA_KEY, expectedVersion);
        }
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }
}
