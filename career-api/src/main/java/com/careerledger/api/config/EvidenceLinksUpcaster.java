package com.careerledger.api.config;

import com.careerledger.domain.quarter.EvidenceLogged;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@link EvidenceLogged} revision 1 had one optional {@code link}; revision 2 has {@code links}. A stored revision 1
 * reads as a list of its one link, or an empty list: nothing stored is rewritten. Axon picks the upcaster up as a
 * Spring bean and runs it wherever events are read (aggregates, processors, point-in-time history).
 */
@Component
@Order(0)
public class EvidenceLinksUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(EvidenceLogged.class.getName(), "1");
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(EvidenceLogged.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ObjectNode event = (ObjectNode) payload;
            JsonNode link = event.remove("link");
            ArrayNode links = event.putArray("links");
            if (link != null && link.isTextual() && !link.asText().isBlank()) {
                links.add(link.asText());
            }
            return event;
        });
    }
}
