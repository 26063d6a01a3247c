package com.careerledger.projections.quarter;

import com.careerledger.projections.testsupport.StoredRows;
import com.careerledger.domain.shared.YearQuarter;
import static com.careerledger.domain.CommandValues.level;
import com.careerledger.domain.quarter.QuarterStatus;

import com.careerledger.domain.quarter.Dimension;
import com.careerledger.domain.quarter.EvidenceLogged;
import com.careerledger.domain.quarter.EvidenceRetracted;
import com.careerledger.domain.quarter.FeedbackRecorded;
import com.careerledger.domain.quarter.FeedbackRelationship;
import com.careerledger.domain.quarter.GoalDropped;
import com.careerledger.domain.quarter.GoalProgressed;
import com.careerledger.domain.quarter.GoalRevised;
import com.careerledger.domain.quarter.GoalSet;
import com.careerledger.domain.quarter.GoalStatus;
import com.careerledger.domain.quarter.QuarterAssessed;
import com.careerledger.domain.quarter.QuarterMovedToTrack;
import com.careerledger.domain.quarter.QuarterOpened;
import com.careerledger.domain.quarter.QuarterReopened;
import com.careerledger.domain.shared.MetaDataKeys;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.quarter.QuarterViews.EvidenceView;
import com.careerledger.projections.quarter.QuarterViews.QuarterView;
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

/**
 * The quarters read model writes a processor's batch at its end: its rows must come out as if each event had been
 * written on its own, whether a quarter's events come in one batch, one by one or delivered again; and its views
 * read what was written.
 */
@ExtendWith(ReadModelDatabase.class)
class QuarterBatchTest {

    private static final Instant T = Instant.parse("2026-01-05T09:00:00Z");

    JdbcTemplate jdbc;
    QuarterProjection projection;
    QuarterQueries queries;

    @BeforeEach
    void setUp(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        projection = new QuarterProjection(jdbc);
        queries = new QuarterQueries(jdbc);
    }

    /** The ids of one person's quarter. */
    private record Ids(UUID person, UUID goal, UUID dropped, UUID evidence, UUID retracted, UUID feedback,
                       UUID assessment, UUID reassessment) {
        static Ids fresh() {
            return new Ids(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                    UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        }

        List<UUID> all() {
            return List.of(person, goal, dropped, evidence, retracted, feedback, assessment, reassessment);
        }
    }

    private static DomainEventMessage<?> event(Ids ids, long seq, Object payload) {
        return new GenericDomainEventMessage<>("Quarter", ids.person() + "/2026-Q1", seq, payload,
                Map.of(MetaDataKeys.ACTOR, "tester"), UUID.randomUUID().toString(), T.plusSeconds(seq).plusNanos(700));
    }

    /** A quarter worked through: goals, evidence, feedback, assessed, reopened, moved to a track, assessed again. */
    private static List<DomainEventMessage<?>> quarter(Ids i) {
        UUID p = i.person();
        YearQuarter q = YearQuarter.parse("2026-Q1");
        return List.of(
                event(i, 0, new QuarterOpened(p, q, Track.IC, level("IC2"), level("IC3"))),
                event(i, 1, new GoalSet(p, q, i.goal(), "Launch pricing", "d", Dimension.IMPACT, "m", level("IC3"))),
                event(i, 2, new GoalSet(p, q, i.dropped(), "Hire", null, Dimension.MENTORSHIP, "m2", level("IC3"))),
                event(i, 3, new GoalRevised(p, q, i.goal(), "Launch pricing in 3 markets", null, Dimension.SCOPE, "m3")),
                event(i, 4, new GoalProgressed(p, q, i.goal(), GoalStatus.ON_TRACK, "going well")),
                event(i, 5, new GoalDropped(p, q, i.dropped(), "no budget")),
                event(i, 6, new EvidenceLogged(p, q, i.evidence(), "Pricing page live", "desc", "revenue",
                        Dimension.IMPACT, level("IC3"), i.goal(), List.of("https://a.example", "https://b.example"),
                        LocalDate.parse("2026-02-10"))),
                event(i, 7, new EvidenceLogged(p, q, i.retracted(), "Wrong", null, "none", Dimension.CRAFT, level("IC2"),
                        null, List.of(), LocalDate.parse("2026-03-01"))),
                event(i, 8, new EvidenceRetracted(p, q, i.retracted(), "wrong quarter")),
                event(i, 9, new FeedbackRecorded(p, q, i.feedback(), FeedbackRelationship.PEER, "great", level("IC3"), "kim")),
                event(i, 10, new QuarterAssessed(p, q, i.assessment(), level("IC3"), level("IC2"), level("IC3"), true, "shipped", "lee", null)),
                event(i, 11, new QuarterReopened(p, q, "late evidence", "lee", i.assessment())),
                event(i, 12, new QuarterMovedToTrack(p, q, UUID.randomUUID(), Track.IC, Track.MANAGER, level("IC2"), level("M1"),
                        level("IC3"), level("M2"))),
                event(i, 13, new QuarterAssessed(p, q, i.reassessment(), level("M1"), level("M1"), level("M2"), false, "again", "lee",
                        i.assessment())));
    }

    /** Every row of a person's quarter, as JSON, its ids named by their place in {@link Ids#all}. */
    private List<String> rows(Ids ids) {
        return StoredRows.of(jdbc, ids.person(), ids.all(), "quarter_view", "quarter_goal", "quarter_evidence", "quarter_feedback");
    }

    @Test
    void a_quarter_in_one_batch_equals_the_quarter_written_event_by_event_and_in_pieces() {
        Ids together = Ids.fresh();
        inOneBatch(projection, quarter(together));
        Ids apart = Ids.fresh();
        oneByOne(projection, quarter(apart));
        Ids pieces = Ids.fresh();
        List<DomainEventMessage<?>> events = quarter(pieces);
        inOneBatch(projection, events.subList(0, 4));
        inOneBatch(projection, events.subList(4, 9));
        inOneBatch(projection, events.subList(9, events.size()));

        assertThat(rows(together)).hasSize(6).isEqualTo(rows(apart)).isEqualTo(rows(pieces));
    }

    @Test
    void events_delivered_again_in_the_same_or_a_later_batch_change_nothing() {
        Ids once = Ids.fresh();
        inOneBatch(projection, quarter(once));
        Ids again = Ids.fresh();
        List<DomainEventMessage<?>> events = quarter(again);
        inOneBatch(projection, events.subList(0, 7));
        List<DomainEventMessage<?>> redelivered = new ArrayList<>(events.subList(2, 7));
        redelivered.addAll(events.subList(7, events.size()));
        redelivered.add(events.get(5));
        redelivered.add(events.get(9));
        inOneBatch(projection, redelivered);
        inOneBatch(projection, events);

        assertThat(rows(again)).isEqualTo(rows(once));
    }

    @Test
    void the_views_show_what_the_events_made_of_the_quarter() {
        Ids i = Ids.fresh();
        List<DomainEventMessage<?>> events = quarter(i);
        inOneBatch(projection, events.subList(0, 12));

        QuarterView reopened = queries.find(i.person(), "2026-Q1").orElseThrow();
        assertThat(reopened.status()).isEqualTo(QuarterStatus.OPEN);
        assertThat(reopened.assessment()).isNull();
        assertThat(reopened.version()).isEqualTo(11);

        inOneBatch(projection, events.subList(12, events.size()));
        QuarterView view = queries.find(i.person(), "2026-Q1").orElseThrow();
        assertThat(view.status()).isEqualTo(QuarterStatus.ASSESSED);
        assertThat(view.track()).isEqualTo(Track.MANAGER);
        assertThat(view.levelHeld()).isEqualTo("M1");
        assertThat(view.targetLevel()).isEqualTo("M2");
        assertThat(view.version()).isEqualTo(13);
        assertThat(view.openedAt()).isEqualTo(T.plusNanos(1_000));
        assertThat(view.assessment().assessmentId()).isEqualTo(i.reassessment());
        assertThat(view.assessment().operatingLevel()).isEqualTo("M1");
        assertThat(view.assessment().atNextLevel()).isFalse();
        assertThat(view.assessment().amendsAssessmentId()).isEqualTo(i.assessment());
        assertThat(view.goals()).extracting(g -> g.goalId(), g -> g.title(), g -> g.dimension(), g -> g.active(),
                        g -> g.dropReason())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(i.goal(), "Launch pricing in 3 markets", Dimension.SCOPE, true, null),
                        org.assertj.core.groups.Tuple.tuple(i.dropped(), "Hire", Dimension.MENTORSHIP, false, "no budget"));
        assertThat(view.goals().get(0).progress().status()).isEqualTo(GoalStatus.ON_TRACK);
        assertThat(view.goals().get(0).progress().note()).isEqualTo("going well");
        assertThat(view.goals().get(1).progress()).isNull();
        assertThat(view.evidence()).extracting(EvidenceView::evidenceId, EvidenceView::link, EvidenceView::links,
                        EvidenceView::retracted, EvidenceView::retractionReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(i.evidence(), "https://a.example",
                                List.of("https://a.example", "https://b.example"), false, null),
                        org.assertj.core.groups.Tuple.tuple(i.retracted(), null, List.of(), true, "wrong quarter"));
        assertThat(view.feedback()).singleElement().satisfies(f -> {
            assertThat(f.relationship()).isEqualTo(FeedbackRelationship.PEER);
            assertThat(f.givenBy()).isEqualTo("kim");
        });

        assertThat(queries.list(i.person(), 0, 10).items()).singleElement().satisfies(s -> {
            assertThat(s.goals()).isEqualTo(1);
            assertThat(s.evidence()).isEqualTo(1);
            assertThat(s.operatingLevel()).isEqualTo("M1");
            assertThat(s.version()).isEqualTo(13);
        });
        assertThat(queries.winLog(i.person(), null, null, 0, 10).items()).extracting(EvidenceView::evidenceId)
                .containsExactly(i.retracted(), i.evidence());
        assertThat(queries.winLog(i.person(), "IMPACT", "IC3", 0, 10).items()).extracting(EvidenceView::evidenceId)
                .containsExactly(i.evidence());
        assertThat(queries.find(i.person(), "2026-Q2")).isEmpty();
    }

    @Test
    void evidence_stored_before_it_had_links_shows_its_one_link() {
        Ids i = Ids.fresh();
        List<DomainEventMessage<?>> events = quarter(i);
        inOneBatch(projection, events.subList(0, 7));
        jdbc.update("UPDATE quarter_evidence SET links = NULL WHERE evidence_id = ?", i.evidence());

        assertThat(queries.winLog(i.person(), null, null, 0, 10).items()).singleElement()
                .extracting(EvidenceView::links).isEqualTo(List.of("https://a.example"));
        inOneBatch(projection, List.of(event(i, 7, new EvidenceRetracted(i.person(), YearQuarter.parse("2026-Q1"), i.evidence(), "r"))));
        assertThat(queries.find(i.person(), "2026-Q1").orElseThrow().evidence()).singleElement()
                .satisfies(e -> assertThat(e.retracted()).isTrue())
                .extracting(EvidenceView::links).isEqualTo(List.of("https://a.example"));
    }
}
