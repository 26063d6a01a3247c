package com.careerledger.projections.support;

import com.careerledger.projections.support.ReadYourWrites.Sighting;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Read-your-writes when the view and the event store's latest sequence number come from one query. */
class ReadYourWritesTest {

    private final ReadYourWrites readYourWrites = new ReadYourWrites(new EventStreams(null), Duration.ofMillis(300));

    /** Answers the given sightings in turn, the last one for ever after. */
    private static Supplier<Sighting<Long>> reads(List<Sighting<Long>> sightings, int[] calls) {
        Deque<Sighting<Long>> left = new ArrayDeque<>(sightings);
        return () -> {
            calls[0]++;
            return left.size() > 1 ? left.poll() : left.peek();
        };
    }

    private static Sighting<Long> seen(long stored, Long view) {
        return new Sighting<>(stored, Optional.ofNullable(view));
    }

    @Test
    void an_aggregate_without_events_has_no_view_and_is_read_once() {
        int[] calls = {0};
        Optional<Long> view = readYourWrites.readWithStored("p", reads(List.of(seen(-1, null)), calls), Long::longValue);

        assertThat(view).isEmpty();
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void a_view_at_the_stored_sequence_number_is_returned_at_once() {
        int[] calls = {0};
        Optional<Long> view = readYourWrites.readWithStored("p", reads(List.of(seen(4, 4L)), calls), Long::longValue);

        assertThat(view).contains(4L);
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void a_view_behind_is_read_again_until_it_reaches_what_was_stored_when_the_read_began() {
        int[] calls = {0};
        // stored: 5 when the read began; later writes (7, 9) are not waited for
        Optional<Long> view = readYourWrites.readWithStored("p",
                reads(List.of(seen(5, null), seen(7, 3L), seen(9, 5L), seen(9, 9L)), calls), Long::longValue);

        assertThat(view).contains(5L);
        assertThat(calls[0]).isEqualTo(3);
    }

    @Test
    void a_view_that_does_not_catch_up_is_never_shown_stale() {
        int[] calls = {0};
        assertThatThrownBy(() -> readYourWrites.readWithStored("p", reads(List.of(seen(5, 4L)), calls), Long::longValue))
                .isInstanceOf(ReadModelBehindException.class)
                .hasMessageContaining("at version 4")
                .hasMessageContaining("event store is at 5");
    }
}
