/**
 * The offline study ({@link org.tunerd.study.eval.Study}), its metrics
 * ({@link org.tunerd.study.eval.Metrics}: NMSE, regret) and reports
 * ({@link org.tunerd.study.eval.StudyReport}: CSV and Markdown); and the adaptation study
 * ({@link org.tunerd.study.eval.AdaptStudy}: prediction error, regret-vs-budget curves of sequential
 * optimisers, the latency-SLO policy, Pareto hypervolume ratio; {@link org.tunerd.study.eval.AdaptReport},
 * {@link org.tunerd.study.eval.AdaptPlots} SVG plots); and source selection
 * ({@link org.tunerd.study.eval.SourceSelectionStudy} of {@link org.tunerd.study.eval.LeaveOneOutSourceRanking}).
 * The MAPE is the product's ({@code models.learn.Accuracy}); budgets are {@code models.space.Budget}.
 */
package org.tunerd.study.eval;
