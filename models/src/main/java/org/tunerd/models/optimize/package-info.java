/** Objectives and the choice of the best candidate configuration from predictions; Pareto fronts. */
package org.tunerd.models.optimize;
