package com.careerledger.projections.audit;

import com.careerledger.domain.framework.FrameworkRef;
import com.careerledger.domain.framework.PromotionPolicy;
import com.careerledger.domain.person.BasisChange;
import com.careerledger.domain.person.DecisionBasisChanged;
import com.careerledger.domain.person.DecisionKind;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.PromotionOverride;
import com.careerledger.domain.person.QuarterOutcome;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.quarter.EvidenceLogged;
import com.careerledger.domain.quarter.EvidenceRetracted;
import com.careerledger.domain.quarter.QuarterAssessed;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.audit.PromotionAuditViews.AuditedDecision;
import com.careerledger.projections.audit.PromotionAuditViews.BasisEvidence;
import com.careerledger.projections.audit.PromotionAuditViews.BasisQuarter;
import com.careerledger.projections.audit.PromotionAuditViews.BasisQuarterChange;
import com.careerledger.projections.support.Page;
import com.careerledger.projections.support.ProjectionBatch;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import com.careerledger.projections.support.SelectiveReplay;
import com.careerledger.projections.support.StoredTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Read model 4, the promotion audit: every level change (promotion, correction, demotion) and every track
 * switch, with its full basis — the quarters it rested on, their assessments (who, when, why) and the Win Log
 * evidence behind them (ids and titles) — the policy and framework in force, the override justification, who
 * decided and when.
 * <p>
 * The projection keeps its own copy of assessments and evidence from the Quarter events. A person's events and
 * their quarters' reach it in order on one thread ({@code PersonSequencingPolicy}), so when a decision arrives,
 * the assessments and evidence it rests on are already here, and it snapshots them into the decision row: the
 * audit keeps showing what the decision rested on even if evidence is retracted or an assessment amended later.
 * What became of a basis quarter since — reopened, re-assessed ({@code DecisionBasisChanged}) — is appended to the
 * decision beside its basis, never into it: the decision stays as decided, and the audit says whether it would
 * still hold.
 * <p>
 * Idempotent: decisions are keyed by decision id, assessments by assessment id, evidence by evidence id, basis
 * changes by their event's sequence number in the person's stream; a redelivered event inserts nothing and its
 * updates change nothing. Only event data, event timestamps and sequence numbers are stored, so a rebuild
 * reproduces the same rows.
 * <p>
 * Events are applied at the end of the processor's batch ({@link ProjectionBatch}), a few statements per batch
 * instead of one per event; a decision still sees exactly what was logged, retracted and assessed before it,
 * in the same batch or earlier (see {@link Batch}).
 */
@Component
@ProcessingGroup(PromotionAuditProjection.PROCESSING_GROUP)
public class PromotionAuditProjection {

    public static final String PROCESSING_GROUP = "promotion-audit";

    private static final TypeReference<List<BasisQuarter>> BASIS = new TypeReference<>() {
    };
    private static final TypeReference<List<QuarterOutcome>> OUTCOMES = new TypeReference<>() {
    };
    private static final TypeReference<List<StoredChange>> CHANGES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new InstantDeserializer()))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public PromotionAuditProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // --- the basis material, from the Quarter events ----------------------------------------------------

    @EventHandler
    void on(QuarterAssessed e, @Timestamp Instant at) {
        defer(e, at);
    }

    @EventHandler
    void on(EvidenceLogged e, @Timestamp Instant at) {
        defer(e, at);
    }

    @EventHandler
    void on(EvidenceRetracted e, @Timestamp Instant at) {
        defer(e, at);
    }

    // --- the decisions -----------------------------------------------------------------------------------

    @EventHandler
    void on(LevelChanged e, @Timestamp Instant at) {
        defer(e, at);
    }

    @EventHandler
    void on(TrackSwitched e, @Timestamp Instant at) {
        defer(e, at);
    }

    // --- what became of a decision's basis ----------------------------------------------------------------

    @EventHandler
    void on(DecisionBasisChanged e, @Timestamp Instant at, @SequenceNumber long sequence) {
        defer(new Sequenced(e, sequence), at);
    }

    /** Empties the tables when a rebuild names this read model (see SelectiveReplay). */
    @ResetHandler
    void reset(String rebuilt) {
        if (SelectiveReplay.includes(rebuilt, PROCESSING_GROUP)) {
            jdbc.update("TRUNCATE audit_decision, audit_assessment, audit_evidence");
        }
    }

    /** Notes the event for the end of the batch: see {@link Batch}. */
    private void defer(Object event, Instant at) {
        ProjectionBatch.with(this, Batch::new, batch -> batch.pending.add(new Pending(event, at)));
    }

    private record Pending(Object event, Instant at) {
    }

    /** An event with its place in its aggregate's stream: what makes a basis change appended only once. */
    private record Sequenced(Object event, long sequence) {
    }

    /**
     * A basis change as {@code audit_decision.basis_changes} keeps it: the view's fields and the sequence number
     * of its event in the person's stream.
     */
    private record StoredChange(long sequence, String quarter, BasisChange change, String previousOperatingLevel,
                                String operatingLevel, UUID assessmentId, boolean stillHolds, String changedBy,
                                Instant changedAt) {
        BasisQuarterChange view() {
            return new BasisQuarterChange(quarter, change, previousOperatingLevel, operatingLevel, assessmentId,
                    stillHolds, changedBy, changedAt);
        }
    }

    /** A person's quarter: where a decision's basis looks for evidence. */
    private record PersonQuarter(UUID personId, String quarter) {
    }

    /** An assessment as the basis shows it. */
    private record Assessment(String assessedBy, Instant assessedAt, String rationale) {
    }

    /** An evidence row as the basis needs it: what it shows, where it sorts, whether it still counts. */
    private static final class Evidence {
        final UUID id;
        final String title;
        final String demonstratesLevel;
        final String dimension;
        /** {@code logged_at} as PostgreSQL keeps it (microseconds): the basis lists evidence in its order. */
        final Instant loggedAt;
        /** Logged by this batch, not read from the table. */
        final boolean logged;
        boolean retracted;

        Evidence(UUID id, String title, String demonstratesLevel, String dimension, Instant loggedAt, boolean logged,
                 boolean retracted) {
            this.id = id;
            this.title = title;
            this.demonstratesLevel = demonstratesLevel;
            this.dimension = dimension;
            this.loggedAt = loggedAt;
            this.logged = logged;
            this.retracted = retracted;
        }
    }

    /** {@code ORDER BY logged_at, evidence_id}: PostgreSQL compares uuids as unsigned bytes. */
    private static final Comparator<Evidence> BASIS_ORDER = Comparator.<Evidence, Instant>comparing(ev -> ev.loggedAt)
            .thenComparing((a, b) -> {
                int high = Long.compareUnsigned(a.id.getMostSignificantBits(), b.id.getMostSignificantBits());
                return high != 0 ? high
                        : Long.compareUnsigned(a.id.getLeastSignificantBits(), b.id.getLeastSignificantBits());
            });

    /**
     * The audit's work for one batch of the processor. Handlers only note their events. At the end of the batch,
     * if decisions are among them, the evidence of the quarters they rest on and the assessments they name are
     * read in two queries; then the events are applied in order: what a decision snapshots is what the table
     * holds plus what the batch logged, retracted and assessed before it, exactly as if each event had been
     * written on its own. Then one statement per kind of write: assessments, evidence and decisions as multi-row
     * inserts ({@code ON CONFLICT DO NOTHING}: a redelivery inserts nothing), retractions as one JDBC batch.
     */
    private final class Batch implements ProjectionBatch.Buffer {

        private final List<Pending> pending = new ArrayList<>();

        /** Evidence the batch's decisions may list, by id: read from the table, or logged by the batch. */
        private final Map<UUID, Evidence> evidence = new HashMap<>();
        /** The same evidence, by the quarter it was logged in; only the quarters some decision rests on. */
        private final Map<PersonQuarter, List<Evidence>> byQuarter = new HashMap<>();
        /** Assessments the table has or the batch adds, by id. */
        private final Map<UUID, Assessment> assessments = new HashMap<>();

        private final ProjectionBatch.Statement insertAssessments = new ProjectionBatch.Statement("""
                INSERT INTO audit_assessment (assessment_id, person_id, quarter, operating_level, rationale, assessed_by, assessed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (assessment_id) DO NOTHING""");
        private final ProjectionBatch.Statement insertEvidence = new ProjectionBatch.Statement("""
                INSERT INTO audit_evidence (evidence_id, person_id, quarter, title, dimension, demonstrates_level, logged_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (evidence_id) DO NOTHING""");
        private static final String RETRACT =
                "UPDATE audit_evidence SET retracted_at = ? WHERE evidence_id = ? AND retracted_at IS NULL";
        /** Retractions of evidence stored before this batch: they run before the batch's evidence is inserted. */
        private final ProjectionBatch.Statement retractStored = new ProjectionBatch.Statement(RETRACT);
        /** Retractions of evidence this batch logged: they run after it is inserted (or found stored already). */
        private final ProjectionBatch.Statement retractLogged = new ProjectionBatch.Statement(RETRACT);
        private final ProjectionBatch.Statement insertLevelChanges = new ProjectionBatch.Statement("""
                INSERT INTO audit_decision (decision_id, person_id, kind, from_level, to_level, basis, required_quarters,
                                            framework_id, framework_version, framework_hash, rationale,
                                            override_justification, decided_by, decided_at, decided_at_exact)
                VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (decision_id) DO NOTHING""");
        /**
         * Appends a basis change to its decision unless the decision has it already (a redelivery). Runs after the
         * decisions are inserted: a change can share a batch with the decision it concerns. A change to a decision
         * the audit does not have attaches to nothing.
         */
        private final ProjectionBatch.Statement appendBasisChanges = new ProjectionBatch.Statement("""
                UPDATE audit_decision SET basis_changes = basis_changes || jsonb_build_array(CAST(? AS jsonb))
                WHERE decision_id = ?
                  AND NOT basis_changes @> jsonb_build_array(jsonb_build_object('sequence', CAST(? AS bigint)))""");
        private final ProjectionBatch.Statement insertTrackSwitches = new ProjectionBatch.Statement("""
                INSERT INTO audit_decision (decision_id, person_id, kind, from_level, to_level, from_track, to_track,
                                            carried_over, basis, framework_id, framework_version, framework_hash,
                                            rationale, decided_by, decided_at, decided_at_exact)
                VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), '[]'::jsonb, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (decision_id) DO NOTHING""");

        @Override
        public void flush() {
            if (pending.isEmpty()) {
                return;
            }
            loadWhatDecisionsRestOn();
            for (Pending p : pending) {
                apply(p.event(), p.at());
            }
            pending.clear();
            retractStored.run(jdbc);
            insertAssessments.run(jdbc);
            insertEvidence.run(jdbc);
            retractLogged.run(jdbc);
            insertLevelChanges.run(jdbc);
            insertTrackSwitches.run(jdbc);
            appendBasisChanges.run(jdbc);
        }

        private void loadWhatDecisionsRestOn() {
            Set<PersonQuarter> quarters = new LinkedHashSet<>();
            Set<UUID> assessmentIds = new LinkedHashSet<>();
            for (Pending p : pending) {
                if (p.event() instanceof LevelChanged e && e.basis() != null) {
                    for (QuarterOutcome outcome : e.basis()) {
                        quarters.add(new PersonQuarter(e.personId(), outcome.quarter()));
                        if (outcome.assessmentId() != null) {
                            assessmentIds.add(outcome.assessmentId());
                        }
                    }
                }
            }
            if (quarters.isEmpty()) {
                return;
            }
            quarters.forEach(q -> byQuarter.put(q, new ArrayList<>()));
            jdbc.query("""
                            SELECT e.evidence_id, e.person_id, e.quarter, e.title, e.demonstrates_level, e.dimension,
                                   e.logged_at, e.retracted_at IS NOT NULL AS retracted
                            FROM audit_evidence e
                            JOIN unnest(?::uuid[], ?::text[]) AS q(person_id, quarter)
                              ON e.person_id = q.person_id AND e.quarter = q.quarter""",
                    rs -> {
                        Evidence ev = new Evidence(rs.getObject("evidence_id", UUID.class), rs.getString("title"),
                                rs.getString("demonstrates_level"), rs.getString("dimension"),
                                rs.getObject("logged_at", OffsetDateTime.class).toInstant(), false,
                                rs.getBoolean("retracted"));
                        evidence.put(ev.id, ev);
                        byQuarter.get(new PersonQuarter(rs.getObject("person_id", UUID.class), rs.getString("quarter")))
                                .add(ev);
                    },
                    quarters.stream().map(PersonQuarter::personId).toArray(UUID[]::new),
                    quarters.stream().map(PersonQuarter::quarter).toArray(String[]::new));
            if (!assessmentIds.isEmpty()) {
                jdbc.query("SELECT assessment_id, assessed_by, assessed_at, rationale FROM audit_assessment WHERE assessment_id = ANY (?)",
                        rs -> {
                            assessments.put(rs.getObject("assessment_id", UUID.class), new Assessment(
                                    rs.getString("assessed_by"), Instant.parse(rs.getString("assessed_at")),
                                    rs.getString("rationale")));
                        },
                        (Object) assessmentIds.toArray(new UUID[0]));
            }
        }

        private void apply(Object event, Instant at) {
            if (event instanceof QuarterAssessed e) {
                // ON CONFLICT DO NOTHING: the first assessment stored under an id is the one that stays
                if (!assessments.containsKey(e.assessmentId())) {
                    assessments.put(e.assessmentId(), new Assessment(e.assessedBy(), at, e.rationale()));
                    insertAssessments.add(e.assessmentId(), e.personId(), e.quarter(), e.operatingLevel(),
                            e.rationale(), e.assessedBy(), at.toString());
                }
            } else if (event instanceof EvidenceLogged e) {
                if (!evidence.containsKey(e.evidenceId())) {
                    Evidence ev = new Evidence(e.evidenceId(), e.title(), e.demonstratesLevel(), e.dimension().name(),
                            StoredTime.asStored(at), true, false);
                    evidence.put(ev.id, ev);
                    List<Evidence> quarter = byQuarter.get(new PersonQuarter(e.personId(), e.quarter()));
                    if (quarter != null) {
                        quarter.add(ev);
                    }
                    insertEvidence.add(e.evidenceId(), e.personId(), e.quarter(), e.title(), e.dimension().name(),
                            e.demonstratesLevel(), utc(at));
                }
            } else if (event instanceof EvidenceRetracted e) {
                retract(e.evidenceId(), utc(at));
            } else if (event instanceof LevelChanged e) {
                decide(e, at);
            } else if (event instanceof Sequenced s && s.event() instanceof DecisionBasisChanged e) {
                Instant changedAt = e.changedAt() == null ? at : e.changedAt();
                appendBasisChanges.add(write(new StoredChange(s.sequence(), e.quarter(), e.change(),
                                e.previousOperatingLevel(), e.operatingLevel(), e.assessmentId(), e.stillHolds(),
                                e.changedBy(), changedAt)),
                        e.decisionId(), s.sequence());
            } else if (event instanceof TrackSwitched e) {
                Instant decidedAt = e.decidedAt() == null ? at : e.decidedAt();
                FrameworkRef framework = e.framework();
                insertTrackSwitches.add(
                        e.decisionId(), e.personId(), DecisionKind.TRACK_SWITCH.name(), e.fromLevel(), e.toLevel(),
                        e.fromTrack().name(), e.toTrack().name(),
                        write(e.carriedOver() == null ? List.of() : e.carriedOver()),
                        framework == null ? null : framework.id(), framework == null ? null : framework.version(),
                        framework == null ? null : framework.hash(), e.rationale(), e.decidedBy(), utc(decidedAt),
                        decidedAt.toString());
            }
        }

        /**
         * {@code SET retracted_at = ? WHERE evidence_id = ? AND retracted_at IS NULL}, in the batch's terms: the
         * decisions after it no longer list the evidence; the update itself runs before the batch's evidence is
         * inserted if the evidence was stored already (or not at all yet), after it if the batch logged it.
         */
        private void retract(UUID evidenceId, OffsetDateTime at) {
            Evidence ev = evidence.get(evidenceId);
            if (ev != null) {
                ev.retracted = true;
            }
            (ev != null && ev.logged ? retractLogged : retractStored).add(at, evidenceId);
        }

        private void decide(LevelChanged e, Instant at) {
            Instant decidedAt = e.decidedAt() == null ? at : e.decidedAt();
            List<QuarterOutcome> outcomes = e.basis() == null ? List.of() : e.basis();
            List<BasisQuarter> basis = outcomes.stream().map(outcome -> snapshot(e.personId(), outcome)).toList();
            PromotionPolicy policy = e.policy();
            FrameworkRef framework = e.framework();
            insertLevelChanges.add(
                    e.decisionId(), e.personId(), e.kind().name(), e.fromLevel(), e.toLevel(), write(basis),
                    policy == null ? null : policy.requiredQuarters(),
                    framework == null ? null : framework.id(), framework == null ? null : framework.version(),
                    framework == null ? null : framework.hash(), e.rationale(),
                    e.override() == null ? null : e.override().justification(), e.decidedBy(), utc(decidedAt),
                    decidedAt.toString());
        }

        /**
         * One basis quarter as it stands now, which is when the decision is made: the events before it have been
         * applied, the ones after it not yet. Evidence retracted by then is left out. An outcome whose assessment
         * the audit never saw (recorded without a quarter assessment) keeps its quarter, level and id.
         */
        private BasisQuarter snapshot(UUID personId, QuarterOutcome outcome) {
            List<BasisEvidence> listed = byQuarter.get(new PersonQuarter(personId, outcome.quarter())).stream()
                    .filter(ev -> !ev.retracted)
                    .sorted(BASIS_ORDER)
                    .map(ev -> new BasisEvidence(ev.id, ev.title, ev.demonstratesLevel, ev.dimension))
                    .toList();
            Assessment assessment = outcome.assessmentId() == null ? null : assessments.get(outcome.assessmentId());
            return assessment == null
                    ? new BasisQuarter(outcome.quarter(), outcome.operatingLevel(), outcome.assessmentId(),
                    null, null, null, listed, outcome.mappedFrom())
                    : new BasisQuarter(outcome.quarter(), outcome.operatingLevel(), outcome.assessmentId(),
                    assessment.assessedBy(), assessment.assessedAt(), assessment.rationale(), listed,
                    outcome.mappedFrom());
        }
    }

    // --- queries -----------------------------------------------------------------------------------------

    public Optional<AuditedDecision> find(UUID decisionId) {
        return jdbc.query("SELECT * FROM audit_decision WHERE decision_id = ?", this::decision, decisionId)
                .stream().findFirst();
    }

    /**
     * Decisions, newest first.
     *
     * @param personId only this person's, if not null
     * @param from     only decided at or after this instant, if not null
     * @param to       only decided before this instant, if not null
     */
    public Page<AuditedDecision> search(UUID personId, Instant from, Instant to, int page, int size) {
        return personId == null ? search(" WHERE true", new ArrayList<>(), from, to, page, size)
                : search(" WHERE person_id = ?", new ArrayList<>(List.of(personId)), from, to, page, size);
    }

    /**
     * The decisions of these people, newest first.
     *
     * @param people only theirs (none: an empty page)
     * @param from   only decided at or after this instant, if not null
     * @param to     only decided before this instant, if not null
     */
    public Page<AuditedDecision> search(Collection<UUID> people, Instant from, Instant to, int page, int size) {
        String ids = people.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
        return search(" WHERE person_id = ANY (?::uuid[])", new ArrayList<>(List.of(ids)), from, to, page, size);
    }

    private Page<AuditedDecision> search(String whereClause, List<Object> args, Instant from, Instant to, int page,
                                         int size) {
        StringBuilder where = new StringBuilder(whereClause);
        if (from != null) {
            where.append(" AND decided_at >= ?");
            args.add(utc(from));
        }
        if (to != null) {
            where.append(" AND decided_at < ?");
            args.add(utc(to));
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM audit_decision" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<AuditedDecision> items = jdbc.query(
                "SELECT * FROM audit_decision" + where + " ORDER BY decided_at DESC, decision_id LIMIT ? OFFSET ?",
                this::decision, pageArgs.toArray());
        return new Page<>(items, page, size, total == null ? 0 : total);
    }

    private AuditedDecision decision(ResultSet rs, int row) throws SQLException {
        DecisionKind kind = DecisionKind.valueOf(rs.getString("kind"));
        boolean switched = kind == DecisionKind.TRACK_SWITCH;
        String fromTrack = rs.getString("from_track");
        String toTrack = rs.getString("to_track");
        String carriedOver = rs.getString("carried_over");
        int requiredQuarters = rs.getInt("required_quarters");
        PromotionPolicy policy = rs.wasNull() ? null : new PromotionPolicy(requiredQuarters);
        String frameworkId = rs.getString("framework_id");
        FrameworkRef framework = frameworkId == null ? null
                : new FrameworkRef(frameworkId, rs.getInt("framework_version"), rs.getString("framework_hash"));
        String justification = rs.getString("override_justification");
        return new AuditedDecision(
                rs.getObject("decision_id", UUID.class),
                rs.getObject("person_id", UUID.class),
                kind,
                rs.getString("from_level"),
                rs.getString("to_level"),
                fromTrack == null ? null : Track.valueOf(fromTrack),
                switched ? rs.getString("from_level") : null,
                toTrack == null ? null : Track.valueOf(toTrack),
                switched ? rs.getString("to_level") : null,
                read(rs.getString("basis"), BASIS),
                policy,
                framework,
                rs.getString("rationale"),
                justification == null ? null : new PromotionOverride(justification),
                carriedOver == null ? null : read(carriedOver, OUTCOMES),
                rs.getString("decided_by"),
                Instant.parse(rs.getString("decided_at_exact")),
                null,
                null)
                .withBasisChanges(read(rs.getString("basis_changes"), CHANGES).stream().map(StoredChange::view).toList());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the decision's basis", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable decision basis", e);
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    /** Instants in the jsonb snapshot are ISO-8601 strings; this module does not depend on jackson-datatype-jsr310. */
    private static final class InstantDeserializer extends StdScalarDeserializer<Instant> {
        InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            return text == null || text.isBlank() ? null : Instant.parse(text);
        }
    }
}
