/**
 * Stepwise regression ({@link org.tunerd.models.influence.StepwiseRegression}) over main effects and
 * interactions, giving an {@link org.tunerd.models.influence.InfluenceModel}: the influential terms with
 * their coefficients.
 */
package org.tunerd.models.influence;
