-- The timeline names a goal, or evidence, by its latest title: the newest entry of the person whose data names it
-- and has a title (TimelineProjection). One index probe per title looked up, instead of reading every entry of
-- the person and unpacking its data.
CREATE INDEX ix_timeline_entry_goal_title ON timeline_entry (person_id, (data->>'goalId'))
    WHERE data->>'title' IS NOT NULL AND data->>'goalId' IS NOT NULL;
CREATE INDEX ix_timeline_entry_evidence_title ON timeline_entry (person_id, (data->>'evidenceId'))
    WHERE data->>'title' IS NOT NULL AND data->>'evidenceId' IS NOT NULL;
