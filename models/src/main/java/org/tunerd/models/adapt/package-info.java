/**
 * The numerical core of transfer and adaptation (issue 5): the log-space stacked GP transfer model
 * ({@link org.tunerd.models.adapt.StackedGp}; with its plan and its multi-source average,
 * {@link org.tunerd.models.adapt.StackedGpTransfer}, named {@code STACKED-GP}) over a source's measured and
 * smoothed values ({@link org.tunerd.models.adapt.SourceModel}) and physical features
 * ({@link org.tunerd.models.adapt.PhysicalEncoding}); sampling designs ({@link org.tunerd.models.adapt.Designs});
 * the one-measurement-at-a-time optimiser with expected improvement, latency bound and stopping rule
 * ({@link org.tunerd.models.adapt.SequentialOptimiser}); and, for the study, an automatic choice among
 * predictors by leave-one-out error ({@link org.tunerd.models.adapt.AutoPredictor}) and source selection from
 * several stored environments ({@link org.tunerd.models.adapt.SourceSelection}). Small dense linear algebra
 * (Cholesky, ridge, GP) is written here for the target side's few samples; the source smoother's large
 * matrices are factored by LAPACK through Smile ({@code LapackCholesky}). Depends on no other transfer package.
 */
package org.tunerd.models.adapt;
