package com.careerledger.projections.stats;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.person.DecisionKind;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.person.QuarterOutcomeRecorded;
import com.careerledger.domain.person.QuarterOutcomeWithdrawn;
import com.careerledger.domain.person.SustainedRecord;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.quarter.QuarterOpened;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.support.ColumnType;
import com.careerledger.projections.support.Projection;
import com.careerledger.projections.support.ReadModel;
import com.careerledger.projections.support.Table;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

import static com.careerledger.projections.support.SustainedRecordJson.readRecord;
import static com.careerledger.projections.support.SustainedRecordJson.writeRecord;

/**
 * Read model 7, organisation statistics: the level distribution, promotions per calendar quarter, and time at
 * level against promotion.
 * <p>
 * <b>Level distribution.</b> People per current track and level, from {@code PersonRegistered},
 * {@code LevelChanged} (any kind) and {@code TrackSwitched}. Every level of the framework is listed, in ladder
 * order, with zero where nobody holds it; a level held by someone but absent from the framework follows.
 * <p>
 * <b>Promotions per quarter.</b> {@code LevelChanged} decisions of kind {@code PROMOTION} (overrides included;
 * corrections, demotions and track switches are not promotions), counted by the calendar quarter of their
 * {@code decidedAt} in UTC, written {@code YYYY-Qn}, oldest first; quarters without a promotion are left out.
 * <p>
 * <b>Time at level vs promotion.</b> A person's <i>stint</i> is an uninterrupted period at one level: it starts
 * at registration and a new one starts with every {@code LevelChanged} (of any kind) and every
 * {@code TrackSwitched}. The <i>quarters at level</i> of a stint is the number of the person's quarters opened
 * ({@code QuarterOpened}) during that stint, whatever their calendar quarter and whether assessed or not.
 * For each number of quarters at level {@code n}:
 * <ul>
 *     <li>{@code promoted}: the promotions decided at the end of a stint with {@code n} quarters at level
 *         (an override after no quarter at all counts in bucket 0);</li>
 *     <li>{@code notPromoted}: the people whose current stint has {@code n} quarters at level so far — everyone
 *         currently sitting at their level without a promotion from it, top of a track included.</li>
 * </ul>
 * Buckets with neither are left out. The figures exist to show that tenure does not drive promotion: the
 * promotion rule looks only at consecutive quarters assessed at the next level, never at time served.
 * <p>
 * <b>Next-level streak vs promotion.</b> Beside time at level, what does predict a promotion: the <i>next-level
 * streak</i> of a stint, the consecutive assessed quarters at the next level or above that count toward it, exactly
 * as the promotion rule counts them (the person's {@link SustainedRecord}, evolved as the Person aggregate evolves
 * it: outcomes, withdrawals of reopened quarters, the restart after a promotion, the mapping of a track switch). For
 * each streak {@code s}: {@code promoted}, the promotions decided when the streak toward the promoted-to level was
 * {@code s} (an override below the rule shows here with its short streak); {@code notPromoted}, the people now in a
 * stint with streak {@code s}, below the top of their track (at the top there is no next level to count toward).
 * The same stints and promotions by time at level and streak together show that at equal time at level the streak
 * decides. A promotion stored before the streak was recorded has none and is left out of these two tables until
 * the statistics are rebuilt.
 * <p>
 * Idempotent: a person row remembers the Person sequence number it reflects (a redelivered Person event changes
 * nothing), quarters are keyed by person and quarter, promotions by decision id. Only event data are stored.
 * <p>
 * Written the one way read models write ({@link ReadModel}): at the end of the processor's batch the rows of the
 * batch's people are read (and, for a person the batch promotes, all their quarters), the events change them in
 * memory in order, and the changed rows are written, one upsert per table. What the statistics answer is read by
 * {@link StatsQueries}.
 */
@Component
@ProcessingGroup(StatsProjection.PROCESSING_GROUP)
public class StatsProjection implements Projection {

    public static final String PROCESSING_GROUP = "stats";

    /** The column default of a person's record: no outcome, nothing used by a promotion yet. */
    private static final String EMPTY_RECORD = "{\"outcomes\": [], \"countFrom\": null}";

    private static final Table<Quarter> QUARTERS = Table.named("stats_quarter", Quarter::new)
            .key("person_id", ColumnType.UUID, q -> q.personId, (q, v) -> q.personId = v)
            .key("quarter", ColumnType.TEXT, q -> q.quarter, (q, v) -> q.quarter = v)
            .fixed("level_held", ColumnType.TEXT, q -> q.levelHeld, (q, v) -> q.levelHeld = v)
            .fixed("stint", ColumnType.INT4, q -> q.stint, (q, v) -> q.stint = v)
            .insertOnly()
            .build();
    private static final Table.Index<Quarter> QUARTERS_OF = QUARTERS.index("person_id");
    private static final Table<Promotion> PROMOTIONS = Table.named("stats_promotion", Promotion::new)
            .key("decision_id", ColumnType.UUID, p -> p.decisionId, (p, v) -> p.decisionId = v)
            .fixed("person_id", ColumnType.UUID, p -> p.personId, (p, v) -> p.personId = v)
            .fixed("from_level", ColumnType.TEXT, p -> p.fromLevel, (p, v) -> p.fromLevel = v)
            .fixed("to_level", ColumnType.TEXT, p -> p.toLevel, (p, v) -> p.toLevel = v)
            .fixed("decided_at", ColumnType.TIMESTAMPTZ, p -> p.decidedAt, (p, v) -> p.decidedAt = v)
            .fixed("decided_quarter", ColumnType.TEXT, p -> p.decidedQuarter, (p, v) -> p.decidedQuarter = v)
            .fixed("quarters_at_level", ColumnType.INT4, p -> p.quartersAtLevel, (p, v) -> p.quartersAtLevel = v)
            .fixed("next_level_streak", ColumnType.INT4, p -> p.nextLevelStreak, (p, v) -> p.nextLevelStreak = v)
            .insertOnly()
            .build();

    private final CareerFramework framework;
    private final Table<Person> people = Table.named("stats_person", Person::new)
            .key("person_id", ColumnType.UUID, p -> p.personId, (p, v) -> p.personId = v)
            .column("track", ColumnType.text(Track.class), p -> p.track, (p, v) -> p.track = v)
            .column("level", ColumnType.TEXT, p -> p.level, (p, v) -> p.level = v)
            .column("stint", ColumnType.INT4, p -> p.stint, (p, v) -> p.stint = v)
            .version("version", p -> p.version, (p, v) -> p.version = v)
            .column("sustained_record", ColumnType.JSONB, Person::recordText, (p, v) -> p.recordText = v)
            .column("next_level_streak", ColumnType.INT4, Person::currentStreak, (p, v) -> { })
            .unlessNewer("version")
            .build();
    private final ReadModel model;

    public StatsProjection(JdbcTemplate jdbc, CareerFramework framework) {
        this.framework = framework;
        this.model = new ReadModel(this, jdbc, people, QUARTERS, PROMOTIONS);
    }

    @Override
    public ReadModel readModel() {
        return model;
    }

    @EventHandler
    void on(PersonRegistered e, @SequenceNumber long seq) {
        model.handle(work -> work.need(people.key(e.personId())).then(rows -> {
            Person registered = new Person();
            registered.personId = e.personId();
            registered.track = e.track();
            registered.level = e.level().code();
            registered.version = seq;
            registered.recordText = EMPTY_RECORD;
            rows.insertIfAbsent(people, registered);
        }));
    }

    @EventHandler
    void on(QuarterOpened e) {
        Table.Key<Person> key = people.key(e.personId());
        model.handle(work -> work.need(key).then(rows -> {
            Person person = rows.get(key);
            if (person != null) {
                // counted in the stint the person is in now, which is the one the quarter opened in (events are in
                // order); a quarter stored already keeps its row
                Quarter opened = new Quarter();
                opened.personId = e.personId();
                opened.quarter = e.quarter().toString();
                opened.levelHeld = LevelCode.codeOf(e.levelHeld());
                opened.stint = person.stint;
                rows.insertIfAbsent(QUARTERS, opened);
            }
        }));
    }

    /** A level change ends the person's stint; a promotion is counted with how it ended. */
    @EventHandler
    void on(LevelChanged e, @SequenceNumber long seq, @Timestamp Instant at) {
        boolean promotion = e.kind() == DecisionKind.PROMOTION;
        apply(e.personId(), seq, promotion, (rows, person) -> {
            if (promotion) {
                rows.insertIfAbsent(PROMOTIONS, promotion(e, at, person, rows.all(QUARTERS_OF, e.personId())));
                person.evolve(SustainedRecord::afterPromotion);
            }
            person.level = e.toLevel().code();
            person.stint++;
        });
    }

    @EventHandler
    void on(TrackSwitched e, @SequenceNumber long seq) {
        apply(e.personId(), seq, false, (rows, person) -> {
            person.track = e.toTrack();
            person.level = e.toLevel().code();
            person.evolve(r -> r.carriedOver(e.carriedOver()));
            person.stint++;
        });
    }

    /** The record changes, the stint does not. */
    @EventHandler
    void on(QuarterOutcomeRecorded e, @SequenceNumber long seq) {
        apply(e.personId(), seq, false, (rows, person) -> person.evolve(r -> r.with(e.outcome())));
    }

    @EventHandler
    void on(QuarterOutcomeWithdrawn e, @SequenceNumber long seq) {
        apply(e.personId(), seq, false, (rows, person) -> person.evolve(r -> r.without(e.quarter())));
    }


    /**
     * Applies a Person event once: a row already at this sequence number (a redelivery) is left alone.
     *
     * @param withQuarters whether the change counts the person's quarters (all of them are read, not only the
     *                     batch's)
     */
    private void apply(UUID personId, long seq, boolean withQuarters, BiConsumer<ReadModel.Rows, Person> change) {
        Table.Key<Person> key = people.key(personId);
        model.handle(work -> {
            work.need(key);
            if (withQuarters) {
                work.needAll(QUARTERS_OF, personId);
            }
            work.then(rows -> rows.applyOnce(key, seq, person -> change.accept(rows, person)));
        });
    }

    /** A promotion, with the quarters opened in the stint it ends and the streak it was decided on. */
    private Promotion promotion(LevelChanged e, Instant at, Person person, List<Quarter> quarters) {
        Instant decidedAt = e.decidedAt() == null ? at : e.decidedAt();
        Promotion promotion = new Promotion();
        promotion.decisionId = e.decisionId();
        promotion.personId = e.personId();
        promotion.fromLevel = e.fromLevel().code();
        promotion.toLevel = e.toLevel().code();
        promotion.decidedAt = decidedAt.atOffset(ZoneOffset.UTC);
        promotion.decidedQuarter = calendarQuarter(decidedAt);
        promotion.quartersAtLevel = (int) quarters.stream().filter(q -> q.stint == person.stint).count();
        promotion.nextLevelStreak = person.recordKnown()
                ? person.record().evaluate(e.toLevel().code(), framework).streak() : null;
        return promotion;
    }

    /** The calendar quarter of an instant, in UTC, written {@code YYYY-Qn}. */
    static String calendarQuarter(Instant at) {
        OffsetDateTime t = at.atOffset(ZoneOffset.UTC);
        return t.getYear() + "-Q" + ((t.getMonthValue() - 1) / 3 + 1);
    }

    /** A person as they stand now: their current stint, and their record. */
    private final class Person {
        UUID personId;
        Track track;
        String level;
        int stint;
        long version;
        /** The stored record's text: null when unknown (a row older than the record, see V17) or evolved. */
        String recordText;
        SustainedRecord record;

        boolean recordKnown() {
            return record != null || recordText != null;
        }

        SustainedRecord record() {
            if (record == null && recordText != null) {
                record = readRecord(recordText);
            }
            return record;
        }

        /** Changes the record, when it is known (an unknown one stays unknown until a rebuild). */
        void evolve(UnaryOperator<SustainedRecord> change) {
            if (recordKnown()) {
                record = change.apply(record());
                recordText = null;
            }
        }

        String recordText() {
            return recordText != null ? recordText : record == null ? null : writeRecord(record);
        }

        /**
         * The streak toward the next level now, computed whenever the row is written; null at the top of a track, or
         * while the record is unknown.
         */
        Integer currentStreak() {
            if (!recordKnown() || framework.nextLevel(level).isEmpty()) {
                return null;
            }
            return record().readiness(level, framework).streak();
        }
    }

    /** A quarter opened, with the stint it was opened in. */
    private static final class Quarter {
        UUID personId;
        String quarter;
        String levelHeld;
        int stint;
    }

    /** A promotion, with the calendar quarter it was decided in and the quarters opened at the level before it. */
    private static final class Promotion {
        UUID decisionId;
        UUID personId;
        String fromLevel;
        String toLevel;
        OffsetDateTime decidedAt;
        String decidedQuarter;
        int quartersAtLevel;
        Integer nextLevelStreak;
    }
}
