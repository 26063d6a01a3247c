package com.careerledger.projections.directory;

import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.person.CareerStanding;
import com.careerledger.domain.person.DecisionBasisChanged;
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
import com.careerledger.projections.support.ColumnType;
import com.careerledger.projections.support.Projection;
import com.careerledger.projections.support.ReadModel;
import com.careerledger.projections.support.Table;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import java.util.UUID;

import static com.careerledger.projections.support.SustainedRecordJson.readRecord;
import static com.careerledger.projections.support.SustainedRecordJson.writeRecord;

/**
 * Read model 1, the directory: people with their track, level, manager and readiness. Every row remembers
 * the Person sequence number it reflects, so a redelivered event changes nothing.
 * <p>
 * Written the one way read models write ({@link ReadModel}): at the end of the processor's batch one query reads
 * the rows of the batch's people, the events change them in memory in order, one upsert writes the changed ones.
 */
@Component
@ProcessingGroup(DirectoryProjection.PROCESSING_GROUP)
public class DirectoryProjection implements Projection {

    public static final String PROCESSING_GROUP = "directory";

    private static final Logger log = LoggerFactory.getLogger(DirectoryProjection.class);

    private final JdbcTemplate jdbc;
    private final CareerFramework framework;
    private final Table<Row> people = declare();
    private final ReadModel model;

    public DirectoryProjection(JdbcTemplate jdbc, CareerFramework framework) {
        this.jdbc = jdbc;
        this.framework = framework;
        this.model = new ReadModel(this, jdbc, people);
    }

    @Override
    public ReadModel readModel() {
        return model;
    }

    @EventHandler
    void on(PersonRegistered event, @SequenceNumber long sequence, @Timestamp Instant at) {
        // inserted once: a person already here stays as they are
        model.handle(work -> work.need(people.key(event.personId())).then(rows -> {
            Row row = new Row();
            row.personId = event.personId();
            row.name = event.name();
            row.email = event.email();
            row.discipline = event.discipline();
            row.managerId = event.managerId();
            row.evolve(CareerStanding.registered(event));
            row.version = sequence;
            row.registeredAt = utc(at);
            row.updatedAt = row.registeredAt;
            rows.insertIfAbsent(people, row);
        }));
    }

    @EventHandler
    void on(ManagerAssigned event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.personId(), sequence, at, row -> row.managerId = event.managerId());
    }

    @EventHandler
    void on(QuarterOutcomeRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        evolve(event.personId(), event, sequence, at);
    }

    @EventHandler
    void on(QuarterOutcomeWithdrawn event, @SequenceNumber long sequence, @Timestamp Instant at) {
        evolve(event.personId(), event, sequence, at);
    }

    @EventHandler
    void on(LevelChanged event, @SequenceNumber long sequence, @Timestamp Instant at) {
        evolve(event.personId(), event, sequence, at);
    }

    @EventHandler
    void on(TrackSwitched event, @SequenceNumber long sequence, @Timestamp Instant at) {
        evolve(event.personId(), event, sequence, at);
    }

    /**
     * Nothing the directory shows, but an event of the person all the same: the row's version follows it, or a read
     * of the person would wait for a version the directory never reaches (read-your-writes compares the two).
     */
    @EventHandler
    void on(DecisionBasisChanged event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.personId(), sequence, at, row -> {
        });
    }

    /**
     * Through the one career fold: a reopened quarter leaves the record, and readiness (and the readiness board)
     * follow at once.
     */
    private void evolve(UUID personId, Object event, long sequence, Instant at) {
        apply(personId, sequence, at, row -> {
            CareerStanding standing = row.standing();
            CareerStanding next = standing.evolve(event);
            if (next != standing) {
                row.evolve(next);
            }
        });
    }

    /** Applies a Person event once: a row already at this sequence number (a redelivery) is left alone. */
    private void apply(UUID personId, long sequence, Instant at, Consumer<Row> change) {
        Table.Key<Row> key = people.key(personId);
        model.handle(work -> work.need(key).then(rows -> rows.applyOnce(key, sequence, row -> {
            change.accept(row);
            row.updatedAt = utc(at);
        })));
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
     * what performance history says. A row an event changes meanwhile keeps that event's write (the write of a
     * row is skipped when the stored one is newer), which computes it under the framework in force too.
     *
     * @return how many rows were computed again
     */
    public int refreshReadiness() {
        List<Row> stale = model.select(people, "t.readiness_framework IS DISTINCT FROM ?", framework.ref().hash());
        model.write(people, stale);
        return stale.size();
    }


    /**
     * A directory row while a batch works on it. Its readiness is computed when it is written, from its level and
     * record, if either changed or it was computed under another framework.
     */
    private final class Row {
        UUID personId;
        String name;
        String email;
        Discipline discipline;
        Track track;
        String level;
        UUID managerId;
        /** The sustained record as stored (jsonb as text); parsed only if an event of the batch evolves it. */
        String recordText;
        SustainedRecord record;
        String readiness;
        String readinessReason;
        /** The content hash of the framework readiness was computed under. */
        String readinessFramework;
        long version;
        OffsetDateTime registeredAt;
        OffsetDateTime updatedAt;

        CareerStanding standing() {
            if (record == null) {
                record = readRecord(recordText);
            }
            return new CareerStanding(track, level, record);
        }

        void evolve(CareerStanding standing) {
            this.track = standing.track();
            this.level = standing.level();
            this.record = standing.record();
            this.recordText = null;
            this.readinessFramework = null;
        }

        String recordText() {
            return recordText != null ? recordText : writeRecord(record);
        }

        /** Readiness, computed again if the row evolved or was judged under another framework. */
        Row judged() {
            String hash = framework.ref().hash();
            if (!hash.equals(readinessFramework)) {
                SustainedPerformancePolicy.ReadinessView view = standing().readiness(framework);
                readiness = view.status().name();
                readinessReason = view.reason();
                readinessFramework = hash;
            }
            return this;
        }
    }

    /** The directory's one table, its columns declared once. */
    private Table<Row> declare() {
        return Table.named("directory_person", Row::new)
                .key("person_id", ColumnType.UUID, r -> r.personId, (r, v) -> r.personId = v)
                .fixed("name", ColumnType.TEXT, r -> r.name, (r, v) -> r.name = v)
                .fixed("email", ColumnType.TEXT, r -> r.email, (r, v) -> r.email = v)
                .fixed("discipline", ColumnType.text(Discipline.class), r -> r.discipline, (r, v) -> r.discipline = v)
                .column("track", ColumnType.text(Track.class), r -> r.track, (r, v) -> r.track = v)
                .column("level", ColumnType.TEXT, r -> r.level, (r, v) -> r.level = v)
                .column("manager_id", ColumnType.UUID, r -> r.managerId, (r, v) -> r.managerId = v)
                .column("sustained_record", ColumnType.JSONB, Row::recordText, (r, v) -> r.recordText = v)
                .column("readiness", ColumnType.TEXT, r -> r.judged().readiness, (r, v) -> r.readiness = v)
                .column("readiness_reason", ColumnType.TEXT, r -> r.judged().readinessReason,
                        (r, v) -> r.readinessReason = v)
                .column("readiness_framework", ColumnType.TEXT, r -> r.judged().readinessFramework,
                        (r, v) -> r.readinessFramework = v)
                .version("version", r -> r.version, (r, v) -> r.version = v)
                .fixed("registered_at", ColumnType.TIMESTAMPTZ, r -> r.registeredAt, (r, v) -> r.registeredAt = v)
                .column("updated_at", ColumnType.TIMESTAMPTZ, r -> r.updatedAt, (r, v) -> r.updatedAt = v)
                .unlessNewer("version")
                .build();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
