package com.careerledger.projections.directory;

import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.person.DecisionKind;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.ManagerAssigned;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.person.QuarterOutcome;
import com.careerledger.domain.person.QuarterOutcomeRecorded;
import com.careerledger.domain.person.SustainedPerformancePolicy;
import com.careerledger.domain.person.SustainedRecord;
import com.careerledger.domain.person.TrackSwitched;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.support.Page;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import com.careerledger.projections.support.SelectiveReplay;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Read model 1, the directory: people with their track, level, manager and readiness. Every row remembers
 * the Person sequence number it reflects, so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(DirectoryProjection.PROCESSING_GROUP)
public class DirectoryProjection {

    public static final String PROCESSING_GROUP = "directory";

    private static final RowMapper<DirectoryEntry> ROW = DirectoryProjection::map;

    private final JdbcTemplate jdbc;
    private final CareerFramework framework;
    private final ObjectMapper json = new ObjectMapper();

    public DirectoryProjection(JdbcTemplate jdbc, CareerFramework framework) {
        this.jdbc = jdbc;
        this.framework = framework;
    }

    @EventHandler
    void on(PersonRegistered event, @SequenceNumber long sequence, @Timestamp Instant at) {
        SustainedPerformancePolicy.ReadinessView readiness = SustainedRecord.EMPTY.readiness(event.level(), framework);
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        jdbc.update("""
                INSERT INTO directory_person (person_id, name, email, discipline, track, level, manager_id,
                                              readiness, readiness_reason, version, registered_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (person_id) DO NOTHING""",
                event.personId(), event.name(), event.email(), event.discipline().name(), event.track().name(),
                event.level(), event.managerId(), readiness.status().name(), readiness.reason(), sequence, when, when);
    }

    @EventHandler
    void on(ManagerAssigned event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update("UPDATE directory_person SET manager_id = ?, version = ?, updated_at = ? WHERE person_id = ? AND version < ?",
                event.managerId(), sequence, at.atOffset(ZoneOffset.UTC), event.personId(), sequence);
    }

    @EventHandler
    void on(QuarterOutcomeRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        evolve(event.personId(), sequence, at, row -> row.withRecord(row.record().with(
                new QuarterOutcome(event.quarter(), event.operatingLevel(), event.assessmentId()))));
    }

    @EventHandler
    void on(LevelChanged event, @SequenceNumber long sequence, @Timestamp Instant at) {
        evolve(event.personId(), sequence, at, row -> new Standing(row.track(), event.toLevel(),
                event.kind() == DecisionKind.PROMOTION ? row.record().afterPromotion() : row.record()));
    }

    @EventHandler
    void on(TrackSwitched event, @SequenceNumber long sequence, @Timestamp Instant at) {
        evolve(event.personId(), sequence, at, row -> new Standing(event.toTrack(), event.toLevel(),
                row.record().carriedOver(event.carriedOver())));
    }

    /** Empties the tables when a rebuild names this read model (see SelectiveReplay). */
    @ResetHandler
    void reset(String rebuilt) {
        if (SelectiveReplay.includes(rebuilt, PROCESSING_GROUP)) {
            jdbc.update("TRUNCATE directory_person");
        }
    }

    /** Track, level and record of a person: what readiness is computed from. */
    private record Standing(Track track, String level, SustainedRecord record) {
        Standing withRecord(SustainedRecord next) {
            return new Standing(track, level, next);
        }
    }

    /** Applies an event once: a row already at this sequence number (a redelivery) is left alone. */
    private void evolve(UUID personId, long sequence, Instant at, java.util.function.UnaryOperator<Standing> change) {
        List<Standing> rows = jdbc.query(
                "SELECT track, level, sustained_record::text AS record FROM directory_person WHERE person_id = ? AND version < ? FOR UPDATE",
                (rs, i) -> new Standing(Track.valueOf(rs.getString("track")), rs.getString("level"),
                        readRecord(rs.getString("record"))),
                personId, sequence);
        if (rows.isEmpty()) {
            return;
        }
        Standing next = change.apply(rows.get(0));
        SustainedPerformancePolicy.ReadinessView readiness = next.record().readiness(next.level(), framework);
        jdbc.update("""
                UPDATE directory_person SET track = ?, level = ?, sustained_record = CAST(? AS jsonb), readiness = ?,
                       readiness_reason = ?, version = ?, updated_at = ?
                WHERE person_id = ?""",
                next.track().name(), next.level(), writeRecord(next.record()), readiness.status().name(),
                readiness.reason(), sequence, at.atOffset(ZoneOffset.UTC), personId);
    }

    private SustainedRecord readRecord(String text) {
        try {
            return json.readValue(text, SustainedRecord.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable sustained record", e);
        }
    }

    private String writeRecord(SustainedRecord record) {
        try {
            return json.writeValueAsString(record);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
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
