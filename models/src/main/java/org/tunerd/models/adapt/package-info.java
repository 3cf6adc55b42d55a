/**
 * The numerical core of transfer and adaptation: the log-space stacked GP transfer model
 * ({@link org.tunerd.models.adapt.StackedGp}; with its plan and its multi-source average
 * ({@link org.tunerd.models.adapt.SourceAverage}), {@link org.tunerd.models.adapt.StackedGpTransfer}, named
 * {@code STACKED-GP}) over a source's measured and smoothed values ({@link org.tunerd.models.adapt.SourceModel})
 * and physical features ({@link org.tunerd.models.adapt.PhysicalEncoding}); sampling designs
 * ({@link org.tunerd.models.adapt.Designs}); and the one-measurement-at-a-time optimiser with expected
 * improvement, latency bound and stopping rule ({@link org.tunerd.models.adapt.SequentialOptimiser}). Small
 * dense linear algebra (Cholesky, ridge, GP) is written here for the target side's few samples; the source
 * smoother's large matrices are factored by LAPACK through Smile ({@code LapackCholesky}). Depends on no
 * other transfer package.
 */
package org.tunerd.models.adapt;
