package com.careerledger.projections.directory;

import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.person.CareerStanding;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.ManagerAssigned;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.person.QuarterOutcomeRecorded;
import com.careerledger.domain.person.QuarterOutcomeWithdrawn;
import com.careerledger.domain.person.SustainedPerformancePolicy;
import com.careerledger.domain.person.SustainedRecord;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.support.Page;
import com.careerledger.projections.support.ProjectionBatch;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import com.careerledger.projections.support.SelectiveReplay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.careerledger.projections.support.SustainedRecordJson.readRecord;
import static com.careerledger.projections.support.SustainedRecordJson.writeRecord;

/**
 * Read model 1, the directory: people with their track, level, manager and readiness. Every row remembers
 * the Person sequence number it reflects, so a redelivered event changes nothing.
 * <p>
 * Events are applied at the end of the processor's batch ({@link ProjectionBatch}): one query reads the rows of
 * the batch's people, the events change them in memory in order, one multi-row upsert writes the changed ones.
 */
@Component
@ProcessingGroup(DirectoryProjection.PROCESSING_GROUP)
public class DirectoryProjection {

    public static final String PROCESSING_GROUP = "directory";

    private static final RowMapper<DirectoryEntry> ROW = DirectoryProjection::map;

    private final JdbcTemplate jdbc;
    private static final Logger log = LoggerFactory.getLogger(DirectoryProjection.class);

    private final CareerFramework framework;

    public DirectoryProjection(JdbcTemplate jdbc, CareerFramework framework) {
        this.jdbc = jdbc;
        this.framework = framework;
    }

    @EventHandler
    void on(PersonRegistered event, @SequenceNumber long sequence, @Timestamp Instant at) {
        defer(event, event.personId(), sequence, at);
    }

    @EventHandler
    void on(ManagerAssigned event, @SequenceNumber long sequence, @Timestamp Instant at) {
        defer(event, event.personId(), sequence, at);
    }

    @EventHandler
    void on(QuarterOutcomeRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        defer(event, event.personId(), sequence, at);
    }

    @EventHandler
    void on(QuarterOutcomeWithdrawn event, @SequenceNumber long sequence, @Timestamp Instant at) {
        defer(event, event.personId(), sequence, at);
    }

    @EventHandler
    void on(LevelChanged event, @SequenceNumber long sequence, @Timestamp Instant at) {
        defer(event, event.personId(), sequence, at);
    }

    @EventHandler
    void on(TrackSwitched event, @SequenceNumber long sequence, @Timestamp Instant at) {
        defer(event, event.personId(), sequence, at);
    }

    /** At start-up: readiness computed under another framework is computed again (see {@link #refreshReadiness}). */
    @EventListener(ApplicationReadyEvent.class)
    void refreshReadinessAtStartUp() {
        try {
            int refreshed = refreshReadiness();
            if (refreshed > 0) {
                log.info("Readiness of {} people computed again under the career framework now in force ({})",
                        refreshed, framework.ref().hash());
            }
        } catch (DataAccessException e) {
            // each row is computed again the next time an event writes it, or at the next start
            log.warn("Readiness computed under an earlier framework could not be refreshed: {}", e.toString());
        }
    }

    /**
     * Readiness of every row computed under another framework (the ladder changed at a restart), computed again
     * from its stored level and record under the one in force: the directory and the readiness board then say
     * what performance history says. A row an event changes meanwhile is left to that event's write, which
     * computes it under the framework in force too.
     *
     * @return how many rows were computed again
     */
    public int refreshReadiness() {
        String hash = framework.ref().hash();
        List<Object[]> updates = new ArrayList<>();
        jdbc.query("""
                SELECT person_id, track, level, sustained_record::text AS record, version FROM directory_person
                WHERE readiness_framework IS DISTINCT FROM ?""", rs -> {
            CareerStanding standing = new CareerStanding(Track.valueOf(rs.getString("track")), rs.getString("level"),
                    readRecord(rs.getString("record")));
            SustainedPerformancePolicy.ReadinessView view = standing.readiness(framework);
            updates.add(new Object[]{view.status().name(), view.reason(), hash, rs.getObject("person_id", UUID.class),
                    rs.getLong("version")});
        }, hash);
        int[][] counts = jdbc.batchUpdate("""
                UPDATE directory_person SET readiness = ?, readiness_reason = ?, readiness_framework = ?
                WHERE person_id = ? AND version = ?""", updates, 500, (ps, args) -> {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
        });
        return java.util.Arrays.stream(counts).flatMapToInt(java.util.Arrays::stream).map(n -> Math.max(n, 0)).sum();
    }

    /** Empties the tables when a rebuild names this read model (see SelectiveReplay). */
    @ResetHandler
    void reset(String rebuilt) {
        if (SelectiveReplay.includes(rebuilt, PROCESSING_GROUP)) {
            jdbc.update("TRUNCATE directory_person");
        }
    }

    /** Notes the event for the end of the batch: see {@link Batch}. */
    private void defer(Object event, UUID personId, long sequence, Instant at) {
        ProjectionBatch.with(this, Batch::new, batch -> batch.pending.add(new Pending(event, personId, sequence, at)));
    }

    /** An event of the batch, with what the handler was given besides it. */
    private record Pending(Object event, UUID personId, long sequence, Instant at) {
    }

    /**
     * The directory's work for one batch of the processor. Handlers only note their events; at the end of the
     * batch the rows of every person they name are read in one query, the events are applied to them in order
     * in memory (each only if the row's version is below the event's sequence number, as before), and every row
     * that changed is written once, in one multi-row upsert. Nothing outlives the batch.
     */
    private final class Batch implements ProjectionBatch.Buffer {

        private final List<Pending> pending = new ArrayList<>();

        @Override
        public void flush() {
            if (pending.isEmpty()) {
                return;
            }
            Map<UUID, Row> rows = load(pending.stream().map(Pending::personId).collect(Collectors.toSet()));
            for (Pending p : pending) {
                apply(p, rows);
            }
            pending.clear();
            ProjectionBatch.Statement upsert = new ProjectionBatch.Statement(UPSERT);
            for (Row row : rows.values()) {
                if (row.changed) {
                    upsert.add(row.arguments());
                }
            }
            upsert.run(jdbc);
        }

        private void apply(Pending p, Map<UUID, Row> rows) {
            Row row = rows.get(p.personId());
            if (p.event() instanceof PersonRegistered e) {
                // INSERT … ON CONFLICT DO NOTHING: a person already here stays as they are
                if (row == null) {
                    Row created = new Row();
                    OffsetDateTime when = p.at().atOffset(ZoneOffset.UTC);
                    created.personId = e.personId();
                    created.name = e.name();
                    created.email = e.email();
                    created.discipline = e.discipline().name();
                    created.managerId = e.managerId();
                    created.evolve(CareerStanding.registered(e));
                    created.version = p.sequence();
                    created.registeredAt = when;
                    created.updatedAt = when;
                    created.changed = true;
                    rows.put(created.personId, created);
                }
                return;
            }
            // every other event applies once: a row already at this sequence number (a redelivery) is left alone
            if (row == null || row.version >= p.sequence()) {
                return;
            }
            if (p.event() instanceof ManagerAssigned e) {
                row.managerId = e.managerId();
            } else {
                // the one career fold; a reopened quarter leaves the record, and readiness (and the readiness
                // board) follow at once
                CareerStanding standing = row.standing();
                CareerStanding next = standing.evolve(p.event());
                if (next != standing) {
                    row.evolve(next);
                }
            }
            row.version = p.sequence();
            row.updatedAt = p.at().atOffset(ZoneOffset.UTC);
            row.changed = true;
        }
    }

    /** Every row of these people, as stored. */
    private Map<UUID, Row> load(Set<UUID> people) {
        Map<UUID, Row> rows = new LinkedHashMap<>();
        jdbc.query("""
                SELECT person_id, name, email, discipline, track, level, manager_id, readiness, readiness_reason,
                       readiness_framework, version, registered_at, updated_at, sustained_record::text AS record
                FROM directory_person WHERE person_id = ANY (?)""",
                rs -> {
                    Row row = new Row();
                    row.personId = rs.getObject("person_id", UUID.class);
                    row.name = rs.getString("name");
                    row.email = rs.getString("email");
                    row.discipline = rs.getString("discipline");
                    row.track = Track.valueOf(rs.getString("track"));
                    row.level = rs.getString("level");
                    row.managerId = rs.getObject("manager_id", UUID.class);
                    row.readiness = rs.getString("readiness");
                    row.readinessReason = rs.getString("readiness_reason");
                    row.readinessFramework = rs.getString("readiness_framework");
                    row.version = rs.getLong("version");
                    row.registeredAt = rs.getObject("registered_at", OffsetDateTime.class);
                    row.updatedAt = rs.getObject("updated_at", OffsetDateTime.class);
                    row.storedRecord = rs.getString("record");
                    rows.put(row.personId, row);
                },
                (Object) people.toArray(new UUID[0]));
        return rows;
    }

    /**
     * Writes a row the batch changed: a new one is inserted; one already stored is updated unless it has moved
     * past this version meanwhile (the guard of the per-event statements, kept for the batch's one write).
     */
    private static final String UPSERT = """
            INSERT INTO directory_person (person_id, name, email, discipline, track, level, manager_id,
                                          sustained_record, readiness, readiness_reason, readiness_framework,
                                          version, registered_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?)
            ON CONFLICT (person_id) DO UPDATE SET track = EXCLUDED.track, level = EXCLUDED.level,
                manager_id = EXCLUDED.manager_id, sustained_record = EXCLUDED.sustained_record,
                readiness = EXCLUDED.readiness, readiness_reason = EXCLUDED.readiness_reason,
                readiness_framework = EXCLUDED.readiness_framework,
                version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
            WHERE directory_person.version < EXCLUDED.version""";

    /** A directory row while a batch works on it. */
    private final class Row {
        UUID personId;
        String name;
        String email;
        String discipline;
        Track track;
        String level;
        UUID managerId;
        String readiness;
        String readinessReason;
        /** The content hash of the framework readiness was computed under. */
        String readinessFramework;
        long version;
        OffsetDateTime registeredAt;
        OffsetDateTime updatedAt;
        /** The sustained record as stored (jsonb as text); read only if an event of the batch evolves it. */
        String storedRecord;
        SustainedRecord record;
        /** Track, level or record changed: readiness is computed again from them. */
        boolean evolved;
        boolean changed;

        CareerStanding standing() {
            if (record == null) {
                record = readRecord(storedRecord);
            }
            return new CareerStanding(track, level, record);
        }

        void evolve(CareerStanding standing) {
            this.track = standing.track();
            this.level = standing.level();
            this.record = standing.record();
            this.evolved = true;
        }

        Object[] arguments() {
            if (evolved || !framework.ref().hash().equals(readinessFramework)) {
                SustainedPerformancePolicy.ReadinessView view = standing().readiness(framework);
                readiness = view.status().name();
                readinessReason = view.reason();
                readinessFramework = framework.ref().hash();
            }
            return new Object[]{personId, name, email, discipline, track.name(), level, managerId,
                    evolved ? writeRecord(record) : storedRecord, readiness, readinessReason, readinessFramework,
                    version, registeredAt, updatedAt};
        }
    }



    public Optional<DirectoryEntry> find(UUID personId) {
        return jdbc.query("SELECT * FROM directory_person WHERE person_id = ?", ROW, personId).stream().findFirst();
    }

    public Page<DirectoryEntry> search(DirectoryFilter filter, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> args = new ArrayList<>();
        if (filter.track() != null) {
            where.append(" AND track = ?");
            args.add(filter.track().name());
        }
        if (filter.level() != null) {
            where.append(" AND level = ?");
            args.add(filter.level());
        }
        if (filter.managerId() != null) {
            where.append(" AND manager_id = ?");
            args.add(filter.managerId());
        }
        if (filter.readiness() != null) {
            where.append(" AND readiness = ?");
            args.add(filter.readiness());
        }
        if (filter.within() != null) {
            where.append(" AND person_id = ANY (?)");
            args.add(filter.within().toArray(new UUID[0]));
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM directory_person" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<DirectoryEntry> items = jdbc.query(
                "SELECT * FROM directory_person" + where + " ORDER BY name, person_id LIMIT ? OFFSET ?",
                ROW, pageArgs.toArray());
        return new Page<>(items, page, size, total == null ? 0 : total);
    }

    private static DirectoryEntry map(ResultSet rs, int row) throws SQLException {
        return new DirectoryEntry(
                rs.getObject("person_id", UUID.class),
                rs.getString("name"),
                rs.getString("email"),
                Discipline.valueOf(rs.getString("discipline")),
                Track.valueOf(rs.getString("track")),
                rs.getString("level"),
                rs.getObject("manager_id", UUID.class),
                rs.getString("readiness"),
                rs.getLong("version"),
                rs.getObject("registered_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
