package com.careerledger.projections.support;

import com.careerledger.domain.person.SustainedRecord;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A person's {@link SustainedRecord} as the read models keep it in a jsonb column: one mapping, read and written alike. */
public final class SustainedRecordJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SustainedRecordJson() {
    }

    public static SustainedRecord readRecord(String text) {
        try {
            return JSON.readValue(text, SustainedRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable sustained record", e);
        }
    }

    public static String writeRecord(SustainedRecord record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
