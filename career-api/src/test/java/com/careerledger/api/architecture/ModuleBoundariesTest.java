package com.careerledger.api.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.modelling.command.AggregateRoot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module rules: the domain knows Axon's modelling API and the JDK, nothing of Spring, JPA or the other
 * modules; projections see events and value objects, never aggregates, and never the API; storage (the database
 * itself) knows none of the other modules; and within each module no package depends, through others, on itself.
 */
class ModuleBoundariesTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // the other modules' test-jars (shared fixtures) are on this classpath as jars: main code only
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("com.careerledger");
    }

    @Test
    void all_four_modules_are_on_the_classpath_being_checked() {
        assertThat(classes.containPackage("com.careerledger.domain.person")).isTrue();
        assertThat(classes.containPackage("com.careerledger.storage.embedded")).isTrue();
        assertThat(classes.containPackage("com.careerledger.projections.directory")).isTrue();
        assertThat(classes.containPackage("com.careerledger.api.people")).isTrue();
    }

    @Test
    void the_domain_is_free_of_spring_jpa_jackson_and_the_other_modules() {
        noClasses().that().resideInAPackage("com.careerledger.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "jakarta.persistence..", "javax.persistence..",
                        "org.hibernate..", "com.fasterxml.jackson..", "org.axonframework.spring..",
                        "org.axonframework.springboot..", "com.careerledger.projections..", "com.careerledger.api..",
                        "com.careerledger.storage..", "java.sql..", "javax.sql..")
                .check(classes);
    }

    /** The read models, one package each, and the point-in-time history: none of them reads another's tables. */
    static final String[] READ_MODELS = {"audit", "directory", "history", "lookup", "quarter", "stats", "timeline", "asof"};

    /**
     * A read model owns its tables and its code: it may use what every read model uses ({@code support}) and the
     * domain's events, never another read model, and {@code support} knows none of them. One read model can then be
     * rebuilt, changed or moved without another noticing.
     */
    @Test
    void read_models_do_not_import_each_other() {
        for (String model : READ_MODELS) {
            String[] others = java.util.Arrays.stream(READ_MODELS).filter(m -> !m.equals(model))
                    .map(m -> "com.careerledger.projections." + m + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("com.careerledger.projections." + model + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .check(classes);
        }
        noClasses().that().resideInAPackage("com.careerledger.projections.support..")
                .should().dependOnClassesThat().resideInAnyPackage(java.util.Arrays.stream(READ_MODELS)
                        .map(m -> "com.careerledger.projections." + m + "..").toArray(String[]::new))
                .check(classes);
    }

    @Test
    void projections_see_events_not_aggregates() {
        noClasses().that().resideInAPackage("com.careerledger.projections..")
                .should().dependOnClassesThat().areAnnotatedWith(AggregateRoot.class)
                .check(classes);
    }

    /** The database knows what it stores, not who writes or reads it. */
    @Test
    void storage_knows_no_domain_projections_or_api() {
        noClasses().that().resideInAPackage("com.careerledger.storage..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.careerledger.domain..", "com.careerledger.projections..", "com.careerledger.api..",
                        "org.axonframework..")
                .check(classes);
    }

    @Test
    void projections_do_not_know_the_api() {
        noClasses().that().resideInAPackage("com.careerledger.projections..")
                .should().dependOnClassesThat().resideInAPackage("com.careerledger.api..")
                .check(classes);
    }

    /**
     * SQL lives in its rooms: the read models ({@code career-projections}), the database itself ({@code career-storage})
     * and, in the API, a {@code storage} package beside what owns the table (the event store's engine and the read
     * models' transactions in {@code api.storage}; accounts in {@code security.storage}; idempotency keys in
     * {@code concurrency.storage}; parked events in {@code deadletters.storage}). Everything else asks them. Exception
     * types of {@code java.sql} (a failure's classification) are not data access and may be named anywhere; nor is
     * handing Axon's own JDBC components their {@code ConnectionProvider} in the Axon configuration (wiring: their SQL
     * is Axon's).
     */
    @Test
    void jdbc_only_in_the_read_model_and_storage_rooms() {
        noClasses().that().resideOutsideOfPackages("com.careerledger.projections..", "com.careerledger.storage..",
                        "com.careerledger.api.storage..", "com.careerledger.api.*.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc.core..",
                        "org.springframework.jdbc.datasource..")
                .orShould().dependOnClassesThat().belongToAnyOf(java.sql.Connection.class,
                        java.sql.Statement.class, java.sql.PreparedStatement.class, java.sql.ResultSet.class,
                        javax.sql.DataSource.class, java.sql.DriverManager.class)
                .check(classes);
    }

    /**
     * Within each module, its top-level packages depend on each other one way only: a package can be read (and
     * moved) without dragging in one that depends back on it.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"domain", "storage", "projections", "api"})
    void the_top_level_packages_of_a_module_have_no_cycles(String module) {
        slices().matching("com.careerledger." + module + ".(*)..").namingSlices(module + ".$1")
                .should().beFreeOfCycles()
                .check(classes);
    }
}
