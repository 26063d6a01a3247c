package com.careerledger.api.config;

import com.careerledger.domain.quarter.QuarterCalendar;
import com.careerledger.domain.shared.InvalidCommandException;
import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/**
 * The one clock and the quarter calendar. Rules and event timestamps read time from Axon's event clock, set here
 * to the system clock at millisecond precision: the event store keeps timestamps to the millisecond, so a
 * decision's {@code decidedAt} is exactly the instant its event is stored at, and a point-in-time read at that
 * instant shows it.
 */
@Configuration(proxyBeanMethods = false)
public class CalendarConfiguration {

    public static final Clock MILLISECOND_CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));

    static {
        GenericEventMessage.clock = MILLISECOND_CLOCK;
    }

    /**
     * @param assessmentWindow a quarter may be assessed this long before its end (its closing weeks)
     * @param evidenceGraceDays evidence may be dated this many days after its quarter's last day
     * @param earliestQuarter the ledger's first quarter ({@code YYYY-Qn}): no earlier quarter may be opened
     */
    @Bean
    public QuarterCalendar quarterCalendar(@Value("${career.calendar.assessment-window:14d}") Duration assessmentWindow,
                                           @Value("${career.calendar.evidence-grace-days:0}") int evidenceGraceDays,
                                           @Value("${career.calendar.earliest-quarter:2000-Q1}") String earliestQuarter) {
        YearQuarter earliest;
        try {
            earliest = YearQuarter.parse(earliestQuarter);
        } catch (InvalidCommandException e) {
            throw new IllegalStateException("career.calendar.earliest-quarter must be written YYYY-Qn, e.g. 2000-Q1; it is '"
                    + earliestQuarter + "'");
        }
        return new QuarterCalendar(assessmentWindow, evidenceGraceDays, earliest);
    }
}
