package com.careerledger.api.testsupport;

import org.axonframework.eventhandling.GenericEventMessage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The running application's "now", for the few API tests whose story needs a decision taken in the past: the
 * application reads every rule and every event timestamp from Axon's event clock (config/CalendarConfiguration),
 * and with a real clock a promotion is always today, so no past quarter can lie after it. {@link #at} runs one
 * action as if it happened at a given instant (the clock still ticks from there), and puts the real clock back.
 * <p>
 * The clock is global to the JVM: this is safe only because the tests run one at a time in one JVM (surefire,
 * forkCount 1, no parallel JUnit). Keep the action short, a single request, and use it only when the story cannot
 * be told in real time.
 */
public final class AppClock {

    private AppClock() {
    }

    public static void at(Instant instant, Runnable action) {
        Clock real = GenericEventMessage.clock;
        GenericEventMessage.clock = Clock.offset(real, Duration.between(real.instant(), instant));
        try {
            action.run();
        } finally {
            GenericEventMessage.clock = real;
        }
    }
}
