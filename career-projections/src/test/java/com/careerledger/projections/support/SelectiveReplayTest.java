package com.careerledger.projections.support;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read models share one processor; a rebuild names the ones it rebuilds. Handlers are inspected the way Axon
 * inspects them (with the handler enhancers registered on the class path), so this also proves the registration.
 */
class SelectiveReplayTest {

    @ProcessingGroup("timeline")
    static class Timeline {
        final List<String> seen = new ArrayList<>();

        @EventHandler
        void on(String event) {
            seen.add(event);
        }
    }

    @ProcessingGroup("directory")
    static class Directory {
        final List<String> seen = new ArrayList<>();

        @EventHandler
        void on(String event) {
            seen.add(event);
        }
    }

    /** Reset at position 10 (where the processor was), naming the projections in {@code context}. */
    private static ReplayToken resetAt10(String context) {
        return (ReplayToken) ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(10), null, context);
    }

    private static <T> void deliver(T target, String event, TrackingToken token) throws Exception {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) target.getClass();
        MessageHandlingMember<? super T> handler = AnnotatedHandlerInspector.inspectType(type).getHandlers(type)
                .filter(h -> h.canHandleType(String.class)).findFirst().orElseThrow();
        handler.handle(new GenericTrackedEventMessage<>(token, GenericEventMessage.asEventMessage(event)), target);
    }

    @Test
    void a_replayed_event_reaches_the_read_models_the_rebuild_names_and_no_other() throws Exception {
        Timeline timeline = new Timeline();
        Directory directory = new Directory();
        TrackingToken replayed = resetAt10("directory").advancedTo(new GlobalSequenceTrackingToken(3));
        assertThat(ReplayToken.isReplay(replayed)).isTrue();

        deliver(timeline, "e3", replayed);
        deliver(directory, "e3", replayed);

        assertThat(timeline.seen).isEmpty();
        assertThat(directory.seen).containsExactly("e3");
    }

    @Test
    void an_event_after_the_reset_point_reaches_every_read_model() throws Exception {
        Timeline timeline = new Timeline();
        Directory directory = new Directory();
        TrackingToken afterReset = resetAt10("directory").advancedTo(new GlobalSequenceTrackingToken(11));

        deliver(timeline, "e11", afterReset);
        deliver(directory, "e11", afterReset);

        assertThat(timeline.seen).containsExactly("e11");
        assertThat(directory.seen).containsExactly("e11");
    }

    @Test
    void a_replay_without_a_context_or_naming_all_reaches_every_read_model() throws Exception {
        Timeline timeline = new Timeline();
        deliver(timeline, "plain", ((ReplayToken) ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(10)))
                .advancedTo(new GlobalSequenceTrackingToken(3)));
        deliver(timeline, "all", resetAt10(SelectiveReplay.ALL).advancedTo(new GlobalSequenceTrackingToken(3)));
        deliver(timeline, "live", new GlobalSequenceTrackingToken(12));

        assertThat(timeline.seen).containsExactly("plain", "all", "live");
    }

    @Test
    void the_context_names_the_read_models_and_a_token_tells_which_it_is_rebuilding() {
        String context = SelectiveReplay.context(List.of("timeline", "directory"));

        assertThat(context).isEqualTo("directory,timeline");
        assertThat(SelectiveReplay.includes(context, "timeline")).isTrue();
        assertThat(SelectiveReplay.includes(context, "stats")).isFalse();
        assertThat(SelectiveReplay.includes(null, "stats")).as("no context: all").isTrue();
        assertThat(SelectiveReplay.rebuilding(resetAt10(context).advancedTo(new GlobalSequenceTrackingToken(5))))
                .containsExactly("directory", "timeline");
        assertThat(SelectiveReplay.rebuilding(resetAt10(context).advancedTo(new GlobalSequenceTrackingToken(11))))
                .as("past the reset point: the rebuild is over").isEmpty();
        assertThat(SelectiveReplay.rebuilding(new GlobalSequenceTrackingToken(11))).isEmpty();
        assertThat(SelectiveReplay.rebuilding(null)).isEmpty();
    }
}
