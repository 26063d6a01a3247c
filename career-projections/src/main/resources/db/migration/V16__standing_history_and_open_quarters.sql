-- Write-side lookups kept in the command's transaction (subscribing processor), for the sustained record:
--   person_standing: every track and level a person has held and from when, so a quarter imported after the fact
--                    is opened at the level held then, not today's;
--   quarter_lookup:  each person's quarters and whether they are open, so a track switch moves the open ones.
-- Both are backfilled from the events already stored.
CREATE TABLE person_standing (
    person_id    UUID         NOT NULL,
    effective_at TIMESTAMPTZ  NOT NULL,
    seq          BIGINT       NOT NULL,
    track        VARCHAR(16)  NOT NULL,
    level        VARCHAR(16)  NOT NULL,
    PRIMARY KEY (person_id, seq)
);

CREATE TABLE quarter_lookup (
    person_id UUID        NOT NULL,
    quarter   VARCHAR(7)  NOT NULL,
    open      BOOLEAN     NOT NULL,
    PRIMARY KEY (person_id, quarter)
);

INSERT INTO person_standing (person_id, effective_at, seq, track, level)
SELECT CAST(aggregate_identifier AS UUID),
       CAST(COALESCE(payload ->> 'decidedAt', time_stamp) AS TIMESTAMPTZ),
       sequence_number,
       COALESCE(payload ->> 'toTrack', payload ->> 'track',
                (SELECT p.track FROM person_lookup p WHERE p.person_id = CAST(e.aggregate_identifier AS UUID))),
       COALESCE(payload ->> 'toLevel', payload ->> 'level')
FROM domain_event_entry e
WHERE type = 'Person'
  AND payload_type IN ('com.careerledger.domain.person.PersonRegistered',
                       'com.careerledger.domain.person.TrackSwitched',
                       'com.careerledger.domain.person.LevelChanged')
ORDER BY global_index;

-- A LevelChanged carries no track: it stays on the track held just before it.
UPDATE person_standing s
SET track = (SELECT b.track FROM domain_event_entry e2
             JOIN LATERAL (SELECT COALESCE(e2.payload ->> 'toTrack', e2.payload ->> 'track') AS track) b ON TRUE
             WHERE e2.aggregate_identifier = CAST(s.person_id AS TEXT)
               AND e2.sequence_number < s.seq
               AND e2.payload_type IN ('com.careerledger.domain.person.PersonRegistered',
                                       'com.careerledger.domain.person.TrackSwitched')
             ORDER BY e2.sequence_number DESC LIMIT 1)
WHERE EXISTS (SELECT 1 FROM domain_event_entry e3
              WHERE e3.aggregate_identifier = CAST(s.person_id AS TEXT) AND e3.sequence_number = s.seq
                AND e3.payload_type = 'com.careerledger.domain.person.LevelChanged');

INSERT INTO quarter_lookup (person_id, quarter, open)
SELECT CAST(payload ->> 'personId' AS UUID), payload ->> 'quarter',
       (SELECT l.payload_type <> 'com.careerledger.domain.quarter.QuarterAssessed'
        FROM domain_event_entry l
        WHERE l.aggregate_identifier = o.aggregate_identifier
          AND l.payload_type IN ('com.careerledger.domain.quarter.QuarterOpened',
                                 'com.careerledger.domain.quarter.QuarterAssessed',
                                 'com.careerledger.domain.quarter.QuarterReopened')
        ORDER BY l.sequence_number DESC LIMIT 1)
FROM domain_event_entry o
WHERE o.payload_type = 'com.careerledger.domain.quarter.QuarterOpened'
ON CONFLICT DO NOTHING;
