/**
 * How the daemon adapts to a new environment: an {@link org.tunerd.models.adaptation.Adaptation} starts one
 * {@link org.tunerd.models.adaptation.AdaptationRun} per session, which chooses the measurements
 * ({@code next} / {@code observe} until {@code done}), then fits the latency and energy models and
 * {@link org.tunerd.models.adaptation.Recommendation recommends} the configuration to apply. Two kinds:
 * STACKED-GP (the default; one measurement at a time by expected improvement, the best measured one applied)
 * and the study's planned strategies with a learner (the predicted optimum applied); without a source, a cold
 * start. {@link org.tunerd.models.adaptation.Adaptations} creates them by name. Usage:
 * <pre>{@code
 * AdaptationRun run = Adaptations.create("STACKED-GP", "rf", seed).start(new AdaptationTask(space,
 *         List.of(new Source(stored)), new Objective.MinEnergy(), 19, seed, List.of(), true));
 * while (!run.done()) {
 *     Configuration c = run.next();
 *     run.observe(device.measure(c));
 * }
 * Recommendation apply = run.fit().recommendation();
 * }</pre>
 * Depends on {@code transfer} (the planned strategies and {@code Source}) and {@code adapt} (the stacked GP and
 * the optimiser); neither depends on it.
 */
package org.tunerd.models.adaptation;
