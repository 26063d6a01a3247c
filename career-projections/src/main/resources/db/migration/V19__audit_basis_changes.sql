-- The promotion audit shows what became of a decision's basis after it was decided: each DecisionBasisChanged
-- (a basis quarter reopened or re-assessed) is appended to its decision, in the order of the person's stream.
-- The decision's own columns and its basis snapshot never change. Each element carries the event's sequence
-- number in the person's stream, so a redelivered event is appended once. The audit did not read these events
-- before this migration: any stored already reach it by a rebuild of the promotion audit.
ALTER TABLE audit_decision ADD COLUMN basis_changes JSONB NOT NULL DEFAULT '[]'::jsonb;
