package com.careerledger.projections.history;

import com.careerledger.domain.shared.YearQuarter;
import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.person.CareerStanding;
import com.careerledger.domain.person.DecisionBasisChanged;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.ManagerAssigned;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.person.QuarterOutcomeRecorded;
import com.careerledger.domain.person.QuarterOutcomeWithdrawn;
import com.careerledger.domain.person.SustainedRecord;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.quarter.EvidenceLogged;
import com.careerledger.domain.quarter.EvidenceRetracted;
import com.careerledger.domain.quarter.FeedbackRecorded;
import com.careerledger.domain.quarter.GoalDropped;
import com.careerledger.domain.quarter.GoalProgressed;
import com.careerledger.domain.quarter.GoalRevised;
import com.careerledger.domain.quarter.GoalSet;
import com.careerledger.domain.quarter.QuarterAssessed;
import com.careerledger.domain.quarter.QuarterMovedToTrack;
import com.careerledger.domain.quarter.QuarterOpened;
import com.careerledger.domain.quarter.QuarterReopened;
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
import java.util.UUID;
import java.util.function.Consumer;

import static com.careerledger.projections.support.SustainedRecordJson.readRecord;
import static com.careerledger.projections.support.SustainedRecordJson.writeRecord;

/**
 * Read model 3, the sustained-performance history: per quarter the level held, the operating level assessed,
 * whether it was at the next level, and the goal and evidence counts; the person's sustained record, from which
 * {@link PerformanceHistoryQueries} computes the next-level streak and readiness ({@code READY} / {@code NOT_YET} /
 * {@code TOP_OF_TRACK}) with the reason.
 * <p>
 * The person's {@link SustainedRecord} is evolved exactly as the Person aggregate evolves it, through the one career
 * fold ({@link CareerStanding#evolve}: an outcome per quarter, withdrawn when the quarter is reopened, a restart
 * after a promotion, the mapped record after a track switch). Nothing of the policy is re-implemented here.
 * <p>
 * <b>Tenure is never an input to readiness.</b> {@code tenure.quartersAtLevel} — the quarters opened since the
 * person's level last changed (registration, a level change or a track switch) — is kept only to be shown, and is
 * always reported with {@code usedInDecisions: false}: levels are impact, not time served. It is not passed to the
 * policy, which has no parameter for it.
 * <p>
 * Idempotency: the person row remembers the Person aggregate's sequence number and each quarter row the Quarter
 * aggregate's ({@code personId/quarter}); an event at or below the remembered number is a redelivery and changes
 * nothing, so the counts are applied once. Only event timestamps are stored, so a rebuild reproduces the rows.
 * <p>
 * Written the one way read models write ({@link ReadModel}): at the end of the processor's batch the person and
 * quarter rows its events need are read in one round trip, the events change them in memory in order, and the
 * changed rows are written in another.
 */
@Component
@ProcessingGroup(PerformanceHistoryProjection.PROCESSING_GROUP)
public class PerformanceHistoryProjection implements Projection {

    public static final String PROCESSING_GROUP = "performance-history";

    /** The column default of {@code history_person.sustained_record} (V8): what a new person row starts with. */
    private static final String EMPTY_RECORD = "{\"outcomes\": [], \"countFrom\": null}";

    private final ReadModel model;

    public PerformanceHistoryProjection(JdbcTemplate jdbc) {
        this.model = new ReadModel(this, jdbc, PEOPLE, QUARTERS);
    }

    // --- person events ---------------------------------------------------------------------------------

    @Override
    public ReadModel readModel() {
        return model;
    }

    @EventHandler
    void on(PersonRegistered e, @SequenceNumber long seq, @Timestamp Instant at) {
        // inserted once: a person row that exists already is left as it is
        model.handle(work -> work.need(PEOPLE.key(e.personId())).then(rows -> {
            PersonRow row = new PersonRow();
            row.personId = e.personId();
            row.track = e.track();
            row.level = e.level().code();
            row.recordText = EMPTY_RECORD;
            row.version = seq;
            row.updatedAt = utc(at);
            rows.insertIfAbsent(PEOPLE, row);
        }));
    }

    @EventHandler
    void on(ManagerAssigned e, @SequenceNumber long seq, @Timestamp Instant at) {
        evolve(e.personId(), e, seq, at);
    }

    @EventHandler
    void on(QuarterOutcomeRecorded e, @SequenceNumber long seq, @Timestamp Instant at) {
        // the outcome as the Person records it: at the level that counts, with the level assessed when mapped
        evolve(e.personId(), e, seq, at);
    }

    @EventHandler
    void on(QuarterOutcomeWithdrawn e, @SequenceNumber long seq, @Timestamp Instant at) {
        // a reopened quarter leaves the sustained record (and readiness) until it is assessed again
        evolve(e.personId(), e, seq, at);
    }

    @EventHandler
    void on(LevelChanged e, @SequenceNumber long seq, @Timestamp Instant at) {
        evolve(e.personId(), e, seq, at);
    }

    @EventHandler
    void on(TrackSwitched e, @SequenceNumber long seq, @Timestamp Instant at) {
        evolve(e.personId(), e, seq, at);
    }

    /**
     * Changes nothing in the history (the career fold leaves it as it is), but is the person's event: the row's version
     * follows it, or a read of the history would wait for a version it never reaches (read-your-writes).
     */
    @EventHandler
    void on(DecisionBasisChanged e, @SequenceNumber long seq, @Timestamp Instant at) {
        evolve(e.personId(), e, seq, at);
    }

    // --- quarter events --------------------------------------------------------------------------------

    @EventHandler
    void on(QuarterOpened e, @SequenceNumber long seq, @Timestamp Instant at) {
        Table.Key<QuarterRow> key = QUARTERS.key(e.personId(), e.quarter().toString());
        Table.Key<PersonRow> person = PEOPLE.key(e.personId());
        model.handle(work -> work.need(key).need(person).then(rows -> {
            if (rows.get(key) != null) {
                return;
            }
            QuarterRow row = new QuarterRow();
            row.personId = e.personId();
            row.quarter = e.quarter().toString();
            row.levelHeld = LevelCode.codeOf(e.levelHeld());
            row.targetLevel = LevelCode.codeOf(e.targetLevel());
            row.version = seq;
            row.openedAt = utc(at);
            row.updatedAt = row.openedAt;
            rows.insert(QUARTERS, row);
            // information only (see the class comment): counted once, when the quarter row is created
            rows.update(person, p -> p.quartersAtLevel++);
        }));
    }

    @EventHandler
    void on(GoalSet e, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(e.personId(), e.quarter(), seq, at, row -> row.goals++);
    }

    @EventHandler
    void on(GoalDropped e, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(e.personId(), e.quarter(), seq, at, row -> row.goals--);
    }

    @EventHandler
    void on(GoalRevised e, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(e.personId(), e.quarter(), seq, at, row -> { });
    }

    @EventHandler
    void on(GoalProgressed e, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(e.personId(), e.quarter(), seq, at, row -> { });
    }

    @EventHandler
    void on(EvidenceLogged e, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(e.personId(), e.quarter(), seq, at, row -> row.evidence++);
    }

    @EventHandler
    void on(EvidenceRetracted e, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(e.personId(), e.quarter(), seq, at, row -> row.evidence--);
    }

    @EventHandler
    void on(FeedbackRecorded e, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(e.personId(), e.quarter(), seq, at, row -> { });
    }

    @EventHandler
    void on(QuarterAssessed e, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(e.personId(), e.quarter(), seq, at, row -> {
            row.operatingLevel = LevelCode.codeOf(e.operatingLevel());
            row.atNextLevel = e.atNextLevel();
        });
    }

    @EventHandler
    void on(QuarterMovedToTrack e, @SequenceNumber long seq, @Timestamp Instant at) {
        // an open quarter moved with the person to their new track: it is held and aimed on the new ladder
        apply(e.personId(), e.quarter(), seq, at, row -> {
            row.levelHeld = LevelCode.codeOf(e.levelHeld());
            row.targetLevel = LevelCode.codeOf(e.targetLevel());
        });
    }

    @EventHandler
    void on(QuarterReopened e, @SequenceNumber long seq, @Timestamp Instant at) {
        // the quarter is open again; its assessment leaves the person's record with the QuarterOutcomeWithdrawn the
        // reopening causes (events stored before withdrawals existed leave it there: it is still shown open here)
        apply(e.personId(), e.quarter(), seq, at, row -> {
            row.operatingLevel = null;
            row.atNextLevel = null;
        });
    }


    /**
     * Applies a Person event once (a row already at this sequence number, a redelivery, is left alone), through the
     * one career fold ({@link CareerStanding#evolve}). A new level or track starts the count of quarters at level.
     */
    private void evolve(UUID personId, Object event, long seq, Instant at) {
        Table.Key<PersonRow> key = PEOPLE.key(personId);
        model.handle(work -> work.need(key).then(rows -> rows.applyOnce(key, seq, row -> {
            CareerStanding standing = new CareerStanding(row.track, row.level, row.record());
            CareerStanding next = standing.evolve(event);
            if (next != standing) {
                if (next.track() != standing.track() || !next.level().equals(standing.level())) {
                    row.quartersAtLevel = 0;
                }
                row.track = next.track();
                row.level = next.level();
                row.record = next.record();
                row.recordText = null; // written from the record, as every evolved row is
            }
            row.updatedAt = utc(at);
        })));
    }

    /** Applies a Quarter event once, with {@code change} on the quarter row; a redelivery changes nothing. */
    private void apply(UUID personId, YearQuarter quarter, long seq, Instant at, Consumer<QuarterRow> change) {
        Table.Key<QuarterRow> key = QUARTERS.key(personId, quarter.toString());
        model.handle(work -> work.need(key).then(rows -> rows.applyOnce(key, seq, row -> {
            change.accept(row);
            row.updatedAt = utc(at);
        })));
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    // --- the tables, their columns declared once --------------------------------------------------------

    /** Track, level, record and time at level of a person. */
    private static final class PersonRow {
        UUID personId;
        Track track;
        String level;
        /** The stored record's text; null once the record has been evolved (then written from {@link #record}). */
        String recordText;
        SustainedRecord record;
        int quartersAtLevel;
        long version;
        OffsetDateTime updatedAt;

        SustainedRecord record() {
            if (record == null) {
                record = readRecord(recordText);
            }
            return record;
        }

        String recordText() {
            return recordText != null ? recordText : writeRecord(record);
        }
    }

    private static final Table<PersonRow> PEOPLE = Table.named("history_person", PersonRow::new)
            .key("person_id", ColumnType.UUID, r -> r.personId, (r, v) -> r.personId = v)
            .column("track", ColumnType.text(Track.class), r -> r.track, (r, v) -> r.track = v)
            .column("level", ColumnType.TEXT, r -> r.level, (r, v) -> r.level = v)
            .column("sustained_record", ColumnType.JSONB, PersonRow::recordText, (r, v) -> r.recordText = v)
            .column("quarters_at_level", ColumnType.INT4, r -> r.quartersAtLevel, (r, v) -> r.quartersAtLevel = v)
            .version("version", r -> r.version, (r, v) -> r.version = v)
            .column("updated_at", ColumnType.TIMESTAMPTZ, r -> r.updatedAt, (r, v) -> r.updatedAt = v)
            .build();

    private static final class QuarterRow {
        UUID personId;
        String quarter;
        /** As opened, or as moved to the person's new track (QuarterMovedToTrack). */
        String levelHeld;
        String targetLevel;
        String operatingLevel;
        Boolean atNextLevel;
        int goals;
        int evidence;
        long version;
        OffsetDateTime openedAt;
        OffsetDateTime updatedAt;
    }

    private static final Table<QuarterRow> QUARTERS = Table.named("history_quarter", QuarterRow::new)
            .key("person_id", ColumnType.UUID, r -> r.personId, (r, v) -> r.personId = v)
            .key("quarter", ColumnType.TEXT, r -> r.quarter, (r, v) -> r.quarter = v)
            .column("level_held", ColumnType.TEXT, r -> r.levelHeld, (r, v) -> r.levelHeld = v)
            .column("target_level", ColumnType.TEXT, r -> r.targetLevel, (r, v) -> r.targetLevel = v)
            .column("operating_level", ColumnType.TEXT, r -> r.operatingLevel, (r, v) -> r.operatingLevel = v)
            .column("at_next_level", ColumnType.BOOL, r -> r.atNextLevel, (r, v) -> r.atNextLevel = v)
            .column("goals", ColumnType.INT4, r -> r.goals, (r, v) -> r.goals = v)
            .column("evidence", ColumnType.INT4, r -> r.evidence, (r, v) -> r.evidence = v)
            .version("version", r -> r.version, (r, v) -> r.version = v)
            .fixed("opened_at", ColumnType.TIMESTAMPTZ, r -> r.openedAt, (r, v) -> r.openedAt = v)
            .column("updated_at", ColumnType.TIMESTAMPTZ, r -> r.updatedAt, (r, v) -> r.updatedAt = v)
            .build();
}
