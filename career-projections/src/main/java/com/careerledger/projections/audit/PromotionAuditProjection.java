package com.careerledger.projections.audit;

import com.careerledger.domain.framework.FrameworkRef;
import com.careerledger.domain.framework.PromotionPolicy;
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
import com.careerledger.projections.support.Page;
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
import org.axonframework.eventhandling.Timestamp;
import com.careerledger.projections.support.SelectiveReplay;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
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
 * Read model 4, the promotion audit: every level change (promotion, correction, demotion) and every track
 * switch, with its full basis — the quarters it rested on, their assessments (who, when, why) and the Win Log
 * evidence behind them (ids and titles) — the policy and framework in force, the override justification, who
 * decided and when.
 * <p>
 * The projection keeps its own copy of assessments and evidence from the Quarter events. A person's events and
 * their quarters' reach it in order on one thread ({@code PersonSequencingPolicy}), so when a decision arrives,
 * the assessments and evidence it rests on are already here, and it snapshots them into the decision row: the
 * audit keeps showing what the decision rested on even if evidence is retracted or an assessment amended later.
 * <p>
 * Idempotent: decisions are keyed by decision id, assessments by assessment id, evidence by evidence id; a
 * redelivered event inserts nothing and its updates change nothing. Only event data and event timestamps are
 * stored, so a rebuild reproduces the same rows.
 */
@Component
@ProcessingGroup(PromotionAuditProjection.PROCESSING_GROUP)
public class PromotionAuditProjection {

    public static final String PROCESSING_GROUP = "promotion-audit";

    private static final TypeReference<List<BasisQuarter>> BASIS = new TypeReference<>() {
    };
    private static final TypeReference<List<QuarterOutcome>> OUTCOMES = new TypeReference<>() {
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
        jdbc.update("""
                INSERT INTO audit_assessment (assessment_id, person_id, quarter, operating_level, rationale, assessed_by, assessed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (assessment_id) DO NOTHING""",
                e.assessmentId(), e.personId(), e.quarter(), e.operatingLevel(), e.rationale(), e.assessedBy(),
                at.toString());
    }

    @EventHandler
    void on(EvidenceLogged e, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO audit_evidence (evidence_id, person_id, quarter, title, dimension, demonstrates_level, logged_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (evidence_id) DO NOTHING""",
                e.evidenceId(), e.personId(), e.quarter(), e.title(), e.dimension().name(), e.demonstratesLevel(), utc(at));
    }

    @EventHandler
    void on(EvidenceRetracted e, @Timestamp Instant at) {
        jdbc.update("UPDATE audit_evidence SET retracted_at = ? WHERE evidence_id = ? AND retracted_at IS NULL",
                utc(at), e.evidenceId());
    }

    // --- the decisions -----------------------------------------------------------------------------------

    @EventHandler
    void on(LevelChanged e, @Timestamp Instant at) {
        Instant decidedAt = e.decidedAt() == null ? at : e.decidedAt();
        List<QuarterOutcome> outcomes = e.basis() == null ? List.of() : e.basis();
        List<BasisQuarter> basis = outcomes.stream().map(outcome -> snapshot(e.personId(), outcome)).toList();
        PromotionPolicy policy = e.policy();
        FrameworkRef framework = e.framework();
        jdbc.update("""
                INSERT INTO audit_decision (decision_id, person_id, kind, from_level, to_level, basis, required_quarters,
                                            framework_id, framework_version, framework_hash, rationale,
                                            override_justification, decided_by, decided_at, decided_at_exact)
                VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (decision_id) DO NOTHING""",
                e.decisionId(), e.personId(), e.kind().name(), e.fromLevel(), e.toLevel(), write(basis),
                policy == null ? null : policy.requiredQuarters(),
                framework == null ? null : framework.id(), framework == null ? null : framework.version(),
                framework == null ? null : framework.hash(), e.rationale(),
                e.override() == null ? null : e.override().justification(), e.decidedBy(), utc(decidedAt),
                decidedAt.toString());
    }

    @EventHandler
    void on(TrackSwitched e, @Timestamp Instant at) {
        Instant decidedAt = e.decidedAt() == null ? at : e.decidedAt();
        FrameworkRef framework = e.framework();
        jdbc.update("""
                INSERT INTO audit_decision (decision_id, person_id, kind, from_level, to_level, from_track, to_track,
                                            carried_over, basis, framework_id, framework_version, framework_hash,
                                            rationale, decided_by, decided_at, decided_at_exact)
                VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), '[]'::jsonb, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (decision_id) DO NOTHING""",
                e.decisionId(), e.personId(), DecisionKind.TRACK_SWITCH.name(), e.fromLevel(), e.toLevel(),
                e.fromTrack().name(), e.toTrack().name(),
                write(e.carriedOver() == null ? List.of() : e.carriedOver()),
                framework == null ? null : framework.id(), framework == null ? null : framework.version(),
                framework == null ? null : framework.hash(), e.rationale(), e.decidedBy(), utc(decidedAt),
                decidedAt.toString());
    }

    /** Empties the tables when a rebuild names this read model (see SelectiveReplay). */
    @ResetHandler
    void reset(String rebuilt) {
        if (SelectiveReplay.includes(rebuilt, PROCESSING_GROUP)) {
            jdbc.update("TRUNCATE audit_decision, audit_assessment, audit_evidence");
        }
    }

    /**
     * One basis quarter as it stands now, which is when the decision is made: the events before it have been
     * handled, the ones after it not yet. Evidence retracted by then is left out. An outcome whose assessment
     * the audit never saw (recorded without a quarter assessment) keeps its quarter, level and id.
     */
    private BasisQuarter snapshot(UUID personId, QuarterOutcome outcome) {
        List<BasisEvidence> evidence = jdbc.query("""
                        SELECT evidence_id, title, demonstrates_level, dimension FROM audit_evidence
                        WHERE person_id = ? AND quarter = ? AND retracted_at IS NULL
                        ORDER BY logged_at, evidence_id""",
                (rs, i) -> new BasisEvidence(rs.getObject("evidence_id", UUID.class), rs.getString("title"),
                        rs.getString("demonstrates_level"), rs.getString("dimension")),
                personId, outcome.quarter());
        return jdbc.query("SELECT assessed_by, assessed_at, rationale FROM audit_assessment WHERE assessment_id = ?",
                        (rs, i) -> new BasisQuarter(outcome.quarter(), outcome.operatingLevel(), outcome.assessmentId(),
                                rs.getString("assessed_by"), Instant.parse(rs.getString("assessed_at")),
                                rs.getString("rationale"), evidence),
                        outcome.assessmentId())
                .stream().findFirst()
                .orElseGet(() -> new BasisQuarter(outcome.quarter(), outcome.operatingLevel(), outcome.assessmentId(),
                        null, null, null, evidence));
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
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> args = new ArrayList<>();
        if (personId != null) {
            where.append(" AND person_id = ?");
            args.add(personId);
        }
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
                Instant.parse(rs.getString("decided_at_exact")));
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
