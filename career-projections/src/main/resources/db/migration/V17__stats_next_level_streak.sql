-- Org statistics: the next-level streak beside time at level, so the figures show what predicts a promotion.
--   stats_person.sustained_record:  the person's sustained record, evolved as the Person aggregate evolves it
--                                   (outcomes, withdrawals, the restart after a promotion, the mapping of a switch)
--   stats_person.next_level_streak: consecutive quarters at the next level or above, as promotions count them, in
--                                   the person's current stint; null at the top of a track (no next level) or
--                                   while unknown
--   stats_promotion.next_level_streak: that streak toward the promoted-to level when the promotion was decided
--
-- Rows from before this migration: a person's record is taken from the sustained-performance history, which the
-- same processor keeps at the same position (one reading of the events for every read model, ADR 0006), and the
-- streak is computed from it the next time an event of the person arrives. A promotion decided before this
-- migration has no streak (null: left out of the streak table) until the statistics are rebuilt
-- (POST /api/admin/projections/stats/rebuild), which fills every row from the events.
ALTER TABLE stats_person ADD COLUMN sustained_record JSONB;
ALTER TABLE stats_person ADD COLUMN next_level_streak INTEGER;
ALTER TABLE stats_promotion ADD COLUMN next_level_streak INTEGER;

UPDATE stats_person s SET sustained_record = h.sustained_record
FROM history_person h WHERE h.person_id = s.person_id;
