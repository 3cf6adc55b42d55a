/**
 * The offline study ({@link org.tunerd.models.eval.Study}), its metrics
 * ({@link org.tunerd.models.eval.Metrics}: MAPE, NMSE, regret) and reports
 * ({@link org.tunerd.models.eval.StudyReport}: CSV and Markdown).
 */
package org.tunerd.models.eval;
