package com.careerledger.projections.lookup;

import com.careerledger.domain.shared.YearQuarter;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.ManagerAssigned;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.person.PersonRegistry;
import com.careerledger.domain.person.QuarterRegistry;
import com.careerledger.domain.person.ReportingLines;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.quarter.QuarterAssessed;
import com.careerledger.domain.quarter.QuarterOpened;
import com.careerledger.domain.quarter.QuarterReopened;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.support.ColumnType;
import com.careerledger.projections.support.ReadModel;
import com.careerledger.projections.support.Table;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * Written the one way read models write, {@link ReadModel#immediate immediately}: each event's rows are read and
 * written as its handler returns, so the rest of the command's unit of work (the assessment relay's commands among
 * it) sees them at once.
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

    /** Who exists, with their e-mail (unique), manager and current standing. */
    private static final Table<LookupRow> PEOPLE = Table.named("person_lookup", LookupRow::new)
            .key("person_id", ColumnType.UUID, p -> p.personId, (p, v) -> p.personId = v)
            .fixed("email_normalized", ColumnType.TEXT, p -> p.email, (p, v) -> p.email = v)
            .column("manager_id", ColumnType.UUID, p -> p.managerId, (p, v) -> p.managerId = v)
            .column("track", ColumnType.text(Track.class), p -> p.track, (p, v) -> p.track = v)
            .column("level", ColumnType.TEXT, p -> p.level, (p, v) -> p.level = v)
            .build();
    /** Every track and level a person has held, from when: one row per Person event that set them. */
    private static final Table<StandingRow> STANDINGS = Table.named("person_standing", StandingRow::new)
            .key("person_id", ColumnType.UUID, s -> s.personId, (s, v) -> s.personId = v)
            .key("seq", ColumnType.INT8, s -> s.seq, (s, v) -> s.seq = v)
            .fixed("effective_at", ColumnType.TIMESTAMPTZ, s -> s.effectiveAt, (s, v) -> s.effectiveAt = v)
            .fixed("track", ColumnType.text(Track.class), s -> s.track, (s, v) -> s.track = v)
            .fixed("level", ColumnType.TEXT, s -> s.level, (s, v) -> s.level = v)
            .insertOnly()
            .build();
    /** Each person's quarters and whether they are open. */
    private static final Table<QuarterRow> QUARTERS = Table.named("quarter_lookup", QuarterRow::new)
            .key("person_id", ColumnType.UUID, q -> q.personId, (q, v) -> q.personId = v)
            .key("quarter", ColumnType.TEXT, q -> q.quarter, (q, v) -> q.quarter = v)
            .column("open", ColumnType.BOOL, q -> q.open, (q, v) -> q.open = v)
            .build();

    private final JdbcTemplate jdbc;
    private final ReadModel model;

    public PersonLookupProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.model = ReadModel.immediate(this, jdbc, PEOPLE, STANDINGS, QUARTERS);
    }

    @EventHandler
    void on(PersonRegistered event, @SequenceNumber long seq, @org.axonframework.eventhandling.Timestamp Instant at) {
        LookupRow person = new LookupRow();
        person.personId = event.personId();
        person.email = PersonRegistry.normalizeEmail(event.email());
        person.managerId = event.managerId();
        person.track = event.track();
        person.level = event.level().code();
        model.handle(work -> work.need(PEOPLE.key(event.personId())).then(rows -> {
            rows.insertIfAbsent(STANDINGS, standing(event.personId(), at, seq, event.track(), event.level().code()));
            rows.insertIfAbsent(PEOPLE, person);
        }));
    }

    @EventHandler
    void on(ManagerAssigned event) {
        Table.Key<LookupRow> key = PEOPLE.key(event.personId());
        model.handle(work -> work.need(key).then(rows -> rows.update(key, p -> p.managerId = event.managerId())));
    }

    /** A level change keeps the track held: a person the lookup does not have gets no standing either. */
    @EventHandler
    void on(LevelChanged event, @SequenceNumber long seq) {
        Table.Key<LookupRow> key = PEOPLE.key(event.personId());
        model.handle(work -> work.need(key).then(rows -> {
            LookupRow person = rows.get(key);
            if (person != null) {
                rows.update(key, p -> p.level = event.toLevel().code());
                rows.insertIfAbsent(STANDINGS,
                        standing(event.personId(), event.decidedAt(), seq, person.track, event.toLevel().code()));
            }
        }));
    }

    @EventHandler
    void on(TrackSwitched event, @SequenceNumber long seq) {
        Table.Key<LookupRow> key = PEOPLE.key(event.personId());
        model.handle(work -> work.need(key).then(rows -> {
            rows.update(key, p -> {
                p.track = event.toTrack();
                p.level = event.toLevel().code();
            });
            rows.insertIfAbsent(STANDINGS,
                    standing(event.personId(), event.decidedAt(), seq, event.toTrack(), event.toLevel().code()));
        }));
    }

    @EventHandler
    void on(QuarterOpened event) {
        QuarterRow opened = new QuarterRow();
        opened.personId = event.personId();
        opened.quarter = event.quarter().toString();
        opened.open = true;
        model.handle(work -> work.need(QUARTERS.key(event.personId(), event.quarter().toString()))
                .then(rows -> rows.insertIfAbsent(QUARTERS, opened)));
    }

    @EventHandler
    void on(QuarterAssessed event) {
        open(event.personId(), event.quarter(), false);
    }

    @EventHandler
    void on(QuarterReopened event) {
        open(event.personId(), event.quarter(), true);
    }

    private void open(UUID personId, YearQuarter quarter, boolean open) {
        Table.Key<QuarterRow> key = QUARTERS.key(personId, quarter.toString());
        model.handle(work -> work.need(key).then(rows -> rows.update(key, q -> q.open = open)));
    }

    private static StandingRow standing(UUID personId, Instant at, long seq, Track track, String level) {
        StandingRow standing = new StandingRow();
        standing.personId = personId;
        standing.seq = seq;
        standing.effectiveAt = at.atOffset(ZoneOffset.UTC);
        standing.track = track;
        standing.level = level;
        return standing;
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

    /** A person as the write side checks them. */
    private static final class LookupRow {
        UUID personId;
        /** Normalized ({@link PersonRegistry#normalizeEmail}): unique. */
        String email;
        UUID managerId;
        Track track;
        String level;
    }

    /** A track and level held from {@code effectiveAt}, set by the Person event at {@code seq}. */
    private static final class StandingRow {
        UUID personId;
        long seq;
        OffsetDateTime effectiveAt;
        Track track;
        String level;
    }

    private static final class QuarterRow {
        UUID personId;
        String quarter;
        boolean open;
    }
}
