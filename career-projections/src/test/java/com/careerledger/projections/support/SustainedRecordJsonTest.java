package com.careerledger.projections.support;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.person.QuarterOutcome;
import com.careerledger.domain.person.SustainedRecord;
import com.careerledger.domain.shared.YearQuarter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sustained record holds quarters and levels as the domain's values; the jsonb the read models keep it in is the
 * text it always was, so rows written before read back and rows written now read the same.
 */
class SustainedRecordJsonTest {

    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    @Test
    void a_record_is_kept_as_the_text_it_always_was_and_reads_back() {
        SustainedRecord record = new SustainedRecord(List.of(
                new QuarterOutcome(YearQuarter.parse("2026-Q1"), new LevelCode("IC3"), A),
                new QuarterOutcome(YearQuarter.parse("2026-Q2"), new LevelCode("M2"), B, new LevelCode("IC4"))),
                YearQuarter.parse("2025-Q4"));
        String stored = ("{'outcomes':[{'quarter':'2026-Q1','operatingLevel':'IC3','assessmentId':'%A','mappedFrom':null},"
                + "{'quarter':'2026-Q2','operatingLevel':'M2','assessmentId':'%B','mappedFrom':'IC4'}],"
                + "'countFrom':'2025-Q4'}").replace('\'', '"').replace("%A", A.toString()).replace("%B", B.toString());

        assertThat(SustainedRecordJson.writeRecord(record)).isEqualTo(stored);
        assertThat(SustainedRecordJson.readRecord(stored)).isEqualTo(record);
        assertThat(SustainedRecordJson.readRecord("{\"outcomes\": [], \"countFrom\": null}"))
                .isEqualTo(SustainedRecord.EMPTY);
    }
}
