/**
 * The study's transfer strategies, each planning its target sample up front and fitting with a learner.
 * Usage:
 * <pre>{@code
 * Source source = new Source(sourceMeasurements);              // caches source models per metric x learner
 * TransferStrategy s = Strategies.create("LMS");
 * List<Configuration> plan = s.plan(source, candidates, budget, random);   // measure these in the target
 * Model latency = s.fit(source, Learners.create("rf"), Metric.LATENCY, measured);
 * }</pre>
 * Strategies: DM, LMS, NLMS, GS, Scratch and, for comparison with them, STACKED-GP planned up front
 * ({@link org.tunerd.models.transfer.StackedGpStrategy}); see each class for its exact rule. The daemon
 * adapts through {@code org.tunerd.models.adaptation}, which uses these.
 */
package org.tunerd.models.transfer;
