-- The timeline's order breaks ties between events of the same millisecond (timestamps are stored to the
-- millisecond) by the event store's global index, not by aggregate id: an assessment and the outcome its relay
-- records in the same transaction are listed in the order they were stored. Rows from before this migration
-- take their global index from the event store, so no rebuild is needed.
ALTER TABLE timeline_entry ADD COLUMN global_index BIGINT;
UPDATE timeline_entry t SET global_index = d.global_index
FROM domain_event_entry d WHERE d.event_identifier = t.event_id;
DROP INDEX ix_timeline_entry_person_order;
CREATE INDEX ix_timeline_entry_person_order ON timeline_entry (person_id, at, global_index, aggregate_id, sequence);
