package com.careerledger.projections.audit;

import static com.careerledger.domain.CommandValues.level;
import static com.careerledger.domain.CommandValues.quarter;
import com.careerledger.domain.framework.FrameworkRef;
import com.careerledger.domain.framework.PromotionPolicy;
import com.careerledger.domain.person.DecisionKind;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.QuarterOutcome;
import com.careerledger.domain.quarter.Dimension;
import com.careerledger.domain.quarter.EvidenceLogged;
import com.careerledger.domain.quarter.EvidenceRetracted;
import com.careerledger.domain.quarter.QuarterAssessed;
import com.careerledger.domain.shared.MetaDataKeys;
import com.careerledger.projections.audit.PromotionAuditViews.BasisEvidence;
import com.careerledger.projections.audit.PromotionAuditViews.BasisQuarter;
import com.careerledger.projections.support.StoredTime;
import com.careerledger.projections.testsupport.ReadModelDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;

import static com.careerledger.projections.testsupport.Batches.inOneBatch;
import static com.careerledger.projections.testsupport.Batches.oneByOne;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A decision's basis lists evidence {@code ORDER BY logged_at, evidence_id}. Evidence logged in the same batch as
 * the decision is not in the table yet, so the audit sorts it in memory among the stored rows: by the instant
 * the {@code timestamptz} column will hold, which is the event's timestamp as the driver sends it (to the
 * microsecond).
 */
@ExtendWith(ReadModelDatabase.class)
class EvidenceOrderTest {

    private static final Instant T = Instant.parse("2025-02-02T10:00:00Z");
    private static final FrameworkRef FRAMEWORK = new FrameworkRef("career-ladder", 1, "0".repeat(64));

    @Test
    void evidence_logged_in_the_batch_sorts_by_the_instant_postgresql_stores_for_it(JdbcTemplate jdbc) {
        Instant base = Instant.parse("2026-02-02T10:00:00Z");
        for (long nanos : List.of(0L, 1L, 499L, 500L, 501L, 999L, 1_499L, 1_500L, 123_456_789L, 999_999_499L,
                999_999_500L, 999_999_999L)) {
            Instant at = base.plusNanos(nanos);
            OffsetDateTime stored = jdbc.queryForObject("SELECT CAST(? AS timestamptz)", OffsetDateTime.class,
                    at.atOffset(ZoneOffset.UTC));
            assertThat(StoredTime.asStored(at)).as("%s", at).isEqualTo(stored.toInstant());
        }
    }

    /**
     * Entries logged a few hundred nanoseconds apart (stored at the same microsecond, then ordered by id, compared
     * as PostgreSQL compares uuids), one retracted before the decision and one after it, and an entry's log
     * delivered again after its retraction: the basis is the same whether the quarter's events share the decision's
     * batch, come one by one, or are split across batches, and a redelivered entry stays retracted.
     */
    @Test
    void the_basis_lists_the_same_evidence_in_the_same_order_however_the_events_are_batched(JdbcTemplate jdbc) {
        PromotionAuditProjection audit = new PromotionAuditProjection(jdbc);
        PromotionAuditQueries queries = new PromotionAuditQueries(jdbc);
        List<BiConsumer<PromotionAuditProjection, List<DomainEventMessage<?>>>> ways = List.of(
                (projection, events) -> inOneBatch(projection, events),
                (projection, events) -> oneByOne(projection, events),
                (projection, events) -> {
                    inOneBatch(projection, events.subList(0, 5));
                    inOneBatch(projection, events.subList(5, 9));
                    inOneBatch(projection, events.subList(9, 10));
                },
                (projection, events) -> {
                    oneByOne(projection, events.subList(0, 3));
                    inOneBatch(projection, events.subList(3, 10));
                });
        for (BiConsumer<PromotionAuditProjection, List<DomainEventMessage<?>>> way : ways) {
            Quarter q = new Quarter();
            way.accept(audit, q.events());

            BasisQuarter basis = queries.find(q.decision).orElseThrow().basis().get(0);
            assertThat(basis.evidence()).extracting(BasisEvidence::evidenceId)
                    .containsExactly(q.low, q.high, q.later, q.retractedAfter);
            assertThat(basis.assessedAt()).isEqualTo(q.assessedAt);
            assertThat(retracted(jdbc, q.retractedBefore)).isTrue();
            assertThat(retracted(jdbc, q.retractedAfter)).isTrue();
            assertThat(retracted(jdbc, q.high)).isFalse();
        }
    }

    private static boolean retracted(JdbcTemplate jdbc, UUID evidenceId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT retracted_at IS NOT NULL FROM audit_evidence WHERE evidence_id = ?", Boolean.class, evidenceId));
    }

    /** One person's quarter, its evidence and a promotion resting on it. */
    private static final class Quarter {
        final UUID person = UUID.randomUUID();
        final UUID decision = UUID.randomUUID();
        final UUID assessment = UUID.randomUUID();
        /** Logged first, with the higher id as PostgreSQL compares them (signed, it would be the lower). */
        final UUID high = id(0x8000_0000_0000_0000L);
        /** Logged 400 ns later, stored at the same microsecond. */
        final UUID low = id(0x1000_0000_0000_0000L);
        /** Logged 600 ns after the first, stored a microsecond later. */
        final UUID later = id(0x0000_0000_0000_0000L);
        final UUID retractedBefore = UUID.randomUUID();
        final UUID retractedAfter = UUID.randomUUID();
        final Instant assessedAt = T.plusSeconds(4).plusNanos(123_456_789);

        List<DomainEventMessage<?>> events() {
            List<DomainEventMessage<?>> events = new ArrayList<>();
            String quarter = person + "/2025-Q1";
            events.add(event("Quarter", quarter, 0, T.plusNanos(100), logged(high)));
            events.add(event("Quarter", quarter, 1, T.plusNanos(400), logged(low)));
            events.add(event("Quarter", quarter, 2, T.plusNanos(700), logged(later)));
            events.add(event("Quarter", quarter, 3, T.plusSeconds(2), logged(retractedBefore)));
            events.add(event("Quarter", quarter, 4, T.plusSeconds(3),
                    new EvidenceRetracted(person, quarter("2025-Q1"), retractedBefore, "duplicate")));
            events.add(event("Quarter", quarter, 5, assessedAt, new QuarterAssessed(person, quarter("2025-Q1"), assessment,
                    level("IC3"), level("IC2"), level("IC3"), true, "Strong quarter", "lead", null)));
            events.add(event("Quarter", quarter, 6, T.plusSeconds(5), logged(retractedAfter)));
            events.add(event("Person", person.toString(), 1, T.plusSeconds(6), new LevelChanged(person, decision,
                    DecisionKind.PROMOTION, level("IC2"), level("IC3"), List.of(new QuarterOutcome(quarter("2025-Q1"), level("IC3"), assessment)),
                    new PromotionPolicy(1), FRAMEWORK, "Sustained", null, "committee", T.plusSeconds(6))));
            events.add(event("Quarter", quarter, 7, T.plusSeconds(7),
                    new EvidenceRetracted(person, quarter("2025-Q1"), retractedAfter, "wrong quarter")));
            events.add(events.get(3)); // delivered again after its retraction
            return events;
        }

        private EvidenceLogged logged(UUID evidenceId) {
            return new EvidenceLogged(person, quarter("2025-Q1"), evidenceId, "Entry " + evidenceId, null, null,
                    Dimension.CRAFT, level("IC3"), null, List.of(), LocalDate.parse("2025-01-15"));
        }

        private static UUID id(long high) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            return new UUID(high | (random.nextLong() & 0x0fff_ffff_ffff_ffffL), random.nextLong());
        }
    }

    private static DomainEventMessage<?> event(String type, String aggregate, long seq, Instant at, Object payload) {
        return new GenericDomainEventMessage<>(type, aggregate, seq, payload, Map.of(MetaDataKeys.ACTOR, "tester"),
                UUID.randomUUID().toString(), at);
    }
}
