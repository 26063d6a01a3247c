package com.careerledger.projections.timeline;

import com.careerledger.domain.shared.YearQuarter;
import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.EventCatalogue;
import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.person.DecisionBasisChanged;
import com.careerledger.domain.person.DecisionKind;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.ManagerAssigned;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.person.QuarterOutcomeRecorded;
import com.careerledger.domain.person.QuarterOutcomeWithdrawn;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.quarter.EvidenceLogged;
import com.careerledger.domain.quarter.EvidenceRetracted;
import com.careerledger.domain.quarter.FeedbackRecorded;
import com.careerledger.domain.quarter.GoalDropped;
import com.careerledger.domain.quarter.GoalProgressed;
import com.careerledger.domain.quarter.GoalRevised;
import com.careerledger.domain.quarter.GoalSet;
import com.careerledger.domain.quarter.QuarterAssessed;
import com.careerledger.domain.quarter.QuarterId;
import com.careerledger.domain.quarter.QuarterMovedToTrack;
import com.careerledger.domain.quarter.QuarterOpened;
import com.careerledger.domain.quarter.QuarterReopened;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.MetaDataKeys;
import com.careerledger.projections.support.ColumnType;
import com.careerledger.projections.support.Projection;
import com.careerledger.projections.support.ReadModel;
import com.careerledger.projections.support.ReadModelJson;
import com.careerledger.projections.support.Table;
import com.careerledger.projections.timeline.TimelineLookups.Known;
import com.careerledger.projections.timeline.TimelineLookups.Lookup;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read model 2, the career timeline: every event of a person and of their quarters, oldest first, as a sentence
 * a person reads ({@link TimelineSummaries}), with who acted and the event's key fields.
 * <p>
 * Each entry is keyed by the event's identifier, so a redelivered event is inserted once. The order is the
 * event's own timestamp, then its place in the event store and in its aggregate's stream: all of it comes from the
 * event, so a rebuild reproduces the same rows in the same order. Summaries name levels with their titles in the
 * person's discipline (remembered from {@code PersonRegistered}, which comes first), goals and evidence by their
 * latest title in the timeline.
 * <p>
 * Written the one way read models write ({@link ReadModel}): handlers note their entry and what its summary looks up
 * ({@link TimelineLookups}); at the end of the processor's batch the lookups are read, the summaries written in
 * the events' order, and the rows inserted, one statement per table.
 */
@Component
@ProcessingGroup(TimelineProjection.PROCESSING_GROUP)
public class TimelineProjection implements Projection {

    public static final String PROCESSING_GROUP = "timeline";

    /** The discipline each person registered with: inserted once, the first registration stays. */
    static final Table<PersonRow> PEOPLE = Table.named("timeline_person", PersonRow::new)
            .key("person_id", ColumnType.UUID, r -> r.personId, (r, v) -> r.personId = v)
            .fixed("discipline", ColumnType.text(Discipline.class), r -> r.discipline, (r, v) -> r.discipline = v)
            .insertOnly()
            .build();

    /** One row per event, keyed by its identifier: a redelivered event is inserted once. */
    static final Table<EntryRow> ENTRIES = Table.named("timeline_entry", EntryRow::new)
            .key("event_id", ColumnType.TEXT, r -> r.eventId, (r, v) -> r.eventId = v)
            .fixed("person_id", ColumnType.UUID, r -> r.personId, (r, v) -> r.personId = v)
            .fixed("at", ColumnType.TIMESTAMPTZ, r -> r.at, (r, v) -> r.at = v)
            .fixed("aggregate_id", ColumnType.TEXT, r -> r.aggregateId, (r, v) -> r.aggregateId = v)
            .fixed("sequence", ColumnType.INT8, r -> r.sequence, (r, v) -> r.sequence = v)
            .fixed("type", ColumnType.TEXT, r -> r.type, (r, v) -> r.type = v)
            .fixed("summary", ColumnType.TEXT, r -> r.summary, (r, v) -> r.summary = v)
            .fixed("actor", ColumnType.TEXT, r -> r.actor, (r, v) -> r.actor = v)
            .fixed("data", ColumnType.JSONB, r -> ReadModelJson.write(r.data), (r, v) -> r.data = ReadModelJson.tree(v))
            .fixed("global_index", ColumnType.INT8, r -> r.globalIndex, (r, v) -> r.globalIndex = v)
            .insertOnly()
            .build();

    /** More than this many people known, and the map of disciplines starts again (it is only a shortcut). */
    private static final int DISCIPLINES_KEPT = 200_000;

    private final JdbcTemplate jdbc;
    private final TimelineSummaries summaries;
    private final ReadModel model;

    /**
     * The discipline each person was registered with, as timeline_person holds it in committed rows: that row is
     * written once and never changes, so what is kept here is as true of a rebuild's copy of the table (ADR 0013) as
     * of the current one. Shared by the processor's threads and the rebuild's.
     */
    private final Map<UUID, Discipline> registeredDisciplines = new ConcurrentHashMap<>();

    public TimelineProjection(JdbcTemplate jdbc, CareerFramework framework) {
        this.jdbc = jdbc;
        this.summaries = new TimelineSummaries(framework);
        this.model = new ReadModel(this, jdbc, PEOPLE, ENTRIES);
    }

    // --- person events ---------------------------------------------------------------------------------

    @Override
    public ReadModel readModel() {
        return model;
    }

    @EventHandler
    void on(PersonRegistered e, DomainEventMessage<?> m) {
        append(m, e.personId(), person(e.personId()), e.discipline(), Lookup.NONE, known -> summaries.of(e), data()
                .put("personId", e.personId().toString())
                .put("track", e.track().name())
                .put("level", e.level().code())
                .put("discipline", e.discipline().name())
                .put("managerId", text(e.managerId())));
    }

    @EventHandler
    void on(ManagerAssigned e, DomainEventMessage<?> m) {
        append(m, e.personId(), person(e.personId()), summaries.of(e), data()
                .put("managerId", text(e.managerId()))
                .put("previousManagerId", text(e.previousManagerId())));
    }

    @EventHandler
    void on(QuarterOutcomeRecorded e, DomainEventMessage<?> m) {
        append(m, e.personId(), person(e.personId()), Lookup.DISCIPLINE, known -> summaries.of(e, known), data()
                .put("quarter", e.quarter().toString())
                .put("operatingLevel", LevelCode.codeOf(e.operatingLevel()))
                .put("mappedFrom", LevelCode.codeOf(e.mappedFrom()))
                .put("levelHeld", LevelCode.codeOf(e.levelHeld()))
                .put("assessmentId", text(e.assessmentId())));
    }

    @EventHandler
    void on(QuarterOutcomeWithdrawn e, DomainEventMessage<?> m) {
        append(m, e.personId(), person(e.personId()), summaries.of(e), data()
                .put("quarter", e.quarter().toString())
                .put("operatingLevel", LevelCode.codeOf(e.operatingLevel()))
                .put("assessmentId", text(e.assessmentId())));
    }

    /** The promotion's level is looked up in the timeline's own LevelChanged entry. */
    @EventHandler
    void on(DecisionBasisChanged e, DomainEventMessage<?> m) {
        Lookup lookup = e.decisionId() == null ? Lookup.DISCIPLINE : Lookup.decision(e.decisionId());
        append(m, e.personId(), person(e.personId()), lookup, known -> summaries.of(e, known), data()
                .put("decisionId", text(e.decisionId()))
                .put("quarter", e.quarter().toString())
                .put("change", e.change() == null ? null : e.change().name())
                .put("previousOperatingLevel", LevelCode.codeOf(e.previousOperatingLevel()))
                .put("operatingLevel", LevelCode.codeOf(e.operatingLevel()))
                .put("assessmentId", text(e.assessmentId()))
                .put("stillHolds", e.stillHolds()));
    }

    @EventHandler
    void on(LevelChanged e, DomainEventMessage<?> m) {
        ObjectNode data = data()
                .put("decisionId", text(e.decisionId()))
                .put("kind", e.kind().name())
                .put("fromLevel", e.fromLevel().code())
                .put("toLevel", e.toLevel().code())
                .put("override", e.override() != null);
        ArrayNode basis = data.putArray("basis");
        if (e.basis() != null) {
            e.basis().forEach(o -> basis.add(o.quarter().toString()));
        }
        append(m, e.personId(), person(e.personId()), Lookup.DISCIPLINE, known -> summaries.of(e, known), data);
    }

    @EventHandler
    void on(TrackSwitched e, DomainEventMessage<?> m) {
        append(m, e.personId(), person(e.personId()), Lookup.heldBefore(e.toTrack()), known -> summaries.of(e, known),
                data()
                .put("decisionId", text(e.decisionId()))
                .put("kind", DecisionKind.TRACK_SWITCH.name())
                .put("fromTrack", e.fromTrack().name())
                .put("fromLevel", e.fromLevel().code())
                .put("toTrack", e.toTrack().name())
                .put("toLevel", e.toLevel().code()));
    }

    // --- quarter events --------------------------------------------------------------------------------

    @EventHandler
    void on(QuarterMovedToTrack e, DomainEventMessage<?> m) {
        append(m, e.personId(), quarter(e.personId(), e.quarter()), Lookup.DISCIPLINE, known -> summaries.of(e, known),
                data()
                .put("quarter", e.quarter().toString())
                .put("decisionId", text(e.decisionId()))
                .put("fromTrack", e.fromTrack() == null ? null : e.fromTrack().name())
                .put("toTrack", e.toTrack() == null ? null : e.toTrack().name())
                .put("previousLevelHeld", LevelCode.codeOf(e.previousLevelHeld()))
                .put("levelHeld", LevelCode.codeOf(e.levelHeld()))
                .put("previousTargetLevel", LevelCode.codeOf(e.previousTargetLevel()))
                .put("targetLevel", LevelCode.codeOf(e.targetLevel())));
    }

    @EventHandler
    void on(QuarterOpened e, DomainEventMessage<?> m) {
        append(m, e.personId(), quarter(e.personId(), e.quarter()), Lookup.DISCIPLINE, known -> summaries.of(e, known),
                data()
                .put("quarter", e.quarter().toString())
                .put("track", e.track().name())
                .put("levelHeld", LevelCode.codeOf(e.levelHeld()))
                .put("targetLevel", LevelCode.codeOf(e.targetLevel())));
    }

    @EventHandler
    void on(GoalSet e, DomainEventMessage<?> m) {
        append(m, e.personId(), quarter(e.personId(), e.quarter()), summaries.of(e), data()
                .put("quarter", e.quarter().toString())
                .put("goalId", text(e.goalId()))
                .put("title", e.title())
                .put("dimension", e.dimension().name())
                .put("targetLevel", LevelCode.codeOf(e.targetLevel())));
    }

    @EventHandler
    void on(GoalRevised e, DomainEventMessage<?> m) {
        append(m, e.personId(), quarter(e.personId(), e.quarter()), Lookup.goal(e.goalId()),
                known -> summaries.of(e, known), data()
                .put("quarter", e.quarter().toString())
                .put("goalId", text(e.goalId()))
                .put("title", e.title())
                .put("dimension", e.dimension().name()));
    }

    @EventHandler
    void on(GoalDropped e, DomainEventMessage<?> m) {
        append(m, e.personId(), quarter(e.personId(), e.quarter()), Lookup.goal(e.goalId()),
                known -> summaries.of(e, known), data()
                .put("quarter", e.quarter().toString())
                .put("goalId", text(e.goalId())));
    }

    @EventHandler
    void on(GoalProgressed e, DomainEventMessage<?> m) {
        append(m, e.personId(), quarter(e.personId(), e.quarter()), Lookup.goal(e.goalId()),
                known -> summaries.of(e, known), data()
                .put("quarter", e.quarter().toString())
                .put("goalId", text(e.goalId()))
                .put("status", e.status().name()));
    }

    @EventHandler
    void on(EvidenceLogged e, DomainEventMessage<?> m) {
        append(m, e.personId(), quarter(e.personId(), e.quarter()), summaries.of(e), data()
                .put("quarter", e.quarter().toString())
                .put("evidenceId", text(e.evidenceId()))
                .put("title", e.title())
                .put("dimension", e.dimension().name())
                .put("demonstratesLevel", e.demonstratesLevel().code())
                .put("goalId", text(e.goalId()))
                .put("occurredOn", e.occurredOn() == null ? null : e.occurredOn().toString()));
    }

    @EventHandler
    void on(EvidenceRetracted e, DomainEventMessage<?> m) {
        append(m, e.personId(), quarter(e.personId(), e.quarter()), Lookup.evidence(e.evidenceId()),
                known -> summaries.of(e, known), data()
                .put("quarter", e.quarter().toString())
                .put("evidenceId", text(e.evidenceId())));
    }

    @EventHandler
    void on(FeedbackRecorded e, DomainEventMessage<?> m) {
        append(m, e.personId(), quarter(e.personId(), e.quarter()), summaries.of(e), data()
                .put("quarter", e.quarter().toString())
                .put("feedbackId", text(e.feedbackId()))
                .put("relationship", e.relationship().name())
                .put("signalsLevel", LevelCode.codeOf(e.signalsLevel())));
    }

    @EventHandler
    void on(QuarterAssessed e, DomainEventMessage<?> m) {
        append(m, e.personId(), quarter(e.personId(), e.quarter()), summaries.of(e), data()
                .put("quarter", e.quarter().toString())
                .put("assessmentId", text(e.assessmentId()))
                .put("operatingLevel", LevelCode.codeOf(e.operatingLevel()))
                .put("levelHeld", LevelCode.codeOf(e.levelHeld()))
                .put("targetLevel", LevelCode.codeOf(e.targetLevel()))
                .put("atNextLevel", e.atNextLevel())
                .put("amendsAssessmentId", text(e.amendsAssessmentId())));
    }

    @EventHandler
    void on(QuarterReopened e, DomainEventMessage<?> m) {
        append(m, e.personId(), quarter(e.personId(), e.quarter()), summaries.of(e), data()
                .put("quarter", e.quarter().toString())
                .put("previousAssessmentId", text(e.previousAssessmentId())));
    }

    // --- the entries -----------------------------------------------------------------------------------

    /** A sentence written when the batch is, with what its entry's {@link Lookup} found. */
    @FunctionalInterface
    private interface Summary {
        String write(Known known);
    }

    /** An entry whose summary needs nothing but its event. */
    private void append(DomainEventMessage<?> m, UUID personId, String aggregateId, String summary,
                        ObjectNode data) {
        append(m, personId, aggregateId, null, Lookup.NONE, known -> summary, data);
    }

    private void append(DomainEventMessage<?> m, UUID personId, String aggregateId, Lookup lookup, Summary summary,
                        ObjectNode data) {
        append(m, personId, aggregateId, null, lookup, summary, data);
    }

    /**
     * Every entry goes through here: its lookup joins the batch's, and at the end of the batch its summary is
     * written and its row inserted. {@code registers} is the discipline of a {@code PersonRegistered}, inserted in
     * timeline_person. A discipline not known already is read with the batch's rows.
     */
    private void append(DomainEventMessage<?> m, UUID personId, String aggregateId, Discipline registers,
                        Lookup lookup, Summary summary, ObjectNode data) {
        EntryRow entry = EntryRow.of(m, personId, aggregateId, data);
        Table.Key<PersonRow> person = PEOPLE.key(personId);
        model.handle(work -> {
            TimelineLookups lookups = work.state(TimelineLookups.class, this::lookups);
            lookups.want(personId, lookup);
            if ((lookup.discipline() || registers != null)
                    && !lookups.learn(personId, registeredDisciplines.get(personId))) {
                work.need(person);
            }
            work.then(rows -> {
                entry.summary = summary.write(lookups.known(personId, lookup, () -> {
                    PersonRow stored = rows.get(person);
                    return stored == null ? null : stored.discipline;
                }));
                rows.insertIfAbsent(ENTRIES, entry);
                if (registers != null) {
                    lookups.learn(personId, rows.insertIfAbsent(PEOPLE, PersonRow.of(personId, registers)).discipline);
                }
                lookups.wrote(entry);
            });
        });
    }

    /** A batch's lookups; what it learns of disciplines is known to later batches once it has committed. */
    private TimelineLookups lookups() {
        TimelineLookups lookups = new TimelineLookups(jdbc);
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(u -> remember(lookups.disciplines()));
        }
        return lookups;
    }

    private void remember(Map<UUID, Discipline> learned) {
        if (registeredDisciplines.size() + learned.size() > DISCIPLINES_KEPT) {
            registeredDisciplines.clear();
        }
        registeredDisciplines.putAll(learned);
    }

    /** A row of timeline_person. */
    static final class PersonRow {
        UUID personId;
        Discipline discipline;

        static PersonRow of(UUID personId, Discipline discipline) {
            PersonRow row = new PersonRow();
            row.personId = personId;
            row.discipline = discipline;
            return row;
        }
    }

    /** A row of timeline_entry: its summary is written at the end of the batch. */
    static final class EntryRow {
        String eventId;
        UUID personId;
        OffsetDateTime at;
        String aggregateId;
        long sequence;
        String type;
        String summary;
        String actor;
        JsonNode data;
        Long globalIndex;

        static EntryRow of(DomainEventMessage<?> m, UUID personId, String aggregateId, ObjectNode data) {
            EntryRow row = new EntryRow();
            row.eventId = m.getIdentifier();
            row.personId = personId;
            row.at = m.getTimestamp().atOffset(ZoneOffset.UTC);
            row.aggregateId = aggregateId;
            row.sequence = m.getSequenceNumber();
            row.type = EventCatalogue.nameOf(m.getPayload().getClass());
            row.actor = m.getMetaData().get(MetaDataKeys.ACTOR) instanceof String actor ? actor : null;
            row.data = data;
            row.globalIndex = globalIndex();
            return row;
        }

        /**
         * The event's place in the event store's global order, which breaks ties between events of one millisecond
         * (an assessment and the outcome its relay records in the same transaction, say); null outside a processor.
         */
        private static Long globalIndex() {
            if (!CurrentUnitOfWork.isStarted()
                    || !(CurrentUnitOfWork.get().getMessage() instanceof TrackedEventMessage<?> tracked)
                    || tracked.trackingToken() == null) {
                return null;
            }
            OptionalLong position = tracked.trackingToken().position();
            return position.isPresent() ? position.getAsLong() : null;
        }
    }

    private static String person(UUID personId) {
        return personId.toString();
    }

    /** The Quarter aggregate's id, written the way the domain writes it. */
    private static String quarter(UUID personId, YearQuarter quarter) {
        return QuarterId.of(personId, quarter);
    }

    private static ObjectNode data() {
        return ReadModelJson.object();
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
