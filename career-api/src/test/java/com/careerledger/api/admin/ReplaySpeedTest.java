package com.careerledger.api.admin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The speed and time left a rebuild reports, from samples taken at known instants. */
class ReplaySpeedTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void without_two_samples_there_is_no_speed_and_no_estimate() {
        ReplaySpeed speed = new ReplaySpeed(6);
        assertThat(speed.estimate(1_000)).isEqualTo(new ReplaySpeed.Estimate(0, null));

        speed.sample(0, 500);
        assertThat(speed.estimate(1_000)).isEqualTo(new ReplaySpeed.Estimate(0, null));
        assertThat(ReplaySpeed.UNKNOWN.estimate(1_000)).isEqualTo(new ReplaySpeed.Estimate(0, null));
    }

    @Test
    void the_speed_is_measured_from_the_oldest_to_the_newest_sample_and_the_time_left_follows_from_it() {
        ReplaySpeed speed = new ReplaySpeed(6);
        speed.sample(7 * SECOND, 1_000);
        speed.sample(8 * SECOND, 3_000);
        speed.sample(9 * SECOND, 3_500);

        // 2,500 events in 2 s; 100,000 left at 1,250 a second
        assertThat(speed.estimate(100_000)).isEqualTo(new ReplaySpeed.Estimate(1_250, 80L));
        // whole seconds, rounded down
        assertThat(speed.estimate(1_249)).isEqualTo(new ReplaySpeed.Estimate(1_250, 0L));
    }

    @Test
    void only_the_last_samples_of_the_window_count() {
        ReplaySpeed speed = new ReplaySpeed(3);
        speed.sample(0, 0);
        speed.sample(SECOND, 10_000);
        speed.sample(2 * SECOND, 10_100);
        speed.sample(3 * SECOND, 10_200);

        // the fast first second has left the window: 200 events in 2 s
        assertThat(speed.estimate(1_000)).isEqualTo(new ReplaySpeed.Estimate(100, 10L));
    }

    @Test
    void a_replay_that_does_not_move_has_no_estimate() {
        ReplaySpeed speed = new ReplaySpeed(6);
        speed.sample(0, 4_000);
        speed.sample(SECOND, 4_000);
        assertThat(speed.estimate(1_000)).isEqualTo(new ReplaySpeed.Estimate(0, null));

        ReplaySpeed sameInstant = new ReplaySpeed(6);
        sameInstant.sample(SECOND, 0);
        sameInstant.sample(SECOND, 4_000);
        assertThat(sameInstant.estimate(1_000)).isEqualTo(new ReplaySpeed.Estimate(0, null));
    }
}
