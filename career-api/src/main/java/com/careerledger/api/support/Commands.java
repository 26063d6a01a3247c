package com.careerledger.api.support;

import com.careerledger.api.concurrency.CommandResults;
import com.careerledger.api.concurrency.ExpectedVersion;
import com.careerledger.api.concurrency.IdempotentRequest;
import com.careerledger.api.security.CurrentActor;
import com.careerledger.domain.shared.MetaDataKeys;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Sends commands on behalf of the current actor, whose id goes into the metadata of every resulting event. When
 * the request named the version it was made against ({@code If-Match}), the command carries it too, and applies
 * only if its target aggregate is still at that version.
 */
@Component
public class Commands {

    private final CommandGateway gateway;
    private final CurrentActor actor;
    private final CommandResults results;

    public Commands(@Qualifier("requestCommandGateway") CommandGateway gateway, CurrentActor actor,
                    CommandResults results) {
        this.gateway = gateway;
        this.actor = actor;
        this.results = results;
    }

    public <R> R send(Object command) {
        MetaData metaData = MetaData.with(MetaDataKeys.ACTOR, actor.id());
        Long expectedVersion = ExpectedVersion.ofCurrentRequest();
        if (expectedVersion != null) {
            metaData = metaData.and(ExpectedVersion.METADATA_KEY, expectedVersion);
        }
        Optional<IdempotentRequest> idempotent = IdempotentRequest.current();
        if (idempotent.isPresent()) {
            int index = idempotent.get().nextCommand();
            Optional<CommandResults.Recorded> applied = idempotent.get().recorded(index);
            if (applied.isPresent()) {
                // an earlier run of this request applied the command and died before answering: not sent again
                return results.replay(applied.get());
            }
            metaData = metaData.and(IdempotentRequest.CLAIM_METADATA, idempotent.get().claimId().toString())
                    .and(IdempotentRequest.COMMAND_METADATA, index);
        }
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }
}
