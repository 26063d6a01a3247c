package com.careerledger.api.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.modelling.command.AggregateRoot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module rules: the domain knows Axon's modelling API and the JDK, nothing of Spring, JPA or the other
 * modules; projections see events and value objects, never aggregates, and never the API.
 */
class ModuleBoundariesTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.careerledger");
    }

    @Test
    void all_three_modules_are_on_the_classpath_being_checked() {
        assertThat(classes.containPackage("com.careerledger.domain.person")).isTrue();
        assertThat(classes.containPackage("com.careerledger.projections.directory")).isTrue();
        assertThat(classes.containPackage("com.careerledger.api.people")).isTrue();
    }

    @Test
    void the_domain_is_free_of_spring_jpa_jackson_and_the_other_modules() {
        noClasses().that().resideInAPackage("com.careerledger.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "jakarta.persistence..", "javax.persistence..",
                        "org.hibernate..", "com.fasterxml.jackson..", "org.axonframework.spring..",
                        "org.axonframework.springboot..", "com.careerledger.projections..", "com.careerledger.api..")
                .check(classes);
    }

    @Test
    void projections_see_events_not_aggregates() {
        noClasses().that().resideInAPackage("com.careerledger.projections..")
                .should().dependOnClassesThat().areAnnotatedWith(AggregateRoot.class)
                .check(classes);
    }

    @Test
    void projections_do_not_know_the_api() {
        noClasses().that().resideInAPackage("com.careerledger.projections..")
                .should().dependOnClassesThat().resideInAPackage("com.careerledger.api..")
                .check(classes);
    }
}
