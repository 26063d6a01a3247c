package com.careerledger.projections.timeline;

import static com.careerledger.domain.CommandValues.level;
import static com.careerledger.domain.CommandValues.quarter;
import com.careerledger.domain.framework.ShippedFramework;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.person.QuarterOutcomeRecorded;
import com.careerledger.domain.quarter.Dimension;
import com.careerledger.domain.quarter.EvidenceLogged;
import com.careerledger.domain.quarter.EvidenceRetracted;
import com.careerledger.domain.quarter.GoalProgressed;
import com.careerledger.domain.quarter.GoalRevised;
import com.careerledger.domain.quarter.GoalSet;
import com.careerledger.domain.quarter.GoalStatus;
import com.careerledger.domain.quarter.QuarterOpened;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.MetaDataKeys;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.testsupport.ReadModelDatabase;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.careerledger.projections.testsupport.Batches.inOneBatch;
import static com.careerledger.projections.testsupport.Batches.oneByOne;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timeline writes a processor's batch at its end (ProjectionBatch): what a summary looks up — the person's
 * discipline, a goal's or evidence's latest title — must come out as if every entry had been written as soon as it
 * was handled, whether the entries it depends on are in the same batch or in an earlier one.
 * <p>
 * The events are handed to the projection directly, a batch being one unit of work, each test with people of its own.
 */
@ExtendWith(ReadModelDatabase.class)
class TimelineBatchTest {

    private static final Instant T = Instant.parse("2026-01-05T09:00:00Z");

    JdbcTemplate jdbc;
    TimelineProjection projection;

    @BeforeEach
    void setUp(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        projection = new TimelineProjection(jdbc, ShippedFramework.get());
    }

    private static UUID person() {
        return UUID.randomUUID();
    }

    private static DomainEventMessage<?> event(String aggregate, long seq, Instant at, Object payload) {
        return new GenericDomainEventMessage<>(aggregate.contains("/") ? "Quarter" : "Person", aggregate, seq, payload,
                Map.of(MetaDataKeys.ACTOR, "tester"), UUID.randomUUID().toString(), at);
    }

    private List<String> summaries(UUID person) {
        return jdbc.queryForList("SELECT summary FROM timeline_entry WHERE person_id = ? ORDER BY at, aggregate_id, sequence",
                String.class, person);
    }

    private List<String> rows(UUID person) {
        List<String> rows = new ArrayList<>(jdbc.queryForList("SELECT row_to_json(t)::text FROM timeline_entry t WHERE person_id = ?",
                String.class, person));
        rows.addAll(jdbc.queryForList("SELECT row_to_json(t)::text FROM timeline_person t WHERE person_id = ?", String.class, person));
        rows.sort(null);
        return rows;
    }

    /** A product manager's career: registered, a quarter, a goal revised twice, evidence logged and retracted. */
    private static List<DomainEventMessage<?>> career(UUID p, UUID goal, UUID evidence) {
        String q = p + "/2026-Q1";
        return List.of(
                event(p.toString(), 0, T, new PersonRegistered(p, "Pat", "pat@example.com", Discipline.PRODUCT, Track.IC, level("IC2"), null)),
                event(q, 0, T.plusSeconds(1), new QuarterOpened(p, quarter("2026-Q1"), Track.IC, level("IC2"), level("IC3"))),
                event(q, 1, T.plusSeconds(2), new GoalSet(p, quarter("2026-Q1"), goal, "Launch pricing", null, Dimension.IMPACT, "m", level("IC3"))),
                event(q, 2, T.plusSeconds(3), new EvidenceLogged(p, quarter("2026-Q1"), evidence, "Pricing page live", null, "i",
                        Dimension.IMPACT, level("IC3"), null, null, null)),
                event(q, 3, T.plusSeconds(4), new GoalRevised(p, quarter("2026-Q1"), goal, "Launch pricing in 3 markets", null, Dimension.SCOPE, "m")),
                event(q, 4, T.plusSeconds(5), new GoalProgressed(p, quarter("2026-Q1"), goal, GoalStatus.ON_TRACK, null)),
                event(q, 5, T.plusSeconds(6), new GoalRevised(p, quarter("2026-Q1"), goal, "Launch pricing in 5 markets", null, Dimension.SCOPE, "m")),
                event(q, 6, T.plusSeconds(7), new EvidenceRetracted(p, quarter("2026-Q1"), evidence, "Wrong quarter")),
                event(p.toString(), 1, T.plusSeconds(8), new QuarterOutcomeRecorded(p, quarter("2026-Q1"), level("IC3"), UUID.randomUUID(), level("IC2"))));
    }

    private static final List<String> CAREER_SUMMARIES = List.of(
            "Joined the ladder at IC2 (Senior PM) on the individual contributor track",
            "Quarter 2026-Q1 opened at IC2 (Senior PM), aiming at IC3 (Lead PM)",
            "Set a goal for 2026-Q1: Launch pricing (IMPACT, aims at IC3)",
            "Logged evidence: Pricing page live (IMPACT, shows IC3)",
            "Revised a goal for 2026-Q1: Launch pricing is now Launch pricing in 3 markets (SCOPE)",
            "Progress on Launch pricing in 3 markets (2026-Q1): on track",
            "Revised a goal for 2026-Q1: Launch pricing in 3 markets is now Launch pricing in 5 markets (SCOPE)",
            "Retracted evidence: Pricing page live (Wrong quarter)",
            "Quarter 2026-Q1 joined the sustained record at IC3 (Lead PM), holding IC2 (Senior PM)");

    @Test
    void lookups_find_what_earlier_entries_of_the_same_batch_wrote() {
        UUID p = person();
        inOneBatch(projection, career(p, UUID.randomUUID(), UUID.randomUUID()));

        assertThat(summaries(p)).isEqualTo(CAREER_SUMMARIES);
    }

    @Test
    void lookups_find_what_earlier_batches_wrote() {
        UUID p = person();
        oneByOne(projection, career(p, UUID.randomUUID(), UUID.randomUUID()));

        assertThat(summaries(p)).isEqualTo(CAREER_SUMMARIES);
    }

    @Test
    void lookups_combine_earlier_batches_with_the_entries_before_them_in_their_own() {
        UUID p = person();
        List<DomainEventMessage<?>> career = career(p, UUID.randomUUID(), UUID.randomUUID());
        inOneBatch(projection, career.subList(0, 3));
        inOneBatch(projection, career.subList(3, 6));
        inOneBatch(projection, career.subList(6, career.size()));

        assertThat(summaries(p)).isEqualTo(CAREER_SUMMARIES);
    }

    @Test
    void handled_outside_a_unit_of_work_an_entry_is_written_at_once() throws Exception {
        UUID p = person();
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        for (DomainEventMessage<?> event : career(p, UUID.randomUUID(), UUID.randomUUID())) {
            handlers.handle(event);
        }

        assertThat(summaries(p)).isEqualTo(CAREER_SUMMARIES);
    }

    /**
     * The latest title is the latest in the timeline's order — time (to the microsecond the column keeps), then
     * aggregate and sequence — not in the order the entries were handled.
     */
    private static List<DomainEventMessage<?>> clockSkew(UUID p, UUID goal, UUID tie, UUID roundedUp) {
        String q = p + "/2026-Q2";
        return List.of(
                event(p.toString(), 0, T, new PersonRegistered(p, "Sam", "sam@example.com", Discipline.ENGINEERING, Track.IC, level("IC1"), null)),
                // revised "before" it was set: the set title stays the latest
                event(q, 0, T.plusSeconds(10), new GoalSet(p, quarter("2026-Q2"), goal, "Set late", null, Dimension.CRAFT, "m", null)),
                event(q, 1, T.plusSeconds(5), new GoalRevised(p, quarter("2026-Q2"), goal, "Revised early", null, Dimension.CRAFT, "m")),
                event(q, 2, T.plusSeconds(20), new GoalProgressed(p, quarter("2026-Q2"), goal, GoalStatus.DONE, null)),
                // 400 ns later is the same microsecond: the higher sequence is the later entry
                event(q, 3, T.plusSeconds(30).plusNanos(400), new GoalSet(p, quarter("2026-Q2"), tie, "Tie set", null, Dimension.CRAFT, "m", null)),
                event(q, 4, T.plusSeconds(30), new GoalRevised(p, quarter("2026-Q2"), tie, "Tie revised", null, Dimension.CRAFT, "m")),
                event(q, 5, T.plusSeconds(40), new GoalProgressed(p, quarter("2026-Q2"), tie, GoalStatus.DONE, null)),
                // 500 ns rounds up to the next microsecond: a tie again
                event(q, 6, T.plusSeconds(50).plusNanos(1_000), new GoalSet(p, quarter("2026-Q2"), roundedUp, "Up set", null, Dimension.CRAFT, "m", null)),
                event(q, 7, T.plusSeconds(50).plusNanos(500), new GoalRevised(p, quarter("2026-Q2"), roundedUp, "Up revised", null, Dimension.CRAFT, "m")),
                event(q, 8, T.plusSeconds(60), new GoalProgressed(p, quarter("2026-Q2"), roundedUp, GoalStatus.DONE, null)));
    }

    private static final List<String> CLOCK_SKEW_PROGRESS = List.of(
            "Progress on Set late (2026-Q2): done",
            "Progress on Tie revised (2026-Q2): done",
            "Progress on Up revised (2026-Q2): done");

    @Test
    void the_latest_title_is_the_latest_in_the_timelines_order_in_one_batch_as_across_batches() {
        UUID together = person();
        inOneBatch(projection, clockSkew(together, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()));
        UUID apart = person();
        oneByOne(projection, clockSkew(apart, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()));

        for (UUID p : List.of(together, apart)) {
            assertThat(summaries(p)).as("person %s", p).filteredOn(s -> s.startsWith("Progress"))
                    .isEqualTo(CLOCK_SKEW_PROGRESS);
        }
        assertThat(summaries(together)).isEqualTo(summaries(apart));
    }

    @Test
    void an_event_handled_again_in_the_same_or_a_later_batch_changes_nothing() {
        UUID p = person();
        List<DomainEventMessage<?>> career = career(p, UUID.randomUUID(), UUID.randomUUID());
        inOneBatch(projection, career.subList(0, 5));
        List<String> firstFive = rows(p);
        inOneBatch(projection, career.subList(0, 5));
        assertThat(rows(p)).isEqualTo(firstFive);

        // the rest, with the events before them delivered again in front and one twice within the batch
        List<DomainEventMessage<?>> again = new ArrayList<>(career.subList(2, 5));
        again.addAll(career.subList(5, career.size()));
        again.add(career.get(6));
        inOneBatch(projection, again);
        UUID q = person();
        inOneBatch(projection, career(q, UUID.randomUUID(), UUID.randomUUID()));

        assertThat(summaries(p)).isEqualTo(CAREER_SUMMARIES);
        assertThat(rows(p)).hasSameSizeAs(rows(q)).hasSize(CAREER_SUMMARIES.size() + 1);
    }
}
