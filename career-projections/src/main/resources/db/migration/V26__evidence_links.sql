-- A piece of evidence has links (EvidenceLogged revision 2), where it had at most one. `link` keeps the first, as
-- the first contract version showed it; `links` holds them all, as a JSON array.
ALTER TABLE quarter_evidence ADD COLUMN links JSONB;
UPDATE quarter_evidence SET links = CASE WHEN link IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(link) END;
