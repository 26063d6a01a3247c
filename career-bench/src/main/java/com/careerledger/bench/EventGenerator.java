package com.careerledger.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Writes careers straight into the event store with SQL {@code INSERT … SELECT}, as a bulk import would: valid
 * payloads (docs/events/*.md), correct per-aggregate sequence numbers, Quarter ids {@code personId/YYYY-Qn},
 * events of all people interleaved in time order.
 * <p>
 * Each person of the bulk cohort: {@code PersonRegistered} (IC1–IC4, a manager for 9 of 10, one in five in
 * product), then 8 quarters (2024-Q1 … 2025-Q4) of 11 events each — {@code QuarterOpened}, two {@code GoalSet},
 * two {@code GoalProgressed}, three {@code EvidenceLogged}, then an {@code EvidenceRetracted} (one quarter in
 * three) or a third {@code GoalProgressed}, a {@code FeedbackRecorded} and the {@code QuarterAssessed} — each
 * followed by the Person's {@code QuarterOutcomeRecorded}. One person in three operates at the next level in
 * 2024-Q3 and 2024-Q4 and is promoted ({@code LevelChanged}); another one in three has a single quarter at the
 * next level (a broken streak). About 97 events per person.
 * <p>
 * The careers keep the rules of quarters in time, as if each had been recorded through the commands: a quarter is
 * opened on its third day, its goals, progress, evidence and feedback follow three days apart, every piece of
 * evidence is dated inside its quarter (the day before it was logged), and the assessment comes in the quarter's
 * closing weeks (8 days before its end). A promotion follows its second assessment by a day, still inside that
 * quarter, so the next quarter opens at the new level. A next-level assessment rests on evidence of that level.
 * <p>
 * One more person (the point-in-time cohort) has 40 quarters (2016-Q1 … 2025-Q4) of 24 events each: about
 * 1,000 events, for the point-in-time history figure.
 */
final class EventGenerator {

    static final int BULK_QUARTERS = 8;
    static final int BULK_EVIDENCE = 3;
    static final int BULK_FIRST_YEAR = 2024;
    static final int PIT_QUARTERS = 40;
    static final int PIT_EVIDENCE = 16;
    static final int PIT_FIRST_YEAR = 2016;

    record Generated(long events, long generated, List<UUID> people, long promotions, UUID pitPerson, long pitEvents,
                     Instant pitAsOf) {
    }

    private final Connection c;
    private final ProgressPrinter progress;
    private final String frameworkHash = frameworkHash();

    EventGenerator(Connection c, ProgressPrinter progress) {
        this.c = c;
        this.progress = progress;
    }

    static double eventsPerBulkPerson() {
        return 1 + BULK_QUARTERS * (8 + BULK_EVIDENCE) + BULK_QUARTERS + 1 / 3.0;
    }

    Generated generate(long targetEvents, int pitEvidence) throws SQLException {
        c.setAutoCommit(true);
        long people = Math.max(1, Math.round(targetEvents / eventsPerBulkPerson()));
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_people");
            s.execute("""
                    CREATE TEMP TABLE bench_people (
                        cohort text, n int, id uuid NOT NULL, lvl int NOT NULL, promoted boolean NOT NULL,
                        streak_breaker boolean NOT NULL, lead uuid, PRIMARY KEY (cohort, n))""");
            s.execute("INSERT INTO bench_people SELECT 'bulk', n, gen_random_uuid(), 1 + n % 4, n % 3 = 0, n % 3 = 1, NULL"
                    + " FROM generate_series(0, " + (people - 1) + ") n");
            s.execute("UPDATE bench_people p SET lead = l.id FROM bench_people l"
                    + " WHERE p.cohort = 'bulk' AND l.cohort = 'bulk' AND l.n = (p.n / 10) * 10 AND p.n % 10 <> 0");
            s.execute("INSERT INTO bench_people VALUES ('pit', 0, gen_random_uuid(), 2, false, false, NULL)");
        }
        long estimate = Math.round(people * eventsPerBulkPerson());
        progress.say(String.format(Locale.US, "generating %,d people with about %,d events (8 quarters each), "
                + "plus one person with about %,d events", people, estimate, 2 + PIT_QUARTERS * (8 + pitEvidence)));
        long written = 0;
        long started = System.nanoTime();
        written += insert(registrations("bulk", BULK_FIRST_YEAR));
        for (int k = 0; k < BULK_QUARTERS; k++) {
            written += insert(quarter("bulk", k, BULK_EVIDENCE, BULK_FIRST_YEAR));
            progress.say(String.format(Locale.US, "generated quarter %d of %d: %,d of about %,d events (%.0f events/s)",
                    k + 1, BULK_QUARTERS, written, estimate, written / ((System.nanoTime() - started) / 1e9)));
        }
        long pitWritten = insert(registrations("pit", PIT_FIRST_YEAR));
        for (int k = 0; k < PIT_QUARTERS; k++) {
            pitWritten += insert(quarter("pit", k, pitEvidence, PIT_FIRST_YEAR));
        }
        written += pitWritten;
        progress.say(String.format(Locale.US, "generated %,d events in %.1f s; VACUUM ANALYZE of the event store",
                written, (System.nanoTime() - started) / 1e9));
        try (Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE domain_event_entry");
        }

        List<UUID> sample = new ArrayList<>();
        UUID pit;
        long total;
        long pitEvents;
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id FROM bench_people WHERE cohort = 'bulk' ORDER BY random() LIMIT 5000")) {
                while (rs.next()) {
                    sample.add(rs.getObject(1, UUID.class));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id FROM bench_people WHERE cohort = 'pit'")) {
                rs.next();
                pit = rs.getObject(1, UUID.class);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM domain_event_entry")) {
                rs.next();
                total = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '"
                    + pit + "' OR aggregate_identifier LIKE '" + pit + "/%'")) {
                rs.next();
                pitEvents = rs.getLong(1);
            }
            s.execute("DROP TABLE bench_people");
        }
        // half-way through the career: 2021-Q1 plus a month
        Instant asOf = ZonedDateTime.of(PIT_FIRST_YEAR + PIT_QUARTERS / 8, 2, 3, 9, 0, 0, 0, ZoneOffset.UTC).toInstant();
        return new Generated(total, written, sample, (people + 2) / 3, pit, pitEvents, asOf);
    }

    private long insert(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    private static final String INSERT = """
            INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                            payload_type, payload_revision, payload, meta_data)
            SELECT gen_random_uuid()::text, e.agg, e.seq, e.typ,
                   to_char(e.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                   'com.careerledger.domain.' || e.cls,
                   CASE WHEN e.cls = 'quarter.EvidenceLogged' THEN '2' ELSE '1' END, e.payload,
                   jsonb_build_object('actor', 'admin', 'correlationId', md5(e.agg || e.seq || 'c')::uuid::text,
                                      'traceId', md5(e.agg || e.seq || 't')::uuid::text)
            FROM (%s) e
            ORDER BY e.ts, e.agg, e.seq""";

    private String registrations(String cohort, int firstYear) {
        return INSERT.formatted("""
                SELECT b.id::text AS agg, 0 AS seq, 'Person' AS typ,
                       make_timestamptz(%d, 1, 1, 9, 0, 0, 'UTC') - interval '30 days' + (b.n * 37 %% 86400) * interval '1 second' AS ts,
                       'person.PersonRegistered' AS cls,
                       jsonb_build_object('personId', b.id, 'name', 'Bench Person ' || b.n,
                                          'email', 'bench-%s-' || b.n || '-' || left(b.id::text, 8) || '@example.com',
                                          'discipline', CASE WHEN b.n %% 5 = 4 THEN 'PRODUCT' ELSE 'ENGINEERING' END,
                                          'track', 'IC', 'level', 'IC' || b.lvl, 'managerId', b.lead) AS payload
                FROM bench_people b WHERE b.cohort = '%s'""".formatted(firstYear, cohort, cohort));
    }

    /** Quarter {@code k} of every person of the cohort: its events, the Person's outcome, and promotions after k = 3. */
    private String quarter(String cohort, int k, int evidence, int firstYear) {
        int year = firstYear + k / 4;
        String q = year + "-Q" + (k % 4 + 1);
        int last = 7 + evidence; // slot of the assessment
        String people = """
                SELECT b.*, '%1$s' AS q, %2$d AS k,
                       make_timestamptz(%3$d, %4$d, 3, 9, 0, 0, 'UTC') + (b.n * 37 %% 86400) * interval '1 second' AS t0,
                       make_timestamptz(%3$d, %4$d, 1, 9, 0, 0, 'UTC') + interval '3 months' - interval '8 days'
                           + (b.n * 37 %% 86400) * interval '1 second' AS assessed_at,
                       b.lvl + CASE WHEN b.promoted AND %5$d >= 4 THEN 1 ELSE 0 END AS held
                FROM bench_people b WHERE b.cohort = '%6$s'""".formatted(q, k, year, 3 * (k % 4) + 1, k, cohort);
        String withLevels = """
                SELECT p.*, CASE WHEN p.promoted AND p.k IN (2, 3) THEN p.lvl + 1
                                 WHEN p.streak_breaker AND p.k %% 6 = 5 THEN p.held + 1
                                 ELSE p.held END AS op
                FROM (%s) p""".formatted(people);
        String ids = "md5(p.id::text || p.q || '%s')::uuid";
        String g1 = ids.formatted("g1");
        String g2 = ids.formatted("g2");
        String quarterEvents = """
                SELECT p.id::text || '/' || p.q AS agg, j AS seq, 'Quarter' AS typ,
                       CASE WHEN j = %4$d THEN p.assessed_at ELSE p.t0 + j * interval '3 days' END AS ts,
                       CASE WHEN j = 0 THEN 'quarter.QuarterOpened'
                            WHEN j <= 2 THEN 'quarter.GoalSet'
                            WHEN j <= 4 THEN 'quarter.GoalProgressed'
                            WHEN j <= %1$d THEN 'quarter.EvidenceLogged'
                            WHEN j = %2$d THEN CASE WHEN (p.k + p.n) %% 3 = 0 THEN 'quarter.EvidenceRetracted' ELSE 'quarter.GoalProgressed' END
                            WHEN j = %3$d THEN 'quarter.FeedbackRecorded'
                            ELSE 'quarter.QuarterAssessed' END AS cls,
                       jsonb_build_object('personId', p.id, 'quarter', p.q) ||
                       CASE WHEN j = 0 THEN jsonb_build_object('track', 'IC', 'levelHeld', 'IC' || p.held,
                                   'targetLevel', CASE WHEN p.held < 6 THEN 'IC' || (p.held + 1) END)
                            WHEN j <= 2 THEN jsonb_build_object('goalId', CASE WHEN j = 1 THEN %5$s ELSE %6$s END,
                                   'title', CASE WHEN j = 1 THEN 'Lead the API redesign across 3 teams' ELSE 'Mentor two engineers' END,
                                   'description', 'Aim at the next level: scope beyond my own team',
                                   'dimension', (ARRAY['SCOPE','CRAFT','COLLABORATION','OWNERSHIP','MENTORSHIP','IMPACT'])[1 + (p.n + j) %% 6],
                                   'measure', 'Shipped and adopted by the other teams',
                                   'targetLevel', CASE WHEN p.held < 6 THEN 'IC' || (p.held + 1) END)
                            WHEN j <= 4 THEN jsonb_build_object('goalId', CASE WHEN j = 3 THEN %5$s ELSE %6$s END,
                                   'status', (ARRAY['ON_TRACK','AT_RISK','OFF_TRACK'])[1 + (p.n + j) %% 3],
                                   'note', 'Discussed at the biweekly 1:1')
                            WHEN j <= %1$d THEN jsonb_build_object('evidenceId', md5(p.id::text || p.q || 'e' || (j - 5))::uuid,
                                   'title', 'Shipped milestone ' || (j - 4) || ' of the redesign',
                                   'description', NULL,
                                   'impact', 'p95 latency down from 480 ms to 190 ms for three teams',
                                   'dimension', (ARRAY['SCOPE','CRAFT','COLLABORATION','OWNERSHIP','MENTORSHIP','IMPACT'])[1 + (p.n + j) %% 6],
                                   'demonstratesLevel', 'IC' || p.op,
                                   'goalId', CASE WHEN j %% 2 = 1 THEN %5$s END,
                                   'links', CASE WHEN j %% 3 = 0 THEN jsonb_build_array('https://git.example.com/pulls/' || (p.n * 100 + j))
                                                 ELSE '[]'::jsonb END,
                                   'occurredOn', to_char((p.t0 + j * interval '3 days' - interval '1 day') AT TIME ZONE 'UTC',
                                                         'YYYY-MM-DD'))
                            WHEN j = %2$d AND (p.k + p.n) %% 3 = 0 THEN jsonb_build_object(
                                   'evidenceId', md5(p.id::text || p.q || 'e0')::uuid,
                                   'reason', 'Logged in the wrong quarter')
                            WHEN j = %2$d THEN jsonb_build_object('goalId', %5$s, 'status', 'DONE', 'note', 'Done and adopted')
                            WHEN j = %3$d THEN jsonb_build_object('feedbackId', md5(p.id::text || p.q || 'f')::uuid,
                                   'relationship', (ARRAY['MANAGER','PEER','REPORT','SELF'])[1 + (p.n + p.k) %% 4],
                                   'text', 'Unblocked two teams and explained the trade-offs well',
                                   'signalsLevel', 'IC' || p.op, 'givenBy', 'admin')
                            ELSE jsonb_build_object('assessmentId', md5(p.id::text || p.q || 'a')::uuid,
                                   'operatingLevel', 'IC' || p.op, 'levelHeld', 'IC' || p.held,
                                   'targetLevel', CASE WHEN p.held < 6 THEN 'IC' || (p.held + 1) END,
                                   'atNextLevel', p.op > p.held,
                                   'rationale', 'Operated at IC' || p.op || ' this quarter, per the evidence',
                                   'assessedBy', 'admin', 'amendsAssessmentId', NULL) END AS payload
                FROM levels p CROSS JOIN generate_series(0, %4$d) j""".formatted(
                4 + evidence, 5 + evidence, 6 + evidence, last, g1, g2);
        String outcomes = """
                SELECT p.id::text, 1 + p.k + CASE WHEN p.promoted AND p.k >= 4 THEN 1 ELSE 0 END, 'Person',
                       p.assessed_at + interval '1 second', 'person.QuarterOutcomeRecorded',
                       jsonb_build_object('personId', p.id, 'quarter', p.q, 'operatingLevel', 'IC' || p.op,
                                          'assessmentId', md5(p.id::text || p.q || 'a')::uuid, 'levelHeld', 'IC' || p.held)
                FROM levels p""";
        StringBuilder events = new StringBuilder(quarterEvents).append("\nUNION ALL\n").append(outcomes);
        if (k == 3) {
            String previous = firstYear + "-Q3"; // k = 2
            events.append("\nUNION ALL\n").append("""
                    SELECT p.id::text, 5, 'Person', p.assessed_at + interval '1 day', 'person.LevelChanged',
                           jsonb_build_object('personId', p.id, 'decisionId', md5(p.id::text || 'promotion')::uuid,
                                   'kind', 'PROMOTION', 'fromLevel', 'IC' || p.lvl, 'toLevel', 'IC' || (p.lvl + 1),
                                   'basis', jsonb_build_array(
                                        jsonb_build_object('quarter', '%s', 'operatingLevel', 'IC' || (p.lvl + 1),
                                                           'assessmentId', md5(p.id::text || '%s' || 'a')::uuid),
                                        jsonb_build_object('quarter', p.q, 'operatingLevel', 'IC' || (p.lvl + 1),
                                                           'assessmentId', md5(p.id::text || p.q || 'a')::uuid)),
                                   'policy', jsonb_build_object('requiredQuarters', 2),
                                   'framework', jsonb_build_object('id', 'career-ladder', 'version', 1, 'hash', '%s'),
                                   'rationale', 'Operated at IC' || (p.lvl + 1) || ' for two consecutive quarters',
                                   'override', NULL, 'decidedBy', 'admin',
                                   'decidedAt', to_char((p.assessed_at + interval '1 day') AT TIME ZONE 'UTC',
                                                        'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
                    FROM levels p WHERE p.promoted""".formatted(previous, previous, frameworkHash));
        }
        return "WITH levels AS (" + withLevels + ")\n" + INSERT.formatted(events);
    }

    /** SHA-256 of the shipped ladder, as the application records it in decisions. */
    private static String frameworkHash() {
        try (InputStream in = EventGenerator.class.getClassLoader().getResourceAsStream("framework/career-ladder.yaml")) {
            byte[] bytes = in == null ? new byte[0] : in.readAllBytes();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
