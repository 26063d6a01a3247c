package com.careerledger.projections.audit;

import static com.careerledger.domain.CommandValues.level;
import static com.careerledger.domain.CommandValues.quarter;
import com.careerledger.domain.framework.FrameworkRef;
import com.careerledger.domain.framework.PromotionPolicy;
import com.careerledger.domain.framework.ShippedFramework;
import com.careerledger.domain.person.BasisChange;
import com.careerledger.domain.person.DecisionBasisChanged;
import com.careerledger.domain.person.DecisionKind;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.person.QuarterOutcome;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.MetaDataKeys;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.audit.PromotionAuditViews.AuditedDecision;
import com.careerledger.projections.audit.PromotionAuditViews.BasisQuarter;
import com.careerledger.projections.audit.PromotionAuditViews.BasisQuarterChange;
import com.careerledger.projections.testsupport.ReadModelDatabase;
import com.careerledger.projections.timeline.TimelineProjection;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.careerledger.projections.testsupport.Batches.inOneBatch;
import static com.careerledger.projections.testsupport.Batches.oneByOne;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Basis changes and track switches through the read models' batches: a change in the same batch as its decision or
 * in a later one, a change delivered twice, and lookups of the timeline (a promotion's level, the level last held on
 * a track) across batches, all come out as if each event had been written on its own.
 * <p>
 * The events go to the projections directly, a batch being one unit of work, each test with people of its own.
 */
@ExtendWith(ReadModelDatabase.class)
class BasisChangeBatchTest {

    private static final Instant T = Instant.parse("2026-01-05T09:00:00Z");
    private static final FrameworkRef FRAMEWORK = new FrameworkRef("career-ladder", 1, "0".repeat(64));

    JdbcTemplate jdbc;
    PromotionAuditProjection audit;
    PromotionAuditQueries queries;
    TimelineProjection timeline;

    @BeforeEach
    void setUp(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        audit = new PromotionAuditProjection(jdbc);
        queries = new PromotionAuditQueries(jdbc);
        timeline = new TimelineProjection(jdbc, ShippedFramework.get());
    }

    /** A promotion on 2025-Q1/Q2, then 2025-Q1 reopened and re-assessed at IC1. */
    private static List<DomainEventMessage<?>> changedPromotion(UUID p, UUID decision, UUID a1, UUID a1again) {
        String s = p.toString();
        return List.of(
                event(s, 0, T, new PersonRegistered(p, "Pat", "pat@example.com", Discipline.ENGINEERING, Track.IC, level("IC2"), null)),
                event(s, 1, T.plusSeconds(1), new LevelChanged(p, decision, DecisionKind.PROMOTION, level("IC2"), level("IC3"),
                        List.of(new QuarterOutcome(quarter("2025-Q1"), level("IC3"), a1), new QuarterOutcome(quarter("2025-Q2"), level("IC3"), UUID.randomUUID())),
                        new PromotionPolicy(2), FRAMEWORK, "Sustained", null, "committee", T.plusSeconds(1))),
                event(s, 2, T.plusSeconds(2), new DecisionBasisChanged(p, decision, quarter("2025-Q1"), BasisChange.WITHDRAWN,
                        level("IC3"), null, a1, false, "reviewer", T.plusSeconds(2))),
                event(s, 3, T.plusSeconds(3), new DecisionBasisChanged(p, decision, quarter("2025-Q1"), BasisChange.REASSESSED,
                        level("IC3"), level("IC1"), a1again, false, "reviewer", T.plusSeconds(3))));
    }

    private static final List<String> CHANGE_SUMMARIES = List.of(
            "The promotion to IC3 (Senior Engineer) rests on 2025-Q1, whose assessment was reopened;"
                    + " the decision would no longer hold",
            "The promotion to IC3 (Senior Engineer) rests on 2025-Q1, which was reassessed at IC1 (Junior Engineer);"
                    + " the decision would no longer hold");

    @Test
    void a_change_in_the_same_batch_as_its_decision_or_a_later_one_and_delivered_twice_is_listed_once_in_order() {
        UUID together = person();
        UUID apart = person();
        UUID d1 = UUID.randomUUID();
        UUID d2 = UUID.randomUUID();
        UUID a1 = UUID.randomUUID();
        UUID again = UUID.randomUUID();
        List<DomainEventMessage<?>> one = changedPromotion(together, d1, a1, again);
        List<DomainEventMessage<?>> two = changedPromotion(apart, d2, a1, again);

        inOneBatch(audit, one);
        inOneBatch(audit, one.subList(2, 4)); // redelivered
        oneByOne(audit, two);
        inOneBatch(audit, two.subList(3, 4)); // redelivered

        for (UUID decision : List.of(d1, d2)) {
            AuditedDecision d = queries.find(decision).orElseThrow();
            assertThat(d.basisChanges()).extracting(BasisQuarterChange::change)
                    .containsExactly(BasisChange.WITHDRAWN, BasisChange.REASSESSED);
            assertThat(d.basisChanges()).extracting(BasisQuarterChange::operatingLevel).containsExactly(null, "IC1");
            assertThat(d.basisChanges()).extracting(BasisQuarterChange::changedBy).containsExactly("reviewer", "reviewer");
            assertThat(d.basisChanges().get(1).changedAt()).isEqualTo(T.plusSeconds(3));
            assertThat(d.basisStillHolds()).isFalse();
            assertThat(d.basis()).extracting(BasisQuarter::operatingLevel).containsExactly("IC3", "IC3");
            assertThat(d.basis()).extracting(BasisQuarter::changed).containsExactly(true, false);
        }
        assertThat(changes(together)).isEqualTo(changes(apart));
    }

    @Test
    void a_change_to_a_decision_the_audit_does_not_have_attaches_to_nothing() {
        UUID p = person();
        inOneBatch(audit, List.of(event(p.toString(), 5, T, new DecisionBasisChanged(p, UUID.randomUUID(), quarter("2025-Q1"),
                BasisChange.WITHDRAWN, level("IC3"), null, UUID.randomUUID(), false, "reviewer", T))));

        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_decision WHERE person_id = ?", Long.class, p)).isZero();
    }

    @Test
    void the_timeline_finds_the_promotions_level_in_the_same_batch_and_in_an_earlier_one() {
        UUID together = person();
        UUID apart = person();
        inOneBatch(timeline, changedPromotion(together, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()));
        oneByOne(timeline, changedPromotion(apart, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()));

        assertThat(summaries(together, "DecisionBasisChanged")).isEqualTo(CHANGE_SUMMARIES);
        assertThat(summaries(apart, "DecisionBasisChanged")).isEqualTo(CHANGE_SUMMARIES);
    }

    @Test
    void the_timeline_finds_the_level_last_held_on_a_track_in_the_same_batch_and_in_an_earlier_one() {
        List<String> expected = List.of(
                "Switched from the individual contributor track at IC6 (Principal Engineer) to the manager track"
                        + " at M3 (Director), the equivalent level (not a promotion)",
                "Switched from the manager track at M3 (Director) back to the individual contributor track"
                        + " at IC6 (Principal Engineer), the level held there before (not a promotion)",
                "Switched from the individual contributor track at IC6 (Principal Engineer) back to the manager track"
                        + " at M3 (Director), the level held there before (not a promotion)",
                // a round trip that cost a level, as a switch stored before 2026-11 could
                "Switched from the manager track at M3 (Director) to the individual contributor track at IC5"
                        + " (Staff Engineer), one of the levels equivalent to M3 (IC5 and IC6),"
                        + " not IC6 (Principal Engineer) held there before (not a promotion)");
        UUID together = person();
        UUID apart = person();
        UUID split = person();
        inOneBatch(timeline, switches(together));
        oneByOne(timeline, switches(apart));
        List<DomainEventMessage<?>> s = switches(split);
        inOneBatch(timeline, s.subList(0, 2));
        inOneBatch(timeline, s.subList(2, 5));

        assertThat(summaries(together, "TrackSwitched")).isEqualTo(expected);
        assertThat(summaries(apart, "TrackSwitched")).isEqualTo(expected);
        assertThat(summaries(split, "TrackSwitched")).isEqualTo(expected);
    }

    private static List<DomainEventMessage<?>> switches(UUID p) {
        String s = p.toString();
        return List.of(
                event(s, 0, T, new PersonRegistered(p, "Ray", "ray@example.com", Discipline.ENGINEERING, Track.IC, level("IC6"), null)),
                event(s, 1, T.plusSeconds(1), switched(p, Track.IC, "IC6", Track.MANAGER, "M3")),
                event(s, 2, T.plusSeconds(2), switched(p, Track.MANAGER, "M3", Track.IC, "IC6")),
                event(s, 3, T.plusSeconds(3), switched(p, Track.IC, "IC6", Track.MANAGER, "M3")),
                event(s, 4, T.plusSeconds(4), switched(p, Track.MANAGER, "M3", Track.IC, "IC5")));
    }

    private static TrackSwitched switched(UUID p, Track from, String fromLevel, Track to, String toLevel) {
        return new TrackSwitched(p, UUID.randomUUID(), from, level(fromLevel), to, level(toLevel), List.of(), FRAMEWORK, "Role change",
                "committee", T);
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private static UUID person() {
        return UUID.randomUUID();
    }

    private static DomainEventMessage<?> event(String aggregate, long seq, Instant at, Object payload) {
        return new GenericDomainEventMessage<>("Person", aggregate, seq, payload, Map.of(MetaDataKeys.ACTOR, "tester"),
                UUID.randomUUID().toString(), at);
    }

    private List<String> summaries(UUID person, String type) {
        return jdbc.queryForList("SELECT summary FROM timeline_entry WHERE person_id = ? AND type = ? ORDER BY at, sequence",
                String.class, person, type);
    }

    private String changes(UUID person) {
        return jdbc.queryForObject("SELECT basis_changes::text FROM audit_decision WHERE person_id = ?", String.class,
                person);
    }
}
