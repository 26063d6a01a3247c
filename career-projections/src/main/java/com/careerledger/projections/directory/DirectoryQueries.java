package com.careerledger.projections.directory;

import com.careerledger.domain.person.SustainedPerformancePolicy;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.support.Page;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What the directory answers: one person, or a page of people by track, level, manager or readiness. */
@Component
public class DirectoryQueries {

    private static final RowMapper<DirectoryEntry> ROW = DirectoryQueries::map;

    private final JdbcTemplate jdbc;

    public DirectoryQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
                SustainedPerformancePolicy.Readiness.valueOf(rs.getString("readiness")),
                rs.getLong("version"),
                rs.getObject("registered_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
