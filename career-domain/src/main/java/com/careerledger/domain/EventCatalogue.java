package com.careerledger.domain;

import com.careerledger.domain.operations.DeadLetterEvicted;
import com.careerledger.domain.person.DecisionBasisChanged;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.ManagerAssigned;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.person.QuarterOutcomeRecorded;
import com.careerledger.domain.person.QuarterOutcomeWithdrawn;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.quarter.EvidenceLogged;
import com.careerledger.domain.quarter.EvidenceRetracted;
import com.careerledger.domain.quarter.FeedbackRecorded;
import com.careerledger.domain.quarter.GoalDropped;
import com.careerledger.domain.quarter.GoalProgressed;
import com.careerledger.domain.quarter.GoalRevised;
import com.careerledger.domain.quarter.GoalSet;
import com.careerledger.domain.quarter.QuarterAssessed;
import com.careerledger.domain.quarter.QuarterMovedToTrack;
import com.careerledger.domain.quarter.QuarterOpened;
import com.careerledger.domain.quarter.QuarterReopened;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The event catalogue: every event type the ledger stores, under the stable name the API shows for it
 * ({@code docs/events/*.md} has a section {@code ## <name>} for each). The names are part of the API contract:
 * they are written down here, never derived from a Java class, so moving or renaming an event class changes
 * nothing a client sees.
 * <p>
 * Axon stores an event's type as the fully qualified name of its class at the time ({@code payload_type}). When a
 * class is renamed or moved, its old class name stays in the catalogue as a former class name of the same entry, so
 * events stored before keep their stable name. (Reading them back into the new class also takes an upcaster that
 * changes their stored type; the catalogue only names them.)
 * <p>
 * A stored type the catalogue does not know is shown as stored ({@link #nameOfStored}): nothing is hidden from an
 * audit, and such a type, unlike a catalogue name, contains a dot. It means the catalogue lacks an entry or a former
 * class name; {@code EventCatalogueTest} keeps every event class and every class name ever stored in it.
 */
public final class EventCatalogue {

    /** Stable names: a capitalised word in Java identifier letters, no dots. */
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");

    /**
     * One event type.
     *
     * @param name             its stable name, as the API shows it
     * @param eventClass       the class its events are read into now
     * @param formerClassNames fully qualified class names its events were stored under before (oldest first)
     */
    public record EventType(String name, Class<?> eventClass, List<String> formerClassNames) {

        public EventType {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a stable event name: " + name);
            }
            formerClassNames = List.copyOf(formerClassNames);
        }

        /** Every type string Axon may have stored for it: the class name now, then the former ones. */
        public List<String> storedTypes() {
            List<String> types = new java.util.ArrayList<>();
            types.add(eventClass.getName());
            types.addAll(formerClassNames);
            return List.copyOf(types);
        }
    }

    private static final List<EventType> TYPES = List.of(
            // Person (docs/events/person.md)
            type("PersonRegistered", PersonRegistered.class),
            type("ManagerAssigned", ManagerAssigned.class),
            type("QuarterOutcomeRecorded", QuarterOutcomeRecorded.class),
            type("QuarterOutcomeWithdrawn", QuarterOutcomeWithdrawn.class),
            type("DecisionBasisChanged", DecisionBasisChanged.class),
            type("LevelChanged", LevelChanged.class),
            type("TrackSwitched", TrackSwitched.class),
            // Quarter (docs/events/quarter.md)
            type("QuarterOpened", QuarterOpened.class),
            type("GoalSet", GoalSet.class),
            type("GoalRevised", GoalRevised.class),
            type("GoalDropped", GoalDropped.class),
            type("GoalProgressed", GoalProgressed.class),
            type("EvidenceLogged", EvidenceLogged.class),
            type("EvidenceRetracted", EvidenceRetracted.class),
            type("FeedbackRecorded", FeedbackRecorded.class),
            type("QuarterAssessed", QuarterAssessed.class),
            type("QuarterReopened", QuarterReopened.class),
            type("QuarterMovedToTrack", QuarterMovedToTrack.class),
            // Operations (docs/events/operations.md)
            type("DeadLetterEvicted", DeadLetterEvicted.class));

    private static final Map<String, EventType> BY_NAME = new LinkedHashMap<>();
    private static final Map<String, EventType> BY_STORED_TYPE = new LinkedHashMap<>();
    private static final Map<Class<?>, EventType> BY_CLASS = new LinkedHashMap<>();

    static {
        for (EventType type : TYPES) {
            unique(BY_NAME, type.name(), type, "name");
            unique(BY_CLASS, type.eventClass(), type, "class");
            for (String stored : type.storedTypes()) {
                unique(BY_STORED_TYPE, stored, type, "stored type");
            }
        }
    }

    private EventCatalogue() {
    }

    private static EventType type(String name, Class<?> eventClass, String... formerClassNames) {
        return new EventType(name, eventClass, List.of(formerClassNames));
    }

    private static <K> void unique(Map<K, EventType> index, K key, EventType type, String what) {
        EventType before = index.putIfAbsent(key, type);
        if (before != null) {
            throw new IllegalStateException("event catalogue: " + what + " " + key + " is both " + before.name()
                    + " and " + type.name());
        }
    }

    /** Every event type, in the order of the catalogue's documents. */
    public static List<EventType> all() {
        return TYPES;
    }

    public static Optional<EventType> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Optional<EventType> of(Class<?> eventClass) {
        return Optional.ofNullable(BY_CLASS.get(eventClass));
    }

    /** The stable name of an event class; an error for a class that is not a catalogued event. */
    public static String nameOf(Class<?> eventClass) {
        return of(eventClass).map(EventType::name)
                .orElseThrow(() -> new IllegalArgumentException(eventClass + " is not in the event catalogue"));
    }

    /** The type of events stored as {@code payloadType} (the class name Axon wrote, now or formerly). */
    public static Optional<EventType> byStoredType(String payloadType) {
        return Optional.ofNullable(payloadType == null ? null : BY_STORED_TYPE.get(payloadType));
    }

    /**
     * The stable name of events stored as {@code payloadType}; a type the catalogue does not know, as stored; null for
     * null (a dead letter may lack its type).
     */
    public static String nameOfStored(String payloadType) {
        return byStoredType(payloadType).map(EventType::name).orElse(payloadType);
    }
}
