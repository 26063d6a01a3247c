package com.careerledger.projections.stats;

import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.framework.Level;
import com.careerledger.domain.person.DecisionKind;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.person.QuarterOutcomeRecorded;
import com.careerledger.domain.person.QuarterOutcomeWithdrawn;
import com.careerledger.domain.person.SustainedRecord;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.quarter.QuarterOpened;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.stats.StatsViews.LevelCount;
import com.careerledger.projections.stats.StatsViews.OrgStats;
import com.careerledger.projections.stats.StatsViews.QuarterPromotions;
import com.careerledger.projections.stats.StatsViews.StreakBucket;
import com.careerledger.projections.stats.StatsViews.TenureAndStreakBucket;
import com.careerledger.projections.stats.StatsViews.TenureBucket;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import com.careerledger.projections.support.ProjectionBatch;
import com.careerledger.projections.support.SelectiveReplay;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
 */
@Component
@ProcessingGroup(StatsProjection.PROCESSING_GROUP)
public class StatsProjection {

    public static final String PROCESSING_GROUP = "stats";

    public static final String NOTE = "Time at level is shown only to show that it does not decide promotions: "
            + "a promotion rests on consecutive quarters assessed at the next level, never on how long someone "
            + "has held a level.";

    public static final String STREAK_NOTE = "What predicts a promotion is the next-level streak: consecutive "
            + "assessed quarters at the next level or above, counted as the promotion rule counts them (a reopened "
            + "quarter does not count until it is assessed again; quarters before the last promotion do not count "
            + "again). nextLevelStreakVsPromotion counts each promotion by the streak when it was decided (an "
            + "override may come with a shorter one) and each person below the top of their track by their streak "
            + "now; timeAtLevelAndStreakVsPromotion splits the same figures by time at level too: at any time at "
            + "level, promotions follow the streak.";

    /** The column default of a person's record: no outcome, nothing used by a promotion yet. */
    private static final String EMPTY_RECORD = "{\"outcomes\": [], \"countFrom\": null}";

    private final JdbcTemplate jdbc;
    private final CareerFramework framework;

    public StatsProjection(JdbcTemplate jdbc, CareerFramework framework) {
        this.jdbc = jdbc;
        this.framework = framework;
    }

    @EventHandler
    void on(PersonRegistered e, @SequenceNumber long seq) {
        defer(e, e.personId(), seq, null);
    }

    @EventHandler
    void on(QuarterOpened e) {
        defer(e, e.personId(), -1, null);
    }

    @EventHandler
    void on(LevelChanged e, @SequenceNumber long seq, @Timestamp Instant at) {
        defer(e, e.personId(), seq, at);
    }

    @EventHandler
    void on(TrackSwitched e, @SequenceNumber long seq) {
        defer(e, e.personId(), seq, null);
    }

    @EventHandler
    void on(QuarterOutcomeRecorded e, @SequenceNumber long seq) {
        defer(e, e.personId(), seq, null);
    }

    @EventHandler
    void on(QuarterOutcomeWithdrawn e, @SequenceNumber long seq) {
        defer(e, e.personId(), seq, null);
    }

    /** Empties the tables when a rebuild names this read model (see SelectiveReplay). */
    @ResetHandler
    void reset(String rebuilt) {
        if (SelectiveReplay.includes(rebuilt, PROCESSING_GROUP)) {
            jdbc.update("TRUNCATE stats_person, stats_quarter, stats_promotion");
        }
    }

    /** Notes the event for the end of the batch: see {@link Batch}. */
    private void defer(Object event, UUID personId, long seq, Instant at) {
        ProjectionBatch.with(this, Batch::new, batch -> batch.pending.add(new Pending(event, personId, seq, at)));
    }

    /** An event of the batch; the sequence number only for Person events, the timestamp only for decisions. */
    private record Pending(Object event, UUID personId, long seq, Instant at) {
    }

    /** A person's row while a batch works on it. */
    private final class Person {
        final UUID personId;
        String track;
        String level;
        int stint;
        long version;
        boolean changed;
        /** The stored record's text: null when unknown (a row older than the record, see V17). */
        String recordText;
        SustainedRecord record;
        /**
         * The person's quarters and the stint each was opened in: all of them (stored and opened by the batch)
         * for a person the batch promotes, whose promotion counts those of the current stint; else only the ones
         * the batch opened.
         */
        final Map<String, Integer> quarters = new HashMap<>();

        Person(UUID personId, String track, String level, int stint, long version, String recordText) {
            this.personId = personId;
            this.track = track;
            this.level = level;
            this.stint = stint;
            this.version = version;
            this.recordText = recordText;
        }

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

        String recordJson() {
            return recordText != null ? recordText : record == null ? null : writeRecord(record);
        }
    }

    /**
     * The statistics' work for one batch of the processor. Handlers only note their events; at the end of the
     * batch one query reads the rows of the batch's people (and, if the batch promotes someone, a second one
     * their quarters), the events are applied in order in memory with the same guards as the per-event
     * statements had (a Person event at or below the row's version changes nothing; a quarter or a promotion
     * already stored is not stored again), and each kind of row is written with one multi-row statement.
     */
    private final class Batch implements ProjectionBatch.Buffer {

        private final List<Pending> pending = new ArrayList<>();

        private final ProjectionBatch.Statement upsertPeople = new ProjectionBatch.Statement("""
                INSERT INTO stats_person (person_id, track, level, stint, version, sustained_record, next_level_streak)
                VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?)
                ON CONFLICT (person_id) DO UPDATE SET track = EXCLUDED.track, level = EXCLUDED.level,
                    stint = EXCLUDED.stint, version = EXCLUDED.version, sustained_record = EXCLUDED.sustained_record,
                    next_level_streak = EXCLUDED.next_level_streak
                WHERE stats_person.version < EXCLUDED.version""");
        private final ProjectionBatch.Statement insertQuarters = new ProjectionBatch.Statement("""
                INSERT INTO stats_quarter (person_id, quarter, level_held, stint) VALUES (?, ?, ?, ?)
                ON CONFLICT (person_id, quarter) DO NOTHING""");
        private final ProjectionBatch.Statement insertPromotions = new ProjectionBatch.Statement("""
                INSERT INTO stats_promotion (decision_id, person_id, from_level, to_level, decided_at, decided_quarter,
                                             quarters_at_level, next_level_streak)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (decision_id) DO NOTHING""");

        @Override
        public void flush() {
            if (pending.isEmpty()) {
                return;
            }
            Map<UUID, Person> people = load();
            for (Pending p : pending) {
                apply(p, people);
            }
            pending.clear();
            for (Person person : people.values()) {
                if (person.changed) {
                    upsertPeople.add(person.personId, person.track, person.level, person.stint, person.version,
                            person.recordJson(), person.currentStreak());
                }
            }
            upsertPeople.run(jdbc);
            insertQuarters.run(jdbc);
            insertPromotions.run(jdbc);
        }

        private Map<UUID, Person> load() {
            Set<UUID> keys = new HashSet<>();
            Set<UUID> promoted = new HashSet<>();
            for (Pending p : pending) {
                keys.add(p.personId());
                if (p.event() instanceof LevelChanged e && e.kind() == DecisionKind.PROMOTION) {
                    promoted.add(p.personId());
                }
            }
            Map<UUID, Person> people = new LinkedHashMap<>();
            jdbc.query("""
                    SELECT person_id, track, level, stint, version, sustained_record::text AS record
                    FROM stats_person WHERE person_id = ANY (?)""",
                    rs -> {
                        Person person = new Person(rs.getObject("person_id", UUID.class), rs.getString("track"),
                                rs.getString("level"), rs.getInt("stint"), rs.getLong("version"), rs.getString("record"));
                        people.put(person.personId, person);
                    },
                    (Object) keys.toArray(new UUID[0]));
            promoted.retainAll(people.keySet());
            if (!promoted.isEmpty()) {
                jdbc.query("SELECT person_id, quarter, stint FROM stats_quarter WHERE person_id = ANY (?)",
                        rs -> {
                            people.get(rs.getObject("person_id", UUID.class)).quarters
                                    .put(rs.getString("quarter"), rs.getInt("stint"));
                        },
                        (Object) promoted.toArray(new UUID[0]));
            }
            return people;
        }

        private void apply(Pending p, Map<UUID, Person> people) {
            Person person = people.get(p.personId());
            if (p.event() instanceof PersonRegistered e) {
                // INSERT … ON CONFLICT DO NOTHING
                if (person == null) {
                    Person registered = new Person(e.personId(), e.track().name(), e.level(), 0, p.seq(), EMPTY_RECORD);
                    registered.changed = true;
                    people.put(registered.personId, registered);
                }
            } else if (p.event() instanceof QuarterOpened e) {
                // counted in the stint the person is in now, which is the one the quarter opened in (events are in
                // order); a quarter stored already keeps its row (ON CONFLICT DO NOTHING)
                if (person != null && !person.quarters.containsKey(e.quarter())) {
                    person.quarters.put(e.quarter(), person.stint);
                    insertQuarters.add(e.personId(), e.quarter(), e.levelHeld(), person.stint);
                }
            } else if (person != null && person.version < p.seq()) {
                if (p.event() instanceof QuarterOutcomeRecorded e) {
                    // the record changes, the stint does not
                    person.evolve(r -> r.with(e.outcome()));
                } else if (p.event() instanceof QuarterOutcomeWithdrawn e) {
                    person.evolve(r -> r.without(e.quarter()));
                } else {
                    endStint(p, person);
                }
                person.version = p.seq();
                person.changed = true;
            }
        }

        /** A level change or a track switch ends the person's stint; a promotion is counted with how it ended. */
        private void endStint(Pending p, Person person) {
            if (p.event() instanceof LevelChanged e) {
                if (e.kind() == DecisionKind.PROMOTION) {
                    Instant decidedAt = e.decidedAt() == null ? p.at() : e.decidedAt();
                    long quartersAtLevel = person.quarters.values().stream()
                            .filter(stint -> stint == person.stint).count();
                    Integer streak = person.recordKnown()
                            ? person.record().evaluate(e.toLevel(), framework).streak() : null;
                    insertPromotions.add(e.decisionId(), e.personId(), e.fromLevel(), e.toLevel(),
                            decidedAt.atOffset(ZoneOffset.UTC), calendarQuarter(decidedAt), quartersAtLevel, streak);
                    person.evolve(SustainedRecord::afterPromotion);
                }
                person.level = e.toLevel();
            } else if (p.event() instanceof TrackSwitched e) {
                person.track = e.toTrack().name();
                person.level = e.toLevel();
                person.evolve(r -> r.carriedOver(e.carriedOver()));
            }
            person.stint++;
        }
    }

    /** The calendar quarter of an instant, in UTC, written {@code YYYY-Qn}. */
    static String calendarQuarter(Instant at) {
        OffsetDateTime t = at.atOffset(ZoneOffset.UTC);
        return t.getYear() + "-Q" + ((t.getMonthValue() - 1) / 3 + 1);
    }

    // --- queries -----------------------------------------------------------------------------------------

    public OrgStats stats() {
        return new OrgStats(levelDistribution(), promotionsPerQuarter(), timeAtLevelVsPromotion(), NOTE,
                nextLevelStreakVsPromotion(), timeAtLevelAndStreakVsPromotion(), framework.policy().requiredQuarters(),
                STREAK_NOTE);
    }

    private List<LevelCount> levelDistribution() {
        Map<String, LevelCount> counts = new LinkedHashMap<>();
        for (Track track : Track.values()) {
            for (Level level : framework.levelsOf(track)) {
                counts.put(track.name() + "/" + level.code(), new LevelCount(track.name(), level.code(), 0));
            }
        }
        jdbc.query("SELECT track, level, count(*) AS people FROM stats_person GROUP BY track, level ORDER BY track, level",
                rs -> {
                    LevelCount count = new LevelCount(rs.getString("track"), rs.getString("level"), rs.getLong("people"));
                    counts.put(count.track() + "/" + count.level(), count);
                });
        return new ArrayList<>(counts.values());
    }

    private List<QuarterPromotions> promotionsPerQuarter() {
        return jdbc.query("""
                SELECT decided_quarter, count(*) AS promotions FROM stats_promotion
                GROUP BY decided_quarter ORDER BY decided_quarter""",
                (rs, i) -> new QuarterPromotions(rs.getString("decided_quarter"), rs.getLong("promotions")));
    }

    private List<TenureBucket> timeAtLevelVsPromotion() {
        return jdbc.query("""
                SELECT quarters_at_level, sum(promoted) AS promoted, sum(not_promoted) AS not_promoted FROM (
                    SELECT quarters_at_level, 1 AS promoted, 0 AS not_promoted FROM stats_promotion
                    UNION ALL
                    SELECT (SELECT count(*) FROM stats_quarter q WHERE q.person_id = p.person_id AND q.stint = p.stint),
                           0, 1
                    FROM stats_person p
                ) buckets
                GROUP BY quarters_at_level ORDER BY quarters_at_level""",
                (rs, i) -> new TenureBucket(rs.getInt("quarters_at_level"), rs.getLong("promoted"),
                        rs.getLong("not_promoted")));
    }

    /**
     * Every promotion with the streak it was decided on, and every current stint below the top of a track with its
     * streak so far, each with its quarters at level; a streak that is unknown (see V17) leaves the row out.
     */
    private static final String STINTS = """
            SELECT quarters_at_level, next_level_streak, 1 AS promoted, 0 AS not_promoted FROM stats_promotion
            WHERE next_level_streak IS NOT NULL
            UNION ALL
            SELECT (SELECT count(*) FROM stats_quarter q WHERE q.person_id = p.person_id AND q.stint = p.stint),
                   next_level_streak, 0, 1
            FROM stats_person p WHERE next_level_streak IS NOT NULL""";

    private List<StreakBucket> nextLevelStreakVsPromotion() {
        return jdbc.query("SELECT next_level_streak, sum(promoted) AS promoted, sum(not_promoted) AS not_promoted "
                        + "FROM (" + STINTS + ") stints GROUP BY next_level_streak ORDER BY next_level_streak",
                (rs, i) -> new StreakBucket(rs.getInt("next_level_streak"), rs.getLong("promoted"),
                        rs.getLong("not_promoted")));
    }

    private List<TenureAndStreakBucket> timeAtLevelAndStreakVsPromotion() {
        return jdbc.query("SELECT quarters_at_level, next_level_streak, sum(promoted) AS promoted, "
                        + "sum(not_promoted) AS not_promoted FROM (" + STINTS + ") stints "
                        + "GROUP BY quarters_at_level, next_level_streak ORDER BY quarters_at_level, next_level_streak",
                (rs, i) -> new TenureAndStreakBucket(rs.getInt("quarters_at_level"), rs.getInt("next_level_streak"),
                        rs.getLong("promoted"), rs.getLong("not_promoted")));
    }


}
