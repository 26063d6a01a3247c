package com.careerledger.api.security;

import com.careerledger.domain.person.ReportingLines;
import com.careerledger.domain.shared.NotFoundException;
import com.careerledger.projections.support.EventStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A request asks about one person several times (visibility before the body is read, then the controller's rule,
 * then the refusal's wording): the reporting lines are asked once per request, and again in the next one.
 */
class AccessTest {

    private final UUID boss = UUID.randomUUID();
    private final UUID ada = UUID.randomUUID();
    private final Set<UUID> reports = new HashSet<>(Set.of(ada));
    private int questions;

    private final ReportingLines lines = new ReportingLines() {
        @Override
        public boolean manages(UUID manager, UUID person) {
            questions++;
            return manager.equals(boss) && reports.contains(person);
        }

        @Override
        public Set<UUID> below(UUID manager) {
            questions++;
            return manager.equals(boss) ? Set.copyOf(reports) : Set.of();
        }
    };
    private final EventStreams stored = new EventStreams(null) {
        @Override
        public long lastSequence(String aggregateId) {
            return aggregateId.equals(boss.toString()) || aggregateId.equals(ada.toString()) ? 0 : -1;
        }
    };
    private final Access access = new Access(new CurrentActor(), lines, stored);

    @BeforeEach
    void signInTheManager() {
        CareerPrincipal manager = new CareerPrincipal("boss-account", "boss", Set.of(Role.MANAGER), boss);
        SecurityContextHolder.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(manager, null, List.of()));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void one_request_asks_the_reporting_lines_once_however_often_it_checks_one_person() {
        newRequest();

        access.requireVisible(ada);
        access.requireOwnWork(ada);
        access.requireAssessor(ada);

        assertThat(questions).isEqualTo(1);
    }

    @Test
    void the_next_request_asks_again_and_sees_a_changed_line() {
        newRequest();
        access.requireVisible(ada);

        reports.remove(ada);
        newRequest();

        assertThatThrownBy(() -> access.requireVisible(ada)).isInstanceOf(NotFoundException.class);
        assertThat(questions).isEqualTo(2);
    }

    @Test
    void work_outside_a_request_remembers_nothing() {
        access.requireVisible(ada);
        access.requireOwnWork(ada);

        assertThat(questions).isEqualTo(2);
    }

    @Test
    void someone_visible_but_not_registered_is_as_unknown_as_someone_hidden() {
        newRequest();
        UUID unregistered = UUID.randomUUID();
        reports.add(unregistered);

        access.requireVisible(unregistered);
        assertThatThrownBy(() -> access.requireExisting(unregistered)).isInstanceOf(NotFoundException.class)
                .hasMessage("person " + unregistered + " does not exist");
    }

    private static void newRequest() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
    }
}
