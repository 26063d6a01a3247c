package com.careerledger.projections.support;

import com.careerledger.domain.quarter.QuarterId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * Events of one person, and of all their quarters, are handled in the order they were stored. Quarter
 * aggregates are identified as {@code personId/YYYY-Qn}, so the person id is the part before the slash.
 */
public class PersonSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domainEvent) {
            return QuarterId.personOf(domainEvent.getAggregateIdentifier());
        }
        return event.getIdentifier();
    }
}
