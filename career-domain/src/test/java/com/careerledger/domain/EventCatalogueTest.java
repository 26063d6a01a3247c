package com.careerledger.domain;

import com.careerledger.domain.person.Person;
import com.careerledger.domain.quarter.Quarter;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event of the domain is in the catalogue under one stable name, that name is documented, and every type
 * string Axon has stored so far still resolves to its name.
 */
class EventCatalogueTest {

    /**
     * The payload types stored by 2026-11-29, as {@code domain_event_entry.payload_type} holds them. Frozen: an event
     * class moved or renamed later must keep its old name here as a former class name of its catalogue entry, or
     * stored events would lose their stable name.
     */
    private static final List<String> STORED_SO_FAR = List.of(
            "com.careerledger.domain.person.PersonRegistered",
            "com.careerledger.domain.person.ManagerAssigned",
            "com.careerledger.domain.person.QuarterOutcomeRecorded",
            "com.careerledger.domain.person.QuarterOutcomeWithdrawn",
            "com.careerledger.domain.person.DecisionBasisChanged",
            "com.careerledger.domain.person.LevelChanged",
            "com.careerledger.domain.person.TrackSwitched",
            "com.careerledger.domain.quarter.QuarterOpened",
            "com.careerledger.domain.quarter.GoalSet",
            "com.careerledger.domain.quarter.GoalRevised",
            "com.careerledger.domain.quarter.GoalDropped",
            "com.careerledger.domain.quarter.GoalProgressed",
            "com.careerledger.domain.quarter.EvidenceLogged",
            "com.careerledger.domain.quarter.EvidenceRetracted",
            "com.careerledger.domain.quarter.FeedbackRecorded",
            "com.careerledger.domain.quarter.QuarterAssessed",
            "com.careerledger.domain.quarter.QuarterReopened",
            "com.careerledger.domain.quarter.QuarterMovedToTrack",
            "com.careerledger.domain.operations.DeadLetterEvicted");

    private static Set<Class<?>> catalogued() {
        Set<Class<?>> classes = new java.util.HashSet<>();
        EventCatalogue.all().forEach(t -> classes.add(t.eventClass()));
        return classes;
    }

    @Test
    void every_event_class_of_the_domain_is_in_the_catalogue_once() {
        List<Class<?>> events = domainClasses().stream().filter(c -> c.isAnnotationPresent(Revision.class)).toList();
        assertThat(events).as("the scan finds the events").hasSizeGreaterThanOrEqualTo(19);
        assertThat(catalogued()).containsExactlyInAnyOrderElementsOf(events);
        assertThat(EventCatalogue.all()).hasSameSizeAs(events);
        for (Class<?> event : events) {
            assertThat(event.isRecord()).as(event + " is a record").isTrue();
            assertThat(EventCatalogue.of(event)).as(event.getName()).isPresent();
        }
    }

    @Test
    void every_event_the_aggregates_apply_or_source_from_is_catalogued_and_has_a_revision() {
        List<Class<?>> handled = new ArrayList<>();
        for (Class<?> aggregate : List.of(Person.class, Quarter.class)) {
            for (Method m : aggregate.getDeclaredMethods()) {
                if (m.isAnnotationPresent(EventSourcingHandler.class)) {
                    handled.add(m.getParameterTypes()[0]);
                }
            }
        }
        assertThat(handled).as("the aggregates' event sourcing handlers").isNotEmpty();
        List<String> applied = appliedInSource();
        assertThat(applied).as("apply(new …) in the domain's sources").contains("PersonRegistered", "QuarterOpened");

        for (Class<?> event : handled) {
            assertThat(EventCatalogue.of(event)).as(event.getName()).isPresent();
            assertThat(event.isAnnotationPresent(Revision.class)).as(event + " has @Revision").isTrue();
        }
        Set<String> simpleNames = new TreeSet<>();
        catalogued().forEach(c -> simpleNames.add(c.getSimpleName()));
        assertThat(simpleNames).containsAll(applied);
    }

    @Test
    void names_are_unique_stable_words_and_name_the_classes_as_today() {
        List<String> names = EventCatalogue.all().stream().map(EventCatalogue.EventType::name).toList();
        assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.matches("[A-Z][A-Za-z0-9]*"));
        // nothing a client sees changed when the catalogue was written: today's names are the simple class names
        EventCatalogue.all().forEach(t -> assertThat(t.name()).isEqualTo(t.eventClass().getSimpleName()));
        assertThat(EventCatalogue.byName("EvidenceLogged").orElseThrow().eventClass().getSimpleName())
                .isEqualTo("EvidenceLogged");
        assertThat(EventCatalogue.nameOf(com.careerledger.domain.quarter.QuarterOpened.class)).isEqualTo("QuarterOpened");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> EventCatalogue.nameOf(String.class)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void every_type_stored_so_far_resolves_to_its_stable_name() {
        for (String stored : STORED_SO_FAR) {
            assertThat(EventCatalogue.nameOfStored(stored)).as(stored)
                    .isEqualTo(stored.substring(stored.lastIndexOf('.') + 1));
        }
        List<String> storedTypes = EventCatalogue.all().stream().flatMap(t -> t.storedTypes().stream()).toList();
        assertThat(storedTypes).doesNotHaveDuplicates().containsAll(STORED_SO_FAR);
    }

    @Test
    void an_unknown_stored_type_is_shown_as_stored() {
        assertThat(EventCatalogue.nameOfStored("com.example.Gone")).isEqualTo("com.example.Gone");
        assertThat(EventCatalogue.byStoredType("com.example.Gone")).isEmpty();
        assertThat(EventCatalogue.nameOfStored("EvidenceLogged")).as("a name is not a stored type")
                .isEqualTo("EvidenceLogged");
        assertThat(EventCatalogue.byStoredType("EvidenceLogged")).isEmpty();
        assertThat(EventCatalogue.nameOfStored(null)).isNull();
    }

    @Test
    void a_former_class_name_keeps_the_stable_name() {
        EventCatalogue.EventType moved = new EventCatalogue.EventType("EvidenceLogged",
                com.careerledger.domain.quarter.EvidenceLogged.class, List.of("com.careerledger.domain.win.EvidenceLogged"));
        assertThat(moved.storedTypes()).containsExactly("com.careerledger.domain.quarter.EvidenceLogged",
                "com.careerledger.domain.win.EvidenceLogged");
        assertThat(Arrays.asList("Evidence.Logged", "evidenceLogged", "", null)).allSatisfy(bad ->
                assertThat(org.assertj.core.api.Assertions.catchThrowable(() ->
                        new EventCatalogue.EventType(bad, Object.class, List.of())))
                        .isInstanceOf(IllegalArgumentException.class));
    }

    @Test
    void every_name_has_its_section_in_the_event_documents() throws IOException {
        Path docs = repositoryRoot().resolve("docs/events");
        Set<String> headings = new TreeSet<>();
        try (Stream<Path> files = Files.list(docs)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("## ")) {
                        headings.add(line.substring(3).trim());
                    }
                }
            }
        }
        assertThat(headings).as("## headings of docs/events/*.md")
                .containsAll(EventCatalogue.all().stream().map(EventCatalogue.EventType::name).toList());
    }

    /** Every class compiled from the domain's main sources. */
    private static List<Class<?>> domainClasses() {
        Path root = classesRoot();
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("com/careerledger/domain"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                name = name.substring(0, name.length() - ".class".length());
                if (!name.endsWith("package-info")) {
                    classes.add(Class.forName(name, false, EventCatalogueTest.class.getClassLoader()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return classes;
    }

    private static Path classesRoot() {
        try {
            Path root = Path.of(EventCatalogue.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            assertThat(root).as("the domain's classes, as a directory").isDirectory();
            return root;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The simple class names written as {@code apply(new X(…} in the domain's main sources. */
    private static List<String> appliedInSource() {
        Pattern applied = Pattern.compile("\\bapply\\(new ([A-Z][A-Za-z0-9]*)\\(");
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(repositoryRoot().resolve("career-domain/src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = applied.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The repository root: the nearest directory up from the working directory that holds docs/events. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs/events")) && Files.isDirectory(dir.resolve("career-domain"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no docs/events above " + Path.of("").toAbsolutePath());
    }
}
