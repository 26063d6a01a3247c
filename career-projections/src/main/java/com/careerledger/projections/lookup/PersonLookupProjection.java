package com.careerledger.projections.lookup;

import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.ManagerAssigned;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.shared.Track;
import com.careerledger.domain.person.PersonRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The write side's view of who exists, which e-mail is taken and who manages whom. It runs in a
 * subscribing processor, i.e. in the same transaction as the events it records: a command checked against
 * it sees every committed person, and the unique e-mail constraint settles two concurrent registrations.
 */
@Component
@ProcessingGroup(PersonLookupProjection.PROCESSING_GROUP)
public class PersonLookupProjection implements PersonRegistry {

    public static final String PROCESSING_GROUP = "person-lookup";

    private final JdbcTemplate jdbc;

    public PersonLookupProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PersonRegistered event) {
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
    void on(LevelChanged event) {
        jdbc.update("UPDATE person_lookup SET level = ? WHERE person_id = ?", event.toLevel(), event.personId());
    }

    @EventHandler
    void on(TrackSwitched event) {
        jdbc.update("UPDATE person_lookup SET track = ?, level = ? WHERE person_id = ?",
                event.toTrack().name(), event.toLevel(), event.personId());
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
    public Optional<UUID> managerOf(UUID personId) {
        List<UUID> managers = jdbc.query("SELECT manager_id FROM person_lookup WHERE person_id = ?",
                (rs, i) -> rs.getObject(1, UUID.class), personId);
        return managers.stream().filter(java.util.Objects::nonNull).findFirst();
    }
}
