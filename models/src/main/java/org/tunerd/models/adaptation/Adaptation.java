package org.tunerd.models.adaptation;

/**
 * How an adaptation to a new environment chooses its measurements and fits its models. {@link #start} one
 * {@link AdaptationRun} per adaptation; the run names the configurations to measure ({@code next} /
 * {@code observe} until {@code done}), then fits the latency and energy models and recommends the
 * configuration to apply (the predicted optimum, or the best measured one). Implementations are stateless
 * and thread-safe; {@link Adaptations} creates them by name.
 */
public interface Adaptation {

    /** The name a policy selects it by, e.g. {@code STACKED-GP} or {@code LMS}. */
    String name();

    /** Starts adapting to {@code task}, resuming with the task's earlier measurements. */
    AdaptationRun start(AdaptationTask task);
}
