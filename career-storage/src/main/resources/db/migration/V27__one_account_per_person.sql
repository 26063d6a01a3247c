-- One account per person (issue 21): a second account linked to the same person would be a second identity for
-- the same record (two passwords to guess, two actors in the audit for one person). From now on POST /api/accounts
-- answers 409 person-has-account.
--
-- A database of an earlier version may already hold several accounts of one person. The oldest keeps the link;
-- the later ones are unlinked (person_id NULL): they still sign in, but see no one's record until an admin
-- links them to someone else or disables them. GET /api/accounts lists them (personId absent). See
-- docs/security.md, "Accounts".
UPDATE account a
SET person_id = NULL, updated_at = now()
WHERE a.person_id IS NOT NULL
  AND EXISTS (SELECT 1 FROM account older
              WHERE older.person_id = a.person_id
                AND (older.created_at, older.account_id) < (a.created_at, a.account_id));

DROP INDEX ix_account_person;
CREATE UNIQUE INDEX uk_account_person ON account (person_id) WHERE person_id IS NOT NULL;
