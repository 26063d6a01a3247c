package com.careerledger.domain.policy;

import com.careerledger.domain.person.RecordQuarterOutcome;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.person.WithdrawQuarterOutcome;
import com.careerledger.domain.quarter.MoveQuarterToTrack;
import com.careerledger.domain.quarter.QuarterAssessed;
import com.careerledger.domain.quarter.QuarterReopened;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.careerledger.domain.CommandValues.level;
import static com.careerledger.domain.CommandValues.quarter;
import static com.careerledger.domain.shared.Track.IC;
import static com.careerledger.domain.shared.Track.MANAGER;
import static org.assertj.core.api.Assertions.assertThat;

/** What a quarter's assessment, reopening or a track switch makes the other aggregate do. */
class AssessmentOutcomePolicyTest {

    private final UUID ada = UUID.randomUUID();
    private final UUID assessment = UUID.randomUUID();
    private final MetaData request = MetaData.from(Map.of("actor", "grace", "traceId", "request-1"));
    private final RecordingCommandBus bus = new RecordingCommandBus();
    private List<String> openQuarters = List.of();
    private final AnnotationEventHandlerAdapter policy = new AnnotationEventHandlerAdapter(
            new AssessmentOutcomePolicy(DefaultCommandGateway.builder().commandBus(bus).build(),
                    personId -> openQuarters));

    @Test
    void an_assessment_joins_the_persons_record_at_the_level_held_in_that_quarter() throws Exception {
        on(new QuarterAssessed(ada, quarter("2026-Q2"), assessment, level("IC4"), level("IC3"), level("IC4"), true, "shipped", "grace", null));

        assertThat(commands()).containsExactly(new RecordQuarterOutcome(ada, quarter("2026-Q2"), level("IC4"),
                assessment, level("IC3")));
    }

    @Test
    void a_reopening_withdraws_the_assessment_it_reopened() throws Exception {
        on(new QuarterReopened(ada, quarter("2026-Q2"), "evidence was wrong", "grace", assessment));

        assertThat(commands()).containsExactly(new WithdrawQuarterOutcome(ada, quarter("2026-Q2"), assessment,
                "evidence was wrong"));
    }

    @Test
    void reopening_a_quarter_never_assessed_has_nothing_to_withdraw() throws Exception {
        on(new QuarterReopened(ada, quarter("2026-Q2"), "stored before assessments were remembered", "grace", null));

        assertThat(commands()).isEmpty();
    }

    @Test
    void a_track_switch_moves_every_open_quarter_and_no_other() throws Exception {
        UUID decision = UUID.randomUUID();
        openQuarters = List.of("2026-Q3", "2026-Q4");

        on(new TrackSwitched(ada, decision, IC, level("IC4"), MANAGER, level("M2"), List.of(), null, "leads a team", "grace",
                Instant.parse("2026-11-02T10:00:00Z")));

        assertThat(commands()).containsExactly(
                new MoveQuarterToTrack(ada, quarter("2026-Q3"), decision, MANAGER, level("M2")),
                new MoveQuarterToTrack(ada, quarter("2026-Q4"), decision, MANAGER, level("M2")));
    }

    @Test
    void a_consequence_carries_the_metadata_of_the_event_that_caused_it() throws Exception {
        on(new QuarterReopened(ada, quarter("2026-Q2"), "evidence was wrong", "grace", assessment));

        assertThat(bus.getDispatchedCommands()).singleElement()
                .satisfies(command -> assertThat(command.getMetaData()).containsAllEntriesOf(request));
    }

    private void on(Object event) throws Exception {
        policy.handle(GenericEventMessage.asEventMessage(event).andMetaData(request));
    }

    private List<Object> commands() {
        return bus.getDispatchedCommands().stream().map(CommandMessage::getPayload).map(Object.class::cast).toList();
    }
}
