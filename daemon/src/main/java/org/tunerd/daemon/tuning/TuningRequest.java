package org.tunerd.daemon.tuning;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.tunerd.daemon.device.Workload;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.optimize.Objective;
import org.tunerd.models.space.Constraint;
import org.tunerd.models.space.Environment;

/**
 * Everything one tuning session needs to know, fixed when it starts.
 *
 * @param environment  the environment to tune for
 * @param workload     what the device runs while measuring
 * @param objective    what "best" means
 * @param strategy     adaptation name (see {@link org.tunerd.models.adaptation.Adaptations})
 * @param learner      learner name (see {@link org.tunerd.models.learn.Learners})
 * @param budget       number of target configurations to measure (the verification run is extra)
 * @param constraints  operator constraints: allowed ranges, minimum cores, pinned options
 * @param settle       wait after each reconfiguration before measuring
 * @param seed         seed of every random choice, so a resumed session plans the same sample
 * @param resumed      measurements taken by an earlier run of this same session (restart), reused
 */
public record TuningRequest(Environment environment, Workload workload, Objective objective, String strategy,
                            String learner, int budget, List<Constraint> constraints, Duration settle, long seed,
                            List<Measurement> resumed) {

    public TuningRequest {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(learner, "learner");
        Objects.requireNonNull(settle, "settle");
        if (budget < 2) {
            throw new IllegalArgumentException("budget must be at least 2 measurements, got " + budget);
        }
        constraints = List.copyOf(constraints);
        resumed = List.copyOf(resumed);
    }
}
