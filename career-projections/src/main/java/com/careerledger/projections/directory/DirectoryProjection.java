package com.careerledger.projections.directory;

import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.support.Page;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
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

    public DirectoryProjection(JdbcTemplate jdbc, CareerFramework framework) {
        this.jdbc = jdbc;
        this.framework = framework;
    }

    @EventHandler
    void on(PersonRegistered event, @SequenceNumber long sequence, @Timestamp Instant at) {
        String readiness = framework.nextLevel(event.level()).isPresent() ? "NOT_YET" : "TOP_OF_TRACK";
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        jdbc.update("""
                INSERT INTO directory_person (person_id, name, email, discipline, track, level, manager_id,
                                              readiness, version, registered_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (person_id) DO NOTHING""",
                event.personId(), event.name(), event.email(), event.discipline().name(), event.track().name(),
                event.level(), event.managerId(), readiness, sequence, when, when);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE directory_person");
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
