package com.careerledger.projections.audit;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.framework.FrameworkRef;
import com.careerledger.domain.framework.PromotionPolicy;
import com.careerledger.domain.person.BasisChange;
import com.careerledger.domain.person.DecisionBasisChanged;
import com.careerledger.domain.person.DecisionKind;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.QuarterOutcome;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.quarter.Dimension;
import com.careerledger.domain.quarter.EvidenceLogged;
import com.careerledger.domain.quarter.EvidenceRetracted;
import com.careerledger.domain.quarter.QuarterAssessed;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.audit.PromotionAuditViews.BasisEvidence;
import com.careerledger.projections.audit.PromotionAuditViews.BasisQuarter;
import com.careerledger.projections.audit.PromotionAuditViews.BasisQuarterChange;
import com.careerledger.projections.support.ColumnType;
import com.careerledger.projections.support.Projection;
import com.careerledger.projections.support.ReadModel;
import com.careerledger.projections.support.ReadModelJson;
import com.careerledger.projections.support.StoredTime;
import com.careerledger.projections.support.Table;
import com.fasterxml.jackson.core.type.TypeReference;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

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
 * Written the one way read models write ({@link ReadModel}): at the end of the processor's batch the rows its events
 * need are read — a decision's row, the evidence of the quarters it rests on and the assessments it names, the
 * evidence a retraction or a redelivery concerns — the events change them in memory in order, and the changed rows
 * are written, one upsert per table. A decision thus snapshots exactly what was logged, retracted and assessed
 * before it, in the same batch or earlier. What the audit answers is read by {@link PromotionAuditQueries}.
 */
@Component
@ProcessingGroup(PromotionAuditProjection.PROCESSING_GROUP)
public class PromotionAuditProjection implements Projection {

    public static final String PROCESSING_GROUP = "promotion-audit";

    /** {@code audit_decision.basis_changes}. */
    static final TypeReference<List<StoredChange>> CHANGES = new TypeReference<>() {
    };

    /** Assessments: the first stored under an id is the one that stays. */
    private static final Table<Assessment> ASSESSMENTS = Table.named("audit_assessment", Assessment::new)
            .key("assessment_id", ColumnType.UUID, a -> a.assessmentId, (a, v) -> a.assessmentId = v)
            .fixed("person_id", ColumnType.UUID, a -> a.personId, (a, v) -> a.personId = v)
            .fixed("quarter", ColumnType.TEXT, a -> a.quarter, (a, v) -> a.quarter = v)
            .fixed("operating_level", ColumnType.TEXT, a -> a.operatingLevel, (a, v) -> a.operatingLevel = v)
            .fixed("rationale", ColumnType.TEXT, a -> a.rationale, (a, v) -> a.rationale = v)
            .fixed("assessed_by", ColumnType.TEXT, a -> a.assessedBy, (a, v) -> a.assessedBy = v)
            .fixed("assessed_at", ColumnType.TEXT, a -> a.assessedAt, (a, v) -> a.assessedAt = v)
            .insertOnly()
            .build();
    /** Win Log evidence; only its retraction changes. */
    private static final Table<Evidence> EVIDENCE = Table.named("audit_evidence", Evidence::new)
            .key("evidence_id", ColumnType.UUID, e -> e.evidenceId, (e, v) -> e.evidenceId = v)
            .fixed("person_id", ColumnType.UUID, e -> e.personId, (e, v) -> e.personId = v)
            .fixed("quarter", ColumnType.TEXT, e -> e.quarter, (e, v) -> e.quarter = v)
            .fixed("title", ColumnType.TEXT, e -> e.title, (e, v) -> e.title = v)
            .fixed("dimension", ColumnType.text(Dimension.class), e -> e.dimension, (e, v) -> e.dimension = v)
            .fixed("demonstrates_level", ColumnType.TEXT, e -> e.demonstratesLevel, (e, v) -> e.demonstratesLevel = v)
            .fixed("logged_at", ColumnType.TIMESTAMPTZ, e -> e.loggedAt, (e, v) -> e.loggedAt = v)
            .setOnce("retracted_at", ColumnType.TIMESTAMPTZ, e -> e.retractedAt, (e, v) -> e.retractedAt = v)
            .build();
    /** The evidence of a person's quarter: what a decision resting on the quarter lists. */
    private static final Table.Index<Evidence> EVIDENCE_OF_QUARTER = EVIDENCE.index("person_id", "quarter");
    /** Decisions: everything stays as decided, only what became of the basis since is added. */
    private static final Table<Decision> DECISIONS = Table.named("audit_decision", Decision::new)
            .key("decision_id", ColumnType.UUID, d -> d.decisionId, (d, v) -> d.decisionId = v)
            .fixed("person_id", ColumnType.UUID, d -> d.personId, (d, v) -> d.personId = v)
            .fixed("kind", ColumnType.text(DecisionKind.class), d -> d.kind, (d, v) -> d.kind = v)
            .fixed("from_level", ColumnType.TEXT, d -> d.fromLevel, (d, v) -> d.fromLevel = v)
            .fixed("to_level", ColumnType.TEXT, d -> d.toLevel, (d, v) -> d.toLevel = v)
            .fixed("from_track", ColumnType.text(Track.class), d -> d.fromTrack, (d, v) -> d.fromTrack = v)
            .fixed("to_track", ColumnType.text(Track.class), d -> d.toTrack, (d, v) -> d.toTrack = v)
            .fixed("carried_over", ColumnType.JSONB, d -> d.carriedOver, (d, v) -> d.carriedOver = v)
            .fixed("basis", ColumnType.JSONB, d -> d.basis, (d, v) -> d.basis = v)
            .fixed("required_quarters", ColumnType.INT4, d -> d.requiredQuarters, (d, v) -> d.requiredQuarters = v)
            .fixed("framework_id", ColumnType.TEXT, d -> d.frameworkId, (d, v) -> d.frameworkId = v)
            .fixed("framework_version", ColumnType.INT4, d -> d.frameworkVersion, (d, v) -> d.frameworkVersion = v)
            .fixed("framework_hash", ColumnType.TEXT, d -> d.frameworkHash, (d, v) -> d.frameworkHash = v)
            .fixed("rationale", ColumnType.TEXT, d -> d.rationale, (d, v) -> d.rationale = v)
            .fixed("override_justification", ColumnType.TEXT, d -> d.overrideJustification,
                    (d, v) -> d.overrideJustification = v)
            .fixed("decided_by", ColumnType.TEXT, d -> d.decidedBy, (d, v) -> d.decidedBy = v)
            .fixed("decided_at", ColumnType.TIMESTAMPTZ, d -> d.decidedAt, (d, v) -> d.decidedAt = v)
            .fixed("decided_at_exact", ColumnType.TEXT, d -> d.decidedAtExact, (d, v) -> d.decidedAtExact = v)
            .column("basis_changes", ColumnType.json(CHANGES), d -> d.basisChanges, (d, v) -> d.basisChanges = v)
            .build();

    /** {@code ORDER BY logged_at, evidence_id}: PostgreSQL compares uuids as unsigned bytes. */
    private static final Comparator<Evidence> BASIS_ORDER = Comparator.<Evidence, Instant>comparing(
                    ev -> ev.loggedAt.toInstant())
            .thenComparing((a, b) -> {
                int high = Long.compareUnsigned(a.evidenceId.getMostSignificantBits(),
                        b.evidenceId.getMostSignificantBits());
                return high != 0 ? high : Long.compareUnsigned(a.evidenceId.getLeastSignificantBits(),
                        b.evidenceId.getLeastSignificantBits());
            });

    private final ReadModel model;

    public PromotionAuditProjection(JdbcTemplate jdbc) {
        this.model = new ReadModel(this, jdbc, ASSESSMENTS, EVIDENCE, DECISIONS);
    }

    // --- the basis material, from the Quarter events ----------------------------------------------------

    @Override
    public ReadModel readModel() {
        return model;
    }

    @EventHandler
    void on(QuarterAssessed e, @Timestamp Instant at) {
        Assessment assessment = new Assessment();
        assessment.assessmentId = e.assessmentId();
        assessment.personId = e.personId();
        assessment.quarter = e.quarter().toString();
        assessment.operatingLevel = LevelCode.codeOf(e.operatingLevel());
        assessment.rationale = e.rationale();
        assessment.assessedBy = e.assessedBy();
        // as in the event, to the nanosecond (see V9)
        assessment.assessedAt = at.toString();
        // one stored already stays: a decision that names it has read it
        model.handle(work -> work.then(rows -> rows.insertIfAbsent(ASSESSMENTS, assessment)));
    }

    @EventHandler
    void on(EvidenceLogged e, @Timestamp Instant at) {
        Evidence evidence = new Evidence();
        evidence.evidenceId = e.evidenceId();
        evidence.personId = e.personId();
        evidence.quarter = e.quarter().toString();
        evidence.title = e.title();
        evidence.dimension = e.dimension();
        evidence.demonstratesLevel = e.demonstratesLevel().code();
        // as the column will hold it: the basis lists evidence in its order
        evidence.loggedAt = StoredTime.asStored(utc(at));
        // not read first: a redelivered entry written again keeps its retraction (set once) and everything else
        model.handle(work -> work.then(rows -> rows.insertIfAbsent(EVIDENCE, evidence)));
    }

    /** The decisions after it no longer list the evidence; a retraction stays as first retracted. */
    @EventHandler
    void on(EvidenceRetracted e, @Timestamp Instant at) {
        Table.Key<Evidence> key = EVIDENCE.key(e.evidenceId());
        model.handle(work -> work.need(key).then(rows -> {
            Evidence evidence = rows.get(key);
            if (evidence != null && evidence.retractedAt == null) {
                evidence.retractedAt = utc(at);
                rows.changed(EVIDENCE, evidence);
            }
        }));
    }

    // --- the decisions -----------------------------------------------------------------------------------

    @EventHandler
    void on(LevelChanged e, @Timestamp Instant at) {
        Table.Key<Decision> key = DECISIONS.key(e.decisionId());
        List<QuarterOutcome> outcomes = e.basis() == null ? List.of() : e.basis();
        model.handle(work -> {
            work.need(key);
            for (QuarterOutcome outcome : outcomes) {
                work.needAll(EVIDENCE_OF_QUARTER, e.personId(), outcome.quarter().toString());
                if (outcome.assessmentId() != null) {
                    work.need(ASSESSMENTS.key(outcome.assessmentId()));
                }
            }
            work.then(rows -> {
                if (rows.get(key) == null) {
                    List<BasisQuarter> basis = outcomes.stream()
                            .map(outcome -> snapshot(rows, e.personId(), outcome)).toList();
                    rows.insert(DECISIONS, decided(e, at, basis));
                }
            });
        });
    }

    @EventHandler
    void on(TrackSwitched e, @Timestamp Instant at) {
        Table.Key<Decision> key = DECISIONS.key(e.decisionId());
        model.handle(work -> work.need(key).then(rows -> {
            if (rows.get(key) == null) {
                rows.insert(DECISIONS, switched(e, at));
            }
        }));
    }

    // --- what became of a decision's basis ----------------------------------------------------------------

    /**
     * Appended to its decision unless the decision has it already (a redelivery); a change to a decision the audit
     * does not have attaches to nothing.
     */
    @EventHandler
    void on(DecisionBasisChanged e, @Timestamp Instant at, @SequenceNumber long sequence) {
        Table.Key<Decision> key = DECISIONS.key(e.decisionId());
        Instant changedAt = e.changedAt() == null ? at : e.changedAt();
        StoredChange change = new StoredChange(sequence, e.quarter().toString(), e.change(),
                LevelCode.codeOf(e.previousOperatingLevel()), LevelCode.codeOf(e.operatingLevel()), e.assessmentId(), e.stillHolds(), e.changedBy(), changedAt);
        model.handle(work -> work.need(key).then(rows -> {
            Decision decision = rows.get(key);
            if (decision != null && decision.basisChanges.stream().noneMatch(c -> c.sequence() == sequence)) {
                List<StoredChange> changes = new ArrayList<>(decision.basisChanges);
                changes.add(change);
                decision.basisChanges = changes;
                rows.changed(DECISIONS, decision);
            }
        }));
    }


    /**
     * One basis quarter as it stands now, which is when the decision is made: the events before it have been
     * applied, the ones after it not yet. Evidence retracted by then is left out. An outcome whose assessment
     * the audit never saw (recorded without a quarter assessment) keeps its quarter, level and id.
     */
    private static BasisQuarter snapshot(ReadModel.Rows rows, UUID personId, QuarterOutcome outcome) {
        List<BasisEvidence> listed = rows.all(EVIDENCE_OF_QUARTER, personId, outcome.quarter().toString()).stream()
                .filter(ev -> ev.retractedAt == null)
                .sorted(BASIS_ORDER)
                .map(ev -> new BasisEvidence(ev.evidenceId, ev.title, ev.demonstratesLevel, ev.dimension))
                .toList();
        Assessment assessment = outcome.assessmentId() == null ? null
                : rows.get(ASSESSMENTS.key(outcome.assessmentId()));
        String quarter = outcome.quarter().toString();
        String level = outcome.operatingLevel().code();
        String mappedFrom = LevelCode.codeOf(outcome.mappedFrom());
        return assessment == null
                ? new BasisQuarter(quarter, level, outcome.assessmentId(), null, null, null, listed, mappedFrom)
                : new BasisQuarter(quarter, level, outcome.assessmentId(), assessment.assessedBy,
                Instant.parse(assessment.assessedAt), assessment.rationale, listed, mappedFrom);
    }

    private static Decision decided(LevelChanged e, Instant at, List<BasisQuarter> basis) {
        Decision decision = decision(e.decisionId(), e.personId(), e.kind(), e.fromLevel().code(), e.toLevel().code(),
                e.framework(), e.rationale(), e.decidedBy(), e.decidedAt() == null ? at : e.decidedAt());
        decision.basis = ReadModelJson.write(basis);
        PromotionPolicy policy = e.policy();
        decision.requiredQuarters = policy == null ? null : policy.requiredQuarters();
        decision.overrideJustification = e.override() == null ? null : e.override().justification();
        return decision;
    }

    private static Decision switched(TrackSwitched e, Instant at) {
        Decision decision = decision(e.decisionId(), e.personId(), DecisionKind.TRACK_SWITCH, e.fromLevel().code(),
                e.toLevel().code(), e.framework(), e.rationale(), e.decidedBy(), e.decidedAt() == null ? at : e.decidedAt());
        decision.fromTrack = e.fromTrack();
        decision.toTrack = e.toTrack();
        decision.carriedOver = ReadModelJson.write(e.carriedOver() == null ? List.of() : e.carriedOver());
        decision.basis = "[]";
        return decision;
    }

    /** What every decision has: who, what, under which framework, when (as in the event, and to order by). */
    private static Decision decision(UUID decisionId, UUID personId, DecisionKind kind, String fromLevel,
                                     String toLevel, FrameworkRef framework, String rationale, String decidedBy,
                                     Instant decidedAt) {
        Decision decision = new Decision();
        decision.decisionId = decisionId;
        decision.personId = personId;
        decision.kind = kind;
        decision.fromLevel = fromLevel;
        decision.toLevel = toLevel;
        decision.frameworkId = framework == null ? null : framework.id();
        decision.frameworkVersion = framework == null ? null : framework.version();
        decision.frameworkHash = framework == null ? null : framework.hash();
        decision.rationale = rationale;
        decision.decidedBy = decidedBy;
        decision.decidedAt = utc(decidedAt);
        decision.decidedAtExact = decidedAt.toString();
        decision.basisChanges = List.of();
        return decision;
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    /**
     * A basis change as {@code audit_decision.basis_changes} keeps it: the view's fields and the sequence number
     * of its event in the person's stream.
     */
    record StoredChange(long sequence, String quarter, BasisChange change, String previousOperatingLevel,
                        String operatingLevel, UUID assessmentId, boolean stillHolds, String changedBy,
                        Instant changedAt) {
        BasisQuarterChange view() {
            return new BasisQuarterChange(quarter, change, previousOperatingLevel, operatingLevel, assessmentId,
                    stillHolds, changedBy, changedAt);
        }
    }

    /** An assessment as the basis shows it; {@code assessedAt} as in the event, to the nanosecond. */
    private static final class Assessment {
        UUID assessmentId;
        UUID personId;
        String quarter;
        String operatingLevel;
        String rationale;
        String assessedBy;
        String assessedAt;
    }

    /** A Win Log entry: what it shows, where it sorts, whether it still counts. */
    private static final class Evidence {
        UUID evidenceId;
        UUID personId;
        String quarter;
        String title;
        Dimension dimension;
        String demonstratesLevel;
        OffsetDateTime loggedAt;
        /** Null while the entry counts. */
        OffsetDateTime retractedAt;
    }

    /** A decision with its basis snapshot (jsonb text, written once) and what became of the basis since. */
    private static final class Decision {
        UUID decisionId;
        UUID personId;
        DecisionKind kind;
        String fromLevel;
        String toLevel;
        Track fromTrack;
        Track toTrack;
        String carriedOver;
        String basis;
        Integer requiredQuarters;
        String frameworkId;
        Integer frameworkVersion;
        String frameworkHash;
        String rationale;
        String overrideJustification;
        String decidedBy;
        OffsetDateTime decidedAt;
        String decidedAtExact;
        List<StoredChange> basisChanges;
    }
}
