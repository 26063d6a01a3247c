package com.careerledger.api.testsupport;

import org.springframework.jdbc.core.JdbcTemplate;

/** Events written straight into the event store, as a bulk import would: many people at once, without commands. */
public final class BulkImport {

    private BulkImport() {
    }

    /** {@code count} people registered at IC2 in engineering ({@code PersonRegistered}, revision 1, one row each). */
    public static void people(JdbcTemplate jdbc, int count) {
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                                payload_type, payload_revision, payload, meta_data)
                SELECT gen_random_uuid()::text, id::text, 0, 'Person', '2026-01-05T09:00:00.000Z',
                       'com.careerledger.domain.person.PersonRegistered', '1',
                       jsonb_build_object('personId', id, 'name', 'Bulk ' || n, 'email', 'bulk' || n || '@example.com',
                                          'discipline', 'ENGINEERING', 'track', 'IC', 'level', 'IC2', 'managerId', null),
                       '{"actor": "bulk-import"}'::jsonb
                FROM (SELECT n, gen_random_uuid() AS id FROM generate_series(1, ?) n) people""", count);
    }
}
