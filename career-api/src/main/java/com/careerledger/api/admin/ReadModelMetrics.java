package com.careerledger.api.admin;

import com.careerledger.projections.ReadModelGroups;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The read models' state as metrics ({@code /actuator/prometheus}): for each read model, how many events it is
 * behind the head of the event store ({@code career_read_model_lag_events}) and how many wait in its dead-letter
 * queue ({@code career_dead_letters}); both with the read model's and its processor's names as tags. Read from
 * {@link ProjectionAdmin}, at most once a second however many gauges a scrape reads.
 */
@Component
public class ReadModelMetrics implements MeterBinder {

    private static final long FRESH_NANOS = 1_000_000_000L;

    private final ProjectionAdmin admin;
    private volatile Map<String, ProjectionStatus> last = Map.of();
    private volatile long lastAt;

    public ReadModelMetrics(ProjectionAdmin admin) {
        this.admin = admin;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        // bound before the processors run: the read models are known by name, their state is read at each scrape
        for (String readModel : ReadModelGroups.GROUPS) {
            gauge(registry, "career.read.model.lag", "events", readModel,
                    "Events stored that the read model has not handled yet", s -> s.lag() == null ? Double.NaN : s.lag());
            gauge(registry, "career.dead.letters", null, readModel,
                    "Events parked in the read model's dead-letter queue",
                    s -> s.deadLetters() == null ? 0 : s.deadLetters());
        }
    }

    private void gauge(MeterRegistry registry, String name, String unit, String readModel, String description,
                       ToDoubleFunction<ProjectionStatus> value) {
        Gauge.builder(name, this, m -> {
                    ProjectionStatus s = m.current().get(readModel);
                    return s == null ? Double.NaN : value.applyAsDouble(s);
                })
                .baseUnit(unit)
                .description(description)
                .tag("read_model", readModel)
                .tag("processor", ReadModelGroups.processorOf(readModel))
                .strongReference(true)
                .register(registry);
    }

    private Map<String, ProjectionStatus> current() {
        long now = System.nanoTime();
        if (now - lastAt > FRESH_NANOS || last.isEmpty()) {
            List<ProjectionStatus> all = admin.all();
            last = all.stream().collect(Collectors.toMap(ProjectionStatus::name, s -> s, (a, b) -> a));
            lastAt = now;
        }
        return last;
    }
}
