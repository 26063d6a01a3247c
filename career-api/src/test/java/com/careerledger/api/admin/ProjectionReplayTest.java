package com.careerledger.api.admin;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Http;
import com.careerledger.api.testsupport.ReadModels;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read models are a function of the events: rebuilt from scratch they come out the same, and handling every
 * event a second time changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProjectionReplayTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    ReadModels readModels;
    CareerStories stories;

    @BeforeEach
    void setUp() {
        stories = new CareerStories(port);
        readModels = new ReadModels(jdbc, new Http(port));
    }

    @Test
    void every_read_model_rebuilt_from_the_events_equals_the_one_built_live() {
        stories.richCareers();
        readModels.awaitAllCaughtUp();
        Map<String, List<String>> live = readModels.snapshot();
        assertThat(live.values()).as("the scenario filled the read models").allSatisfy(rows -> assertThat(rows).isNotEmpty());

        List<String> projections = readModels.trackingProjections();
        assertThat(projections).contains("directory", "quarters");
        // one by one: each rebuild joins the one under way (they share one processor)
        projections.forEach(readModels::rebuild);
        readModels.awaitAllCaughtUp();

        assertThat(readModels.snapshot()).isEqualTo(live);
    }

    @Test
    void every_read_model_rebuilt_at_once_equals_the_one_built_live() {
        stories.richCareers();
        readModels.awaitAllCaughtUp();
        Map<String, List<String>> live = readModels.snapshot();

        readModels.rebuildAll();
        readModels.awaitAllCaughtUp();

        assertThat(readModels.snapshot()).isEqualTo(live);
    }

    @Test
    void every_event_delivered_a_second_time_leaves_every_read_model_unchanged() {
        stories.richCareers();
        readModels.awaitAllCaughtUp();
        Map<String, List<String>> once = readModels.snapshot();

        // Redeliver: stop each processor, forget its position (without its reset handler), start it again.
        List<TrackingEventProcessor> processors = processing.eventProcessors().values().stream()
                .filter(TrackingEventProcessor.class::isInstance).map(TrackingEventProcessor.class::cast).toList();
        processors.forEach(TrackingEventProcessor::shutDown);
        int forgotten = jdbc.update("UPDATE token_entry SET token = NULL, token_type = NULL");
        assertThat(forgotten).isGreaterThanOrEqualTo(processors.size());
        processors.forEach(TrackingEventProcessor::start);
        readModels.awaitAllCaughtUp();

        assertThat(readModels.snapshot()).isEqualTo(once);
    }
}
