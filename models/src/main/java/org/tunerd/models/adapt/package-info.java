/**
 * Transfer and adaptation: the log-space stacked GP transfer
 * model ({@link org.tunerd.models.adapt.StackedGp}, as a strategy {@link org.tunerd.models.adapt.StackedGpStrategy}
 * named {@code STACKED-GP}) over a smoothed source ({@link org.tunerd.models.adapt.SourceModel}) and physical
 * features ({@link org.tunerd.models.adapt.PhysicalEncoding}); sampling designs
 * ({@link org.tunerd.models.adapt.Designs}); the one-measurement-at-a-time optimiser with expected
 * improvement, latency bound and stopping rule ({@link org.tunerd.models.adapt.SequentialOptimiser});
 * and the average over several sources ({@link org.tunerd.models.adapt.SourceAverage}).
 * Small dense linear algebra (Cholesky, ridge, GP) is implemented here; no native code.
 */
package org.tunerd.models.adapt;
