-- The write side also needs each person's current track and level (a quarter opens at the level held).
ALTER TABLE person_lookup ADD COLUMN track VARCHAR(16);
ALTER TABLE person_lookup ADD COLUMN level VARCHAR(16);
