-- The directory stores readiness (the readiness board and GET /api/people?readiness= filter on it), computed when an
-- event changes a person's standing. Performance history computes it when read. After the career framework changes
-- (another CAREER_FRAMEWORK at a restart) the stored value would be the old rules' answer: each row now says which
-- framework (its content hash) its readiness was computed under, and rows computed under another are computed again
-- at start-up and whenever the row is written. NULL (rows stored before this column): computed again once.
ALTER TABLE directory_person ADD COLUMN readiness_framework TEXT;
