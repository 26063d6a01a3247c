package com.careerledger.api.config;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.conflictresolution.ConflictResolution;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;

/**
 * A command that expects an older version than its aggregate has (a stale If-Match) is refused before its handler
 * runs. Axon's event-sourcing repository otherwise lets the handler run and refuses at commit, so a handler's own
 * refusal, made against state the sender has not seen, would win over the version conflict. Here the conflict
 * comes first, always as a {@code ConflictingAggregateVersionException}. Without an expected version, or for a
 * command that creates its aggregate, there is nothing to check.
 */
public final class VersionCheckFirst implements HandlerEnhancerDefinition {

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        return original.canHandleMessageType(CommandMessage.class) ? new Checked<>(original) : original;
    }

    private static final class Checked<T> extends WrappedMessageHandlingMember<T> {

        private Checked(MessageHandlingMember<T> delegate) {
            super(delegate);
        }

        @Override
        public Object handle(Message<?> message, T target) throws Exception {
            // the repository registered a resolver when it loaded the aggregate at a newer version than expected:
            // every event since the expected version is a change the sender has not seen
            ConflictResolution.getConflictResolver().detectConflicts(unseen -> !unseen.isEmpty());
            return super.handle(message, target);
        }
    }
}
