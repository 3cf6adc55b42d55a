package org.tunerd.daemon.tuning;

import java.util.Objects;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Environment;

/**
 * One sample of a session was measured.
 *
 * @param environment the environment tuned for
 * @param index       position of the sample in the session, counted from 1 (resumed measurements included)
 * @param planned     samples the session plans in all (its budget when it chooses them one at a time)
 * @param measurement what was measured
 */
public record SampleTaken(Environment environment, int index, int planned, Measurement measurement) {

    public SampleTaken {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(measurement, "measurement");
        if (index < 1) {
            throw new IllegalArgumentException("sample index counts from 1, got " + index);
        }
    }
}
