package com.careerledger.projections.audit;

import com.careerledger.domain.framework.FrameworkRef;
import com.careerledger.domain.framework.PromotionPolicy;
import com.careerledger.domain.person.DecisionKind;
import com.careerledger.domain.person.PromotionOverride;
import com.careerledger.domain.person.QuarterOutcome;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.audit.PromotionAuditProjection.StoredChange;
import com.careerledger.projections.audit.PromotionAuditViews.AuditedDecision;
import com.careerledger.projections.audit.PromotionAuditViews.BasisQuarter;
import com.careerledger.projections.support.Page;
import com.careerledger.projections.support.ReadModelJson;
import com.fasterxml.jackson.core.type.TypeReference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What the promotion audit answers ({@code GET /api/promotions}, {@code GET /api/promotions/{id}}), read from the
 * decisions {@link PromotionAuditProjection} writes.
 */
@Component
public class PromotionAuditQueries {

    private static final TypeReference<List<BasisQuarter>> BASIS = new TypeReference<>() {
    };
    private static final TypeReference<List<QuarterOutcome>> OUTCOMES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    public PromotionAuditQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AuditedDecision> find(UUID decisionId) {
        return jdbc.query("SELECT * FROM audit_decision WHERE decision_id = ?", PromotionAuditQueries::decision,
                decisionId).stream().findFirst();
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
            args.add(from.atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            where.append(" AND decided_at < ?");
            args.add(to.atOffset(ZoneOffset.UTC));
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM audit_decision" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<AuditedDecision> items = jdbc.query(
                "SELECT * FROM audit_decision" + where + " ORDER BY decided_at DESC, decision_id LIMIT ? OFFSET ?",
                PromotionAuditQueries::decision, pageArgs.toArray());
        return new Page<>(items, page, size, total == null ? 0 : total);
    }

    private static AuditedDecision decision(ResultSet rs, int row) throws SQLException {
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
                ReadModelJson.read(rs.getString("basis"), BASIS),
                policy,
                framework,
                rs.getString("rationale"),
                justification == null ? null : new PromotionOverride(justification),
                carriedOver == null ? null : ReadModelJson.read(carriedOver, OUTCOMES),
                rs.getString("decided_by"),
                Instant.parse(rs.getString("decided_at_exact")),
                null,
                null)
                .withBasisChanges(ReadModelJson.read(rs.getString("basis_changes"), PromotionAuditProjection.CHANGES)
                        .stream().map(StoredChange::view).toList());
    }
}
