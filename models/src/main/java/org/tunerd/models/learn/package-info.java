/**
 * Learners on Smile behind one interface: {@link org.tunerd.models.learn.Learners#create(String)} gives
 * {@code rt}, {@code rf}, {@code nn} or {@code ols}; {@link org.tunerd.models.learn.Learner#fit} returns a
 * thread-safe {@link org.tunerd.models.learn.Model}. Every learner sees configurations through the shared
 * {@link org.tunerd.models.learn.FeatureEncoding} (option values in fixed physical units, categories one-hot).
 */
package org.tunerd.models.learn;
