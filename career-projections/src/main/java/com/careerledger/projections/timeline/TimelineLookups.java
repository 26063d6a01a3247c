package com.careerledger.projections.timeline;

import com.careerledger.domain.EventCatalogue;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.support.StoredTime;
import com.careerledger.projections.timeline.TimelineProjection.EntryRow;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the summaries of one batch look up beyond their events, and what they find: one object per batch (the
 * batch's state in the projection's {@code ReadModel}).
 * <p>
 * While the batch is handled, each entry says what it needs ({@link #want}). At its end, the first entry written
 * reads all of it as the database held it before the batch — one query per kind, only the kinds wanted, over the
 * timeline's own rows (goals and evidence through the indexes of V13) — and every entry written tells what its row
 * changes for the entries after it ({@link #wrote}): a lookup finds what it would have found had each entry been
 * written at once. The person's discipline comes from {@code timeline_person}, which the read model reads with the
 * batch's rows; what the batch learns of disciplines is kept ({@link #disciplines}) for after its commit.
 */
final class TimelineLookups {

    /**
     * What a summary needs beyond its event: the person's discipline, the title of a goal or of evidence, the level
     * a promotion went to ({@code decision}), or the level last held on a track ({@code heldOn}).
     */
    record Lookup(boolean discipline, String titleField, UUID titleOf, UUID decision, Track heldOn) {
        static final Lookup NONE = new Lookup(false, null, null, null, null);
        static final Lookup DISCIPLINE = new Lookup(true, null, null, null, null);

        /** The level the decision went to, from its LevelChanged entry; with the person's discipline. */
        static Lookup decision(UUID decisionId) {
            return new Lookup(true, null, null, decisionId, null);
        }

        /**
         * The level the person held on {@code track} when they last left it: the {@code fromLevel} of their latest
         * TrackSwitched entry from that track; with the person's discipline.
         */
        static Lookup heldBefore(Track track) {
            return new Lookup(true, null, null, null, Objects.requireNonNull(track, "track"));
        }

        /**
         * The goal's latest title from the timeline itself: the newest entry whose data names the goal and has a
         * title — GoalSet and GoalRevised, and also EvidenceLogged against the goal (its title is the evidence's).
         */
        static Lookup goal(UUID goalId) {
            return new Lookup(false, GOAL, Objects.requireNonNull(goalId, "goalId"), null, null);
        }

        static Lookup evidence(UUID evidenceId) {
            return new Lookup(false, EVIDENCE, Objects.requireNonNull(evidenceId, "evidenceId"), null, null);
        }
    }

    /** What a lookup found, as of the entry's place in the batch (rows of the entries before it included). */
    record Known(Discipline discipline, String title, String decisionTo, String lastHeld) {
        String goalTitle() {
            return title == null ? "a goal" : title;
        }

        String evidenceTitle() {
            return title == null ? "an entry of the Win Log" : title;
        }
    }

    private static final String GOAL = "goalId";
    private static final String EVIDENCE = "evidenceId";

    private static final String LEVEL_CHANGED = EventCatalogue.nameOf(LevelChanged.class);
    private static final String TRACK_SWITCHED = EventCatalogue.nameOf(TrackSwitched.class);

    private final JdbcTemplate jdbc;

    private final Map<UUID, Discipline> disciplines = new HashMap<>();
    /** The titles wanted, each mapped to the latest found so far (null: none yet). */
    private final Map<TitleKey, Title> titles = new HashMap<>();
    private final Set<UUID> decisionPeople = new HashSet<>();
    private final Set<String> decisionsWanted = new HashSet<>();
    private final Map<UUID, String> decisions = new HashMap<>();
    private final Set<UUID> switchers = new HashSet<>();
    private final Map<HeldKey, String> held = new HashMap<>();
    private boolean loaded;

    TimelineLookups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** While handling: what an entry of this person will look up. */
    void want(UUID personId, Lookup lookup) {
        if (lookup.titleField() != null) {
            titles.put(new TitleKey(personId, lookup.titleField(), lookup.titleOf().toString()), null);
        }
        if (lookup.decision() != null) {
            decisionPeople.add(personId);
            decisionsWanted.add(lookup.decision().toString());
        }
        if (lookup.heldOn() != null) {
            switchers.add(personId);
        }
    }

    /**
     * A person's discipline as stored (or as the batch registers it), unless one is known already: the first one
     * known stays. Returns whether the person's discipline is known now.
     */
    boolean learn(UUID personId, Discipline discipline) {
        if (discipline != null) {
            disciplines.putIfAbsent(personId, discipline);
        }
        return disciplines.containsKey(personId);
    }

    /** The disciplines the batch found or registered: facts of the database once the batch has committed. */
    Map<UUID, Discipline> disciplines() {
        return disciplines;
    }

    /**
     * At the end of the batch, as an entry is written: what its lookup finds. {@code stored} is the person's row of
     * {@code timeline_person} in the batch, asked for if the discipline is not known already.
     */
    Known known(UUID personId, Lookup lookup, Supplier<Discipline> stored) {
        load();
        Discipline discipline = null;
        if (lookup.discipline()) {
            discipline = learn(personId, stored.get()) ? disciplines.get(personId) : null;
        }
        Title title = lookup.titleField() == null ? null
                : titles.get(new TitleKey(personId, lookup.titleField(), lookup.titleOf().toString()));
        String decisionTo = lookup.decision() == null ? null : decisions.get(lookup.decision());
        String lastHeld = lookup.heldOn() == null ? null : held.get(new HeldKey(personId, lookup.heldOn().name()));
        return new Known(discipline, title == null ? null : title.title(), decisionTo, lastHeld);
    }

    /** At the end of the batch, after an entry is written: what its row changes for the lookups after it. */
    void wrote(EntryRow entry) {
        load();
        JsonNode data = entry.data;
        if (entry.type.equals(LEVEL_CHANGED) && field(data, "decisionId") != null) {
            decisions.putIfAbsent(UUID.fromString(field(data, "decisionId")), field(data, "toLevel"));
        }
        if (entry.type.equals(TRACK_SWITCHED) && field(data, "fromTrack") != null) {
            held.put(new HeldKey(entry.personId, field(data, "fromTrack")), field(data, "fromLevel"));
        }
        String title = field(data, "title");
        for (String field : List.of(GOAL, EVIDENCE)) {
            String ref = field(data, field);
            TitleKey key = ref == null ? null : new TitleKey(entry.personId, field, ref);
            if (key != null && titles.containsKey(key) && title != null) {
                titles.put(key, Title.later(titles.get(key),
                        new Title(title, StoredTime.micros(entry.at.toInstant()), entry.aggregateId, entry.sequence)));
            }
        }
    }

    /** {@code data->>name}: the field as text, null if absent or JSON null. */
    private static String field(JsonNode data, String name) {
        JsonNode node = data.get(name);
        return node == null || node.isNull() ? null : node.asText();
    }

    /** Reads what the batch wants, once: as the database held it before the batch. */
    private void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        loadTitles();
        loadDecisions();
        loadLevelsLeft();
    }

    /**
     * For each title wanted, the latest row holding it in timeline_entry: one query, one index probe per title
     * (V13). A title nobody wrote stays mapped to {@code null}.
     */
    private void loadTitles() {
        if (titles.isEmpty()) {
            return;
        }
        List<UUID> goalPeople = new ArrayList<>();
        List<String> goals = new ArrayList<>();
        List<UUID> evidencePeople = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        for (TitleKey key : titles.keySet()) {
            boolean goal = key.field().equals(GOAL);
            (goal ? goalPeople : evidencePeople).add(key.personId());
            (goal ? goals : evidence).add(key.ref());
        }
        jdbc.query(LATEST_TITLES, rs -> {
            titles.put(new TitleKey(rs.getObject("person_id", UUID.class), rs.getString("field"), rs.getString("ref")),
                    new Title(rs.getString("title"), StoredTime.micros(rs.getObject("at", OffsetDateTime.class).toInstant()),
                            rs.getString("aggregate_id"), rs.getLong("sequence")));
        }, goalPeople.toArray(UUID[]::new), goals.toArray(String[]::new), evidencePeople.toArray(UUID[]::new),
                evidence.toArray(String[]::new));
    }

    /** The level each promotion wanted went to, from its LevelChanged row (a decision has one). */
    private void loadDecisions() {
        if (decisionsWanted.isEmpty()) {
            return;
        }
        jdbc.query("""
                SELECT data->>'decisionId' AS decision, data->>'toLevel' AS to_level FROM timeline_entry
                WHERE person_id = ANY (?::uuid[]) AND type = ? AND data->>'decisionId' = ANY (?::text[])""",
                rs -> {
                    decisions.putIfAbsent(UUID.fromString(rs.getString("decision")), rs.getString("to_level"));
                }, decisionPeople.toArray(UUID[]::new), LEVEL_CHANGED, decisionsWanted.toArray(String[]::new));
    }

    /**
     * For each person whose entries look up a track, the level they held when they last left each track: their
     * latest TrackSwitched row from it. A person's switches are all in their own stream, so the latest is the
     * highest sequence.
     */
    private void loadLevelsLeft() {
        if (switchers.isEmpty()) {
            return;
        }
        jdbc.query("""
                SELECT DISTINCT ON (person_id, data->>'fromTrack')
                       person_id, data->>'fromTrack' AS track, data->>'fromLevel' AS level
                FROM timeline_entry WHERE person_id = ANY (?::uuid[]) AND type = ?
                ORDER BY person_id, data->>'fromTrack', sequence DESC""",
                rs -> {
                    if (rs.getString("track") != null) {
                        held.put(new HeldKey(rs.getObject("person_id", UUID.class), rs.getString("track")),
                                rs.getString("level"));
                    }
                }, switchers.toArray(UUID[]::new), TRACK_SWITCHED);
    }

    /**
     * The latest title of each (person, goal) and (person, evidence) asked for: the first row in the timeline's
     * order, newest first, whose data names it and has a title — GoalSet and GoalRevised for a goal, but also
     * EvidenceLogged for the goal it is logged against, and EvidenceLogged for evidence.
     */
    private static final String LATEST_TITLES = """
            SELECT 'goalId' AS field, k.person_id, k.ref, t.title, t.at, t.aggregate_id, t.sequence
            FROM unnest(?::uuid[], ?::text[]) AS k(person_id, ref)
            CROSS JOIN LATERAL (
                SELECT e.data->>'title' AS title, e.at, e.aggregate_id, e.sequence FROM timeline_entry e
                WHERE e.person_id = k.person_id AND e.data->>'goalId' = k.ref AND e.data->>'title' IS NOT NULL
                ORDER BY e.at DESC, e.aggregate_id DESC, e.sequence DESC LIMIT 1) t
            UNION ALL
            SELECT 'evidenceId' AS field, k.person_id, k.ref, t.title, t.at, t.aggregate_id, t.sequence
            FROM unnest(?::uuid[], ?::text[]) AS k(person_id, ref)
            CROSS JOIN LATERAL (
                SELECT e.data->>'title' AS title, e.at, e.aggregate_id, e.sequence FROM timeline_entry e
                WHERE e.person_id = k.person_id AND e.data->>'evidenceId' = k.ref AND e.data->>'title' IS NOT NULL
                ORDER BY e.at DESC, e.aggregate_id DESC, e.sequence DESC LIMIT 1) t""";

    /** Which title a lookup wants: the person and {@code data->>field = ref}, as the rows hold them. */
    private record TitleKey(UUID personId, String field, String ref) {
    }

    /** A person and a track (its name): where the level last held on that track is looked up. */
    private record HeldKey(UUID personId, String track) {
    }

    /**
     * A row's title with its place in the timeline's order ({@code at, aggregate_id, sequence}); {@code at} in
     * microseconds, rounded as the driver rounds it into a TIMESTAMPTZ, so that rows compare here as they do in
     * the database.
     */
    private record Title(String title, long atMicros, String aggregateId, long sequence) implements Comparable<Title> {
        @Override
        public int compareTo(Title other) {
            int c = Long.compare(atMicros, other.atMicros);
            if (c == 0) {
                c = aggregateId.compareTo(other.aggregateId);
            }
            return c != 0 ? c : Long.compare(sequence, other.sequence);
        }

        static Title later(Title a, Title b) {
            return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
        }
    }
}
