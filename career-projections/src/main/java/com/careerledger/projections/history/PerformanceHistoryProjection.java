package com.careerledger.projections.history;

import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.framework.Level;
import com.careerledger.domain.person.CareerStanding;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.ManagerAssigned;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.person.QuarterOutcome;
import com.careerledger.domain.person.QuarterOutcomeRecorded;
import com.careerledger.domain.person.QuarterOutcomeWithdrawn;
import com.careerledger.domain.person.SustainedPerformancePolicy;
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
import com.careerledger.projections.history.PerformanceHistory.QuarterLine;
import com.careerledger.projections.history.PerformanceHistory.Readiness;
import com.careerledger.projections.history.PerformanceHistory.Tenure;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import com.careerledger.projections.support.BulkSql;
import com.careerledger.projections.support.BulkSql.Type;
import com.careerledger.projections.support.ProjectionBatch;
import com.careerledger.projections.support.ReadYourWrites;
import com.careerledger.projections.support.SelectiveReplay;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import static com.careerledger.projections.support.SustainedRecordJson.readRecord;
import static com.careerledger.projections.support.SustainedRecordJson.writeRecord;

/**
 * Read model 3, the sustained-performance history: per quarter the level held, the operating level assessed,
 * whether it was at the next level, and the goal and evidence counts; the person's current next-level streak
 * and readiness ({@code READY} / {@code NOT_YET} / {@code TOP_OF_TRACK}) with the reason.
 * <p>
 * Readiness and the streak are computed by the domain itself: the person's {@link SustainedRecord} is evolved
 * exactly as the Person aggregate evolves it (an outcome per quarter, withdrawn when the quarter is reopened, a
 * restart after a promotion, the mapped record after a track switch) and asked for
 * {@link SustainedRecord#readiness}. Nothing of the policy is re-implemented here. Each quarter is shown as it
 * stands in that record (the level it counts at, mapped or not), so the quarters and the streak always agree.
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
 * Writes are made per batch of the event processor, not per event ({@link ProjectionBatch}): a handler only notes
 * its event; at the end of the batch the person and quarter rows the batch touches are read with one query per
 * table (every key at once), the events are applied to them in memory in their order — exactly as one statement
 * per event would have applied them, version guards included — and each changed row is written once, one
 * statement per table. The reads take one round trip and the writes another ({@link BulkSql}). Nothing is kept
 * between batches.
 */
@Component
@ProcessingGroup(PerformanceHistoryProjection.PROCESSING_GROUP)
public class PerformanceHistoryProjection {

    public static final String PROCESSING_GROUP = "performance-history";

    /** The column default of {@code history_person.sustained_record} (V8): what a new person row starts with. */
    private static final String EMPTY_RECORD = "{\"outcomes\": [], \"countFrom\": null}";

    private final JdbcTemplate jdbc;

    public PerformanceHistoryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // --- person events ---------------------------------------------------------------------------------

    @EventHandler
    void on(PersonRegistered e, @SequenceNumber long seq, @Timestamp Instant at) {
        batch(b -> b.person(e.personId(), rows -> rows.people.computeIfAbsent(e.personId(), id -> {
            // inserted once: a person row that exists already is left as it is
            PersonRow row = new PersonRow(id, e.track().name(), e.level(), EMPTY_RECORD, 0, seq, utc(at));
            row.changed = true;
            return row;
        })));
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

    // --- quarter events --------------------------------------------------------------------------------

    @EventHandler
    void on(QuarterOpened e, @SequenceNumber long seq, @Timestamp Instant at) {
        Key key = new Key(e.personId(), e.quarter());
        batch(b -> b.quarterOpened(key, rows -> {
            if (!rows.quarters.containsKey(key)) {
                QuarterRow row = new QuarterRow(e.personId(), e.quarter(), e.levelHeld(), e.targetLevel(), seq, utc(at));
                row.changed = true;
                rows.quarters.put(key, row);
                // information only (see the class comment): counted once, when the quarter row is created
                PersonRow person = rows.people.get(e.personId());
                if (person != null) {
                    person.quartersAtLevel++;
                    person.changed = true;
                }
            }
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
            row.operatingLevel = e.operatingLevel();
            row.atNextLevel = e.atNextLevel();
        });
    }

    @EventHandler
    void on(QuarterMovedToTrack e, @SequenceNumber long seq, @Timestamp Instant at) {
        // an open quarter moved with the person to their new track: it is held and aimed on the new ladder
        apply(e.personId(), e.quarter(), seq, at, row -> {
            row.levelHeld = e.levelHeld();
            row.targetLevel = e.targetLevel();
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

    /** Empties the tables when a rebuild names this read model (see SelectiveReplay). */
    @ResetHandler
    void reset(String rebuilt) {
        if (SelectiveReplay.includes(rebuilt, PROCESSING_GROUP)) {
            jdbc.update("TRUNCATE history_person, history_quarter");
        }
    }

    // --- the batch ------------------------------------------------------------------------------------

    private void batch(Consumer<Batch> work) {
        ProjectionBatch.with(this, Batch::new, work);
    }

    /** Track, level, record and time at level of a person. */
    /**
     * Applies a Person event once (a row already at this sequence number, a redelivery, is left alone), through the
     * one career fold ({@link CareerStanding#evolve}). A new level or track starts the count of quarters at level.
     */
    private void evolve(UUID personId, Object event, long seq, Instant at) {
        batch(b -> b.person(personId, rows -> {
            PersonRow row = rows.people.get(personId);
            if (row == null || row.version >= seq) {
                return;
            }
            CareerStanding standing = new CareerStanding(Track.valueOf(row.track), row.level, row.record());
            CareerStanding next = standing.evolve(event);
            if (next != standing) {
                if (next.track() != standing.track() || !next.level().equals(standing.level())) {
                    row.quartersAtLevel = 0;
                }
                row.track = next.track().name();
                row.level = next.level();
                row.record = next.record();
                row.recordText = null; // written from the record, as every evolved row is
            }
            row.version = seq;
            row.updatedAt = utc(at);
            row.changed = true;
        }));
    }

    /** Applies a Quarter event once, with {@code change} on the quarter row; a redelivery changes nothing. */
    private void apply(UUID personId, String quarter, long seq, Instant at, Consumer<QuarterRow> change) {
        Key key = new Key(personId, quarter);
        batch(b -> b.quarter(key, rows -> {
            QuarterRow row = rows.quarters.get(key);
            if (row != null && row.version < seq) {
                change.accept(row);
                row.version = seq;
                row.updatedAt = utc(at);
                row.changed = true;
            }
        }));
    }

    private record Key(UUID personId, String quarter) {
    }

    /** The events of one batch, in order, and the keys of the rows they may touch. */
    private final class Batch implements ProjectionBatch.Buffer {
        private final List<Consumer<Rows>> changes = new ArrayList<>();
        private final Set<UUID> people = new LinkedHashSet<>();
        private final Set<Key> quarters = new LinkedHashSet<>();

        void person(UUID personId, Consumer<Rows> change) {
            people.add(personId);
            changes.add(change);
        }

        void quarter(Key key, Consumer<Rows> change) {
            quarters.add(key);
            changes.add(change);
        }

        /** A quarter's first event: its quarter row, and its person's row (which counts the new quarter). */
        void quarterOpened(Key key, Consumer<Rows> change) {
            people.add(key.personId());
            quarter(key, change);
        }

        @Override
        public void flush() {
            if (changes.isEmpty()) {
                return;
            }
            Rows rows = load(people, quarters);
            changes.forEach(change -> change.accept(rows));
            changes.clear();
            write(rows);
        }
    }

    /** The rows a batch touches, as the batch has made them so far. */
    private static final class Rows {
        final Map<UUID, PersonRow> people = new HashMap<>();
        final Map<Key, QuarterRow> quarters = new HashMap<>();
    }

    private final class PersonRow {
        final UUID personId;
        String track;
        String level;
        /** The stored record's text; null once the record has been evolved (then written from {@link #record}). */
        String recordText;
        SustainedRecord record;
        int quartersAtLevel;
        long version;
        OffsetDateTime updatedAt;
        boolean changed;

        PersonRow(UUID personId, String track, String level, String recordText, int quartersAtLevel, long version,
                  OffsetDateTime updatedAt) {
            this.personId = personId;
            this.track = track;
            this.level = level;
            this.recordText = recordText;
            this.quartersAtLevel = quartersAtLevel;
            this.version = version;
            this.updatedAt = updatedAt;
        }

        SustainedRecord record() {
            if (record == null) {
                record = readRecord(recordText);
            }
            return record;
        }

        String recordJson() {
            return recordText != null ? recordText : writeRecord(record);
        }
    }

    private static final class QuarterRow {
        final UUID personId;
        final String quarter;
        /** As opened, or as moved to the person's new track (QuarterMovedToTrack). */
        String levelHeld;
        String targetLevel;
        final OffsetDateTime openedAt;
        String operatingLevel;
        Boolean atNextLevel;
        int goals;
        int evidence;
        long version;
        OffsetDateTime updatedAt;
        boolean changed;

        QuarterRow(UUID personId, String quarter, String levelHeld, String targetLevel, long version,
                   OffsetDateTime openedAt) {
            this.personId = personId;
            this.quarter = quarter;
            this.levelHeld = levelHeld;
            this.targetLevel = targetLevel;
            this.version = version;
            this.openedAt = openedAt;
            this.updatedAt = openedAt;
        }
    }

    /** Reads the rows of these keys: one query per table, every key at once, both in one round trip. */
    private Rows load(Set<UUID> people, Set<Key> quarters) {
        Rows rows = new Rows();
        BulkSql.read(jdbc,
                new BulkSql.Query("""
                        SELECT person_id, track, level, sustained_record::text AS record, quarters_at_level, version,
                               updated_at
                        FROM history_person WHERE person_id = ANY (?::uuid[])""",
                        rs -> {
                            PersonRow row = new PersonRow(rs.getObject("person_id", UUID.class), rs.getString("track"),
                                    rs.getString("level"), rs.getString("record"), rs.getInt("quarters_at_level"),
                                    rs.getLong("version"), rs.getObject("updated_at", OffsetDateTime.class));
                            rows.people.put(row.personId, row);
                        },
                        new BulkSql.Array(Type.UUID, people)),
                new BulkSql.Query("""
                        SELECT h.* FROM unnest(?::uuid[], ?::text[]) AS k(person_id, quarter)
                        JOIN history_quarter h ON h.person_id = k.person_id AND h.quarter = k.quarter""",
                        rs -> {
                            QuarterRow row = new QuarterRow(rs.getObject("person_id", UUID.class), rs.getString("quarter"),
                                    rs.getString("level_held"), rs.getString("target_level"), rs.getLong("version"),
                                    rs.getObject("opened_at", OffsetDateTime.class));
                            row.operatingLevel = rs.getString("operating_level");
                            row.atNextLevel = rs.getObject("at_next_level", Boolean.class);
                            row.goals = rs.getInt("goals");
                            row.evidence = rs.getInt("evidence");
                            row.updatedAt = rs.getObject("updated_at", OffsetDateTime.class);
                            rows.quarters.put(new Key(row.personId, row.quarter), row);
                        },
                        new BulkSql.Array(Type.UUID, quarters.stream().map(Key::personId).toList()),
                        new BulkSql.Array(Type.TEXT, quarters.stream().map(Key::quarter).toList())));
        return rows;
    }

    /** Writes each changed row once: an upsert per table over all its rows, both in one round trip. */
    private void write(Rows rows) {
        BulkSql.Rows people = new BulkSql.Rows("""
                INSERT INTO history_person (person_id, track, level, sustained_record, quarters_at_level, version,
                                            updated_at)
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::jsonb[], ?::int4[], ?::int8[], ?::timestamptz[])
                ON CONFLICT (person_id) DO UPDATE SET track = EXCLUDED.track, level = EXCLUDED.level,
                    sustained_record = EXCLUDED.sustained_record, quarters_at_level = EXCLUDED.quarters_at_level,
                    version = EXCLUDED.version, updated_at = EXCLUDED.updated_at""",
                Type.UUID, Type.TEXT, Type.TEXT, Type.JSONB, Type.INT4, Type.INT8, Type.TIMESTAMPTZ);
        for (PersonRow p : rows.people.values()) {
            if (p.changed) {
                people.add(p.personId, p.track, p.level, p.recordJson(), p.quartersAtLevel, p.version, p.updatedAt);
            }
        }
        BulkSql.Rows quarters = new BulkSql.Rows("""
                INSERT INTO history_quarter (person_id, quarter, level_held, target_level, operating_level,
                                             at_next_level, goals, evidence, version, opened_at, updated_at)
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bool[], ?::int4[],
                                     ?::int4[], ?::int8[], ?::timestamptz[], ?::timestamptz[])
                ON CONFLICT (person_id, quarter) DO UPDATE SET level_held = EXCLUDED.level_held,
                    target_level = EXCLUDED.target_level, operating_level = EXCLUDED.operating_level,
                    at_next_level = EXCLUDED.at_next_level, goals = EXCLUDED.goals, evidence = EXCLUDED.evidence,
                    version = EXCLUDED.version, updated_at = EXCLUDED.updated_at""",
                Type.UUID, Type.TEXT, Type.TEXT, Type.TEXT, Type.TEXT, Type.BOOL, Type.INT4, Type.INT4, Type.INT8,
                Type.TIMESTAMPTZ, Type.TIMESTAMPTZ);
        for (QuarterRow q : rows.quarters.values()) {
            if (q.changed) {
                quarters.add(q.personId, q.quarter, q.levelHeld, q.targetLevel, q.operatingLevel, q.atNextLevel,
                        q.goals, q.evidence, q.version, q.openedAt, q.updatedAt);
            }
        }
        BulkSql.write(jdbc, people, quarters);
    }



    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
