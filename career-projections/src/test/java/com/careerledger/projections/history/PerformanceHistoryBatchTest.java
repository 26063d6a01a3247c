package com.careerledger.projections.history;

import com.careerledger.projections.testsupport.StoredRows;
import static com.careerledger.domain.CommandValues.level;
import static com.careerledger.domain.CommandValues.quarter;
import com.careerledger.domain.person.SustainedPerformancePolicy;

import com.careerledger.domain.framework.ShippedFramework;
import com.careerledger.domain.person.DecisionKind;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.ManagerAssigned;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.person.QuarterOutcomeRecorded;
import com.careerledger.domain.person.QuarterOutcomeWithdrawn;
import com.careerledger.domain.quarter.Dimension;
import com.careerledger.domain.quarter.EvidenceLogged;
import com.careerledger.domain.quarter.EvidenceRetracted;
import com.careerledger.domain.quarter.GoalDropped;
import com.careerledger.domain.quarter.GoalSet;
import com.careerledger.domain.quarter.QuarterAssessed;
import com.careerledger.domain.quarter.QuarterOpened;
import com.careerledger.domain.quarter.QuarterReopened;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.MetaDataKeys;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.history.PerformanceHistory.QuarterLine;
import com.careerledger.projections.testsupport.ReadModelDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.careerledger.projections.testsupport.Batches.inOneBatch;
import static com.careerledger.projections.testsupport.Batches.oneByOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The performance history writes a processor's batch at its end: a person's rows must come out as if each event had
 * been written on its own — in one batch, one by one, in pieces or delivered again — and read as the history.
 */
@ExtendWith(ReadModelDatabase.class)
class PerformanceHistoryBatchTest {

    private static final Instant T = Instant.parse("2025-01-06T09:00:00Z");

    JdbcTemplate jdbc;
    PerformanceHistoryProjection projection;
    PerformanceHistoryQueries queries;

    @BeforeEach
    void setUp(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        projection = new PerformanceHistoryProjection(jdbc);
        queries = new PerformanceHistoryQueries(jdbc, ShippedFramework.get());
    }

    private record Ids(UUID person, UUID first, UUID second) {
        static Ids fresh() {
            return new Ids(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        }

        List<UUID> all() {
            return List.of(person, first, second);
        }
    }

    /** The events of a career in the order they were stored: two people's would interleave only across people. */
    private static List<DomainEventMessage<?>> career(Ids i) {
        UUID p = i.person();
        List<DomainEventMessage<?>> events = new ArrayList<>();
        long[] personSeq = {0};
        Map<String, long[]> quarterSeq = new java.util.HashMap<>();
        java.util.function.BiConsumer<String, Object> add = (quarter, payload) -> {
            long seq = quarter == null ? personSeq[0]++ : quarterSeq.computeIfAbsent(quarter, q -> new long[1])[0]++;
            events.add(new GenericDomainEventMessage<>(quarter == null ? "Person" : "Quarter",
                    quarter == null ? p.toString() : p + "/" + quarter, seq, payload,
                    Map.of(MetaDataKeys.ACTOR, "tester"), UUID.randomUUID().toString(),
                    T.plusSeconds(events.size()).plusNanos(500)));
        };
        add.accept(null, new PersonRegistered(p, "Ada", "ada@example.com", Discipline.ENGINEERING, Track.IC, level("IC2"), null));
        add.accept("2025-Q1", new QuarterOpened(p, quarter("2025-Q1"), Track.IC, level("IC2"), level("IC3")));
        add.accept("2025-Q1", new GoalSet(p, quarter("2025-Q1"), UUID.randomUUID(), "g", null, Dimension.CRAFT, "m", level("IC3")));
        add.accept("2025-Q1", new EvidenceLogged(p, quarter("2025-Q1"), UUID.randomUUID(), "e", null, "i", Dimension.CRAFT,
                level("IC3"), null, List.of(), LocalDate.parse("2025-02-01")));
        add.accept("2025-Q1", new QuarterAssessed(p, quarter("2025-Q1"), i.first(), level("IC3"), level("IC2"), level("IC3"), true, "r", "lee", null));
        add.accept(null, new QuarterOutcomeRecorded(p, quarter("2025-Q1"), level("IC3"), i.first(), level("IC2"), null));
        add.accept("2025-Q2", new QuarterOpened(p, quarter("2025-Q2"), Track.IC, level("IC2"), level("IC3")));
        UUID evidence = UUID.randomUUID();
        UUID goal = UUID.randomUUID();
        add.accept("2025-Q2", new EvidenceLogged(p, quarter("2025-Q2"), evidence, "e", null, "i", Dimension.CRAFT, level("IC3"), null,
                List.of(), LocalDate.parse("2025-05-01")));
        add.accept("2025-Q2", new EvidenceRetracted(p, quarter("2025-Q2"), evidence, "wrong"));
        add.accept("2025-Q2", new GoalSet(p, quarter("2025-Q2"), goal, "g", null, Dimension.CRAFT, "m", level("IC3")));
        add.accept("2025-Q2", new GoalSet(p, quarter("2025-Q2"), UUID.randomUUID(), "g2", null, Dimension.CRAFT, "m", level("IC3")));
        add.accept("2025-Q2", new GoalDropped(p, quarter("2025-Q2"), goal, "why"));
        add.accept("2025-Q2", new QuarterAssessed(p, quarter("2025-Q2"), i.second(), level("IC3"), level("IC2"), level("IC3"), true, "r", "lee", null));
        add.accept(null, new QuarterOutcomeRecorded(p, quarter("2025-Q2"), level("IC3"), i.second(), level("IC2"), null));
        add.accept("2025-Q2", new QuarterReopened(p, quarter("2025-Q2"), "more", "lee", i.second()));
        add.accept(null, new QuarterOutcomeWithdrawn(p, quarter("2025-Q2"), i.second(), level("IC3"), "more", "lee"));
        add.accept(null, new ManagerAssigned(p, UUID.randomUUID(), null));
        add.accept("2025-Q3", new QuarterOpened(p, quarter("2025-Q3"), Track.IC, level("IC2"), level("IC3")));
        add.accept(null, new LevelChanged(p, UUID.randomUUID(), DecisionKind.PROMOTION, level("IC2"), level("IC3"), List.of(), null,
                null, "earned", null, "lee", T));
        add.accept("2025-Q4", new QuarterOpened(p, quarter("2025-Q4"), Track.IC, level("IC3"), level("IC4")));
        return events;
    }

    /** A person's rows, as JSON, its ids named by their place in {@link Ids#all}. */
    private List<String> rows(Ids ids) {
        return StoredRows.of(jdbc, ids.person(), ids.all(), "history_person", "history_quarter");
    }

    @Test
    void a_career_in_one_batch_equals_the_career_written_event_by_event_and_in_pieces() {
        Ids together = Ids.fresh();
        inOneBatch(projection, career(together));
        Ids apart = Ids.fresh();
        oneByOne(projection, career(apart));
        Ids pieces = Ids.fresh();
        List<DomainEventMessage<?>> events = career(pieces);
        inOneBatch(projection, events.subList(0, 2));
        inOneBatch(projection, events.subList(2, 11));
        inOneBatch(projection, events.subList(11, events.size()));

        assertThat(rows(together)).hasSize(5).isEqualTo(rows(apart)).isEqualTo(rows(pieces));
    }

    @Test
    void events_delivered_again_in_the_same_or_a_later_batch_change_nothing() {
        Ids once = Ids.fresh();
        inOneBatch(projection, career(once));
        Ids again = Ids.fresh();
        List<DomainEventMessage<?>> events = career(again);
        inOneBatch(projection, events.subList(0, 9));
        List<DomainEventMessage<?>> redelivered = new ArrayList<>(events.subList(1, events.size()));
        redelivered.add(events.get(7));
        redelivered.add(events.get(14));
        inOneBatch(projection, redelivered);
        inOneBatch(projection, events);

        assertThat(rows(again)).isEqualTo(rows(once));
    }

    @Test
    void the_history_reads_the_rows_with_the_record_counts_and_time_at_level() {
        Ids i = Ids.fresh();
        assertThat(queries.read(i.person()).view()).isEmpty();
        inOneBatch(projection, career(i));

        PerformanceHistory history = queries.read(i.person()).view().orElseThrow().history();
        assertThat(queries.read(i.person()).view().orElseThrow().version()).isEqualTo(5);
        assertThat(queries.read(i.person()).stored()).isEqualTo(-1); // no stored events in this database
        assertThat(history.track()).isEqualTo(Track.IC);
        assertThat(history.level()).isEqualTo("IC3");
        assertThat(history.tenure().quartersAtLevel()).isEqualTo(1);
        assertThat(history.tenure().usedInDecisions()).isFalse();
        assertThat(history.quarters())
                .extracting(QuarterLine::quarter, QuarterLine::levelHeld, QuarterLine::operatingLevel,
                        QuarterLine::goals, QuarterLine::evidence, QuarterLine::targetLevel)
                .containsExactly(
                        tuple("2025-Q1", "IC2", "IC3", 1, 1, "IC3"),
                        tuple("2025-Q2", "IC2", null, 1, 0, "IC3"),
                        tuple("2025-Q3", "IC2", null, 0, 0, "IC3"),
                        tuple("2025-Q4", "IC3", null, 0, 0, "IC4"));
        // the promotion restarted the streak: the quarter that earned it does not count toward the next
        assertThat(history.nextLevelStreak()).isZero();
        assertThat(history.readiness().status()).isEqualTo(SustainedPerformancePolicy.Readiness.NOT_YET);
    }
}
