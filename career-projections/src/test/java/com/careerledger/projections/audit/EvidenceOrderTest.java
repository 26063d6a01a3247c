package com.careerledger.projections.audit;

import com.careerledger.projections.support.StoredTime;
import com.careerledger.projections.testsupport.ReadModelDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A decision's basis lists evidence {@code ORDER BY logged_at, evidence_id}. Evidence logged in the same batch as
 * the decision is not in the table yet, so the audit sorts it in memory among the stored rows: by the instant
 * the {@code timestamptz} column will hold, which is the event's timestamp as the driver sends it (to the
 * microsecond).
 */
@ExtendWith(ReadModelDatabase.class)
class EvidenceOrderTest {

    @Test
    void evidence_logged_in_the_batch_sorts_by_the_instant_postgresql_stores_for_it(JdbcTemplate jdbc) {
        Instant base = Instant.parse("2026-02-02T10:00:00Z");
        for (long nanos : List.of(0L, 1L, 499L, 500L, 501L, 999L, 1_499L, 1_500L, 123_456_789L, 999_999_499L,
                999_999_500L, 999_999_999L)) {
            Instant at = base.plusNanos(nanos);
            OffsetDateTime stored = jdbc.queryForObject("SELECT CAST(? AS timestamptz)", OffsetDateTime.class,
                    at.atOffset(ZoneOffset.UTC));
            assertThat(StoredTime.asStored(at)).as("%s", at).isEqualTo(stored.toInstant());
        }
    }
}
