package com.careerledger.projections.support;

import com.careerledger.domain.person.SustainedRecord;

/** A person's {@link SustainedRecord} as the read models keep it in a jsonb column: one mapping, read and written alike. */
public final class SustainedRecordJson {

    private SustainedRecordJson() {
    }

    public static SustainedRecord readRecord(String text) {
        return ReadModelJson.read(text, SustainedRecord.class);
    }

    public static String writeRecord(SustainedRecord record) {
        return ReadModelJson.write(record);
    }
}
