package com.careerledger.projections.timeline;

import com.careerledger.projections.support.Page;
import com.careerledger.projections.support.ReadModelJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What is read of the timeline ({@link TimelineProjection} writes it). */
@Component
public class TimelineQueries {

    private final JdbcTemplate jdbc;

    public TimelineQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A person's timeline, oldest first. The count and the page come from one statement, so from one snapshot: a
     * batch committed in between cannot make the page hold more entries than the total says.
     */
    public Page<TimelineEntry> page(UUID personId, int page, int size) {
        long[] total = {0};
        List<TimelineEntry> items = new ArrayList<>();
        jdbc.query("""
                SELECT t.total, e.at, e.type, e.summary, e.actor, e.data
                FROM (SELECT count(*) AS total FROM timeline_entry WHERE person_id = ?) t
                LEFT JOIN LATERAL (
                    SELECT at, type, summary, actor, data::text AS data FROM timeline_entry WHERE person_id = ?
                    ORDER BY at, global_index, aggregate_id, sequence, event_id LIMIT ? OFFSET ?) e ON true""",
                rs -> {
                    total[0] = rs.getLong("total");
                    if (rs.getString("type") != null) {
                        items.add(new TimelineEntry(rs.getObject("at", OffsetDateTime.class).toInstant(),
                                rs.getString("type"), rs.getString("summary"), rs.getString("actor"),
                                ReadModelJson.tree(rs.getString("data"))));
                    }
                },
                personId, personId, size, (long) page * size);
        return new Page<>(items, page, size, total[0]);
    }
}
