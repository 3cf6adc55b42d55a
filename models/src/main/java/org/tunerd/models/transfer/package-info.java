/**
 * Transfer strategies. Usage:
 * <pre>{@code
 * Source source = new Source(sourceMeasurements);              // caches source models per metric x learner
 * TransferStrategy s = Strategies.create("LMS");
 * List<Configuration> plan = s.plan(source, candidates, budget, random);   // measure these in the target
 * Model latency = s.fit(source, Learners.create("rf"), Metric.LATENCY, measured);
 * }</pre>
 * Strategies: DM, LMS, NLMS, GS, Scratch (see each class for its exact rule).
 */
package org.tunerd.models.transfer;
