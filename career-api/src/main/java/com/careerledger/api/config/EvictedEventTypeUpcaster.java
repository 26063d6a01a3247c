package com.careerledger.api.config;

import com.careerledger.domain.EventCatalogue;
import com.careerledger.domain.operations.DeadLetterEvicted;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@link DeadLetterEvicted} revision 1 named the skipped event by the Java class name it was stored under
 * ({@code evictedEventType: "com.careerledger.domain.quarter.EvidenceLogged"}); revision 2 by its stable name from the
 * event catalogue ({@code "EvidenceLogged"}). A stored revision 1 reads with the catalogue's name (a type the
 * catalogue does not know, as stored): nothing stored is rewritten.
 */
@Component
@Order(1)
public class EvictedEventTypeUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(DeadLetterEvicted.class.getName(), "1");
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(DeadLetterEvicted.class.getName(), "2");
    private static final String FIELD = "evictedEventType";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ObjectNode event = (ObjectNode) payload;
            JsonNode type = event.get(FIELD);
            if (type != null && type.isTextual()) {
                event.put(FIELD, EventCatalogue.nameOfStored(type.asText()));
            }
            return event;
        });
    }
}
