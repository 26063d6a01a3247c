package com.careerledger.projections.lookup;

import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.ManagerAssigned;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.shared.Track;
import com.careerledger.domain.person.PersonRegistry;
import com.careerledger.domain.person.QuarterRegistry;
import com.careerledger.domain.person.ReportingLines;
import com.careerledger.domain.quarter.QuarterAssessed;
import com.careerledger.domain.quarter.QuarterOpened;
import com.careerledger.domain.quarter.QuarterReopened;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The write side's view of who exists, which e-mail is taken and who manages whom. It runs in a
 * subscribing processor, i.e. in the same transaction as the events it records: a command checked against
 * it sees every committed person, and the unique e-mail constraint settles two concurrent registrations. It also
 * keeps each person's standing over time (a quarter imported later opens at the level held then) and which of
 * their quarters are open (a track switch moves those).
 * <p>
 * It owns {@code person_lookup}, {@code person_standing} and {@code quarter_lookup}: whoever needs their facts (the
 * aggregates' checks, the API's access rules) asks through the domain's ports it implements, never with SQL of its
 * own. Reporting lines are walked in the database, one query whatever the depth; {@code UNION} drops a person met
 * twice, so a stored cycle ends the walk instead of looping.
 */
@Component
@ProcessingGroup(PersonLookupProjection.PROCESSING_GROUP)
public class PersonLookupProjection implements PersonRegistry, QuarterRegistry, ReportingLines {

    public static final String PROCESSING_GROUP = "person-lookup";

    private final JdbcTemplate jdbc;

    public PersonLookupProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PersonRegistered event, @SequenceNumber long seq, @org.axonframework.eventhandling.Timestamp Instant at) {
        standingFrom(event.personId(), at, seq, event.track(), event.level());
        jdbc.update("""
                INSERT INTO person_lookup (person_id, email_normalized, manager_id, track, level) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (person_id) DO NOTHING""",
                event.personId(), PersonRegistry.normalizeEmail(event.email()), event.managerId(),
                event.track().name(), event.level());
    }

    @EventHandler
    void on(ManagerAssigned event) {
        jdbc.update("UPDATE person_lookup SET manager_id = ? WHERE person_id = ?", event.managerId(), event.personId());
    }

    @EventHandler
    void on(LevelChanged event, @SequenceNumber long seq) {
        jdbc.update("UPDATE person_lookup SET level = ? WHERE person_id = ?", event.toLevel(), event.personId());
        jdbc.update("""
                INSERT INTO person_standing (person_id, effective_at, seq, track, level)
                SELECT ?, ?, ?, track, ? FROM person_lookup WHERE person_id = ?
                ON CONFLICT DO NOTHING""",
                event.personId(), Timestamp.from(event.decidedAt()), seq, event.toLevel(), event.personId());
    }

    @EventHandler
    void on(TrackSwitched event, @SequenceNumber long seq) {
        jdbc.update("UPDATE person_lookup SET track = ?, level = ? WHERE person_id = ?",
                event.toTrack().name(), event.toLevel(), event.personId());
        standingFrom(event.personId(), event.decidedAt(), seq, event.toTrack(), event.toLevel());
    }

    @EventHandler
    void on(QuarterOpened event) {
        jdbc.update("INSERT INTO quarter_lookup (person_id, quarter, open) VALUES (?, ?, TRUE) ON CONFLICT DO NOTHING",
                event.personId(), event.quarter());
    }

    @EventHandler
    void on(QuarterAssessed event) {
        jdbc.update("UPDATE quarter_lookup SET open = FALSE WHERE person_id = ? AND quarter = ?",
                event.personId(), event.quarter());
    }

    @EventHandler
    void on(QuarterReopened event) {
        jdbc.update("UPDATE quarter_lookup SET open = TRUE WHERE person_id = ? AND quarter = ?",
                event.personId(), event.quarter());
    }

    private void standingFrom(UUID personId, Instant at, long seq, Track track, String level) {
        jdbc.update("""
                INSERT INTO person_standing (person_id, effective_at, seq, track, level) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", personId, Timestamp.from(at), seq, track.name(), level);
    }

    @Override
    public Optional<Standing> standingAt(UUID personId, Instant at) {
        // the last standing in force at the instant; before the person was registered, the first one recorded
        Timestamp instant = Timestamp.from(at);
        return jdbc.query("""
                SELECT track, level FROM person_standing WHERE person_id = ?
                ORDER BY (effective_at <= ?) DESC, CASE WHEN effective_at <= ? THEN seq END DESC NULLS LAST, seq
                LIMIT 1""",
                (rs, i) -> new Standing(Track.valueOf(rs.getString("track")), rs.getString("level")),
                personId, instant, instant).stream().findFirst()
                .or(() -> standing(personId));
    }

    @Override
    public List<String> openQuartersOf(UUID personId) {
        return jdbc.queryForList("SELECT quarter FROM quarter_lookup WHERE person_id = ? AND open ORDER BY quarter",
                String.class, personId);
    }

    @Override
    public boolean isEmailTaken(String email) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM person_lookup WHERE email_normalized = ?)", Boolean.class,
                PersonRegistry.normalizeEmail(email)));
    }

    @Override
    public boolean exists(UUID personId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM person_lookup WHERE person_id = ?)", Boolean.class, personId));
    }

    @Override
    public Optional<Standing> standing(UUID personId) {
        return jdbc.query("SELECT track, level FROM person_lookup WHERE person_id = ?",
                (rs, i) -> new Standing(Track.valueOf(rs.getString("track")), rs.getString("level")), personId)
                .stream().findFirst();
    }

    @Override
    public boolean manages(UUID manager, UUID person) {
        return !manager.equals(person) && Boolean.TRUE.equals(jdbc.queryForObject("""
                WITH RECURSIVE above(manager_id) AS (
                    SELECT manager_id FROM person_lookup WHERE person_id = ?
                    UNION
                    SELECT l.manager_id FROM person_lookup l JOIN above a ON l.person_id = a.manager_id)
                SELECT EXISTS (SELECT 1 FROM above WHERE manager_id = ?)""", Boolean.class, person, manager));
    }

    @Override
    public Set<UUID> below(UUID manager) {
        return new HashSet<>(jdbc.queryForList("""
                WITH RECURSIVE below(person_id) AS (
                    SELECT person_id FROM person_lookup WHERE manager_id = ?
                    UNION
                    SELECT l.person_id FROM person_lookup l JOIN below b ON l.manager_id = b.person_id)
                SELECT person_id FROM below WHERE person_id <> ?""", UUID.class, manager, manager));
    }
}
