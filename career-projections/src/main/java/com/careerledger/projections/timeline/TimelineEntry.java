package com.careerledger.projections.timeline;

import org.springframework.lang.Nullable;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One line of a person's career timeline (contract: {@code GET /api/people/{personId}/timeline}).
 *
 * @param at      when the event happened (the event's own timestamp)
 * @param type    the event's name, e.g. {@code LevelChanged}
 * @param summary the event in a sentence a person reads
 * @param by      who acted (the event's metadata {@code actor}); null if the event names nobody
 * @param data    the event's key fields: ids, levels, the quarter
 */
public record TimelineEntry(Instant at, String type, String summary, @Nullable String by, JsonNode data) {
}
