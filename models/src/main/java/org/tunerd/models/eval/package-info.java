/**
 * The offline study ({@link org.tunerd.models.eval.Study}), its metrics
 * ({@link org.tunerd.models.eval.Metrics}: MAPE, NMSE, regret) and reports
 * ({@link org.tunerd.models.eval.StudyReport}: CSV and Markdown); and the adaptation study
 * ({@link org.tunerd.models.eval.AdaptStudy}: prediction error, regret-vs-budget curves of sequential
 * optimisers, the latency-SLO policy, Pareto hypervolume ratio; {@link org.tunerd.models.eval.AdaptReport},
 * {@link org.tunerd.models.eval.AdaptPlots} SVG plots, {@link org.tunerd.models.eval.SourceSelectionStudy}).
 */
package org.tunerd.models.eval;
