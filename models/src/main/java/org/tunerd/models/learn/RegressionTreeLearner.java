package org.tunerd.models.learn;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.tunerd.models.space.Configuration;
import smile.base.cart.Loss;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.type.DataTypes;
import smile.data.type.StructField;
import smile.data.type.StructType;
import smile.regression.RegressionTree;

/**
 * Regression tree (CART, least squares) on Smile. Settings mirror the common Python defaults the study
 * used: leaves may hold a single row ({@code nodeSize} 1), depth at most 20, no limit on the node count.
 */
public final class RegressionTreeLearner implements Learner {

    /** One single-worker pool per calling thread; idle workers exit on their own (daemon threads). */
    private static final ThreadLocal<ForkJoinPool> SINGLE_THREAD = ThreadLocal.withInitial(() -> new ForkJoinPool(1));

    private static final StructField RESPONSE = new StructField(Frames.RESPONSE, DataTypes.DoubleType);

    private final int maxDepth;
    private final int nodeSize;

    public RegressionTreeLearner(int maxDepth, int nodeSize) {
        if (maxDepth < 1 || nodeSize < 1) {
            throw new IllegalArgumentException("rt: maxDepth and nodeSize must be >= 1, got " + maxDepth + ", " + nodeSize);
        }
        this.maxDepth = maxDepth;
        this.nodeSize = nodeSize;
    }

    public RegressionTreeLearner() {
        this(20, 1);
    }

    @Override
    public String name() {
        return "rt";
    }

    @Override
    public Model fit(FeatureEncoding encoding, List<Configuration> configurations, double[] targets) {
        TrainingData data = TrainingData.of(name(), encoding, configurations, targets, 2);
        DataFrame x = Frames.predictors(data.x());
        // Smile's own CART, built from its constructor rather than RegressionTree.fit(formula, ...): the
        // formula route copies the frame and binds the formula again for every predicted row, and a node
        // limit makes it grow the tree best-first through a priority queue. Without a limit the tree is
        // grown depth-first; the splits are decided per node either way, so the tree is the same
        // (RegressionTreeLearnerTest checks this against the formula route).
        // Smile searches each node's split over the features with a parallel stream; on a few hundred rows
        // the fork/join hand-offs cost more than the search, so the fit runs in a one-thread pool of its own
        RegressionTree tree = SINGLE_THREAD.get().submit(() -> new RegressionTree(x, Loss.ls(data.y()), RESPONSE,
                maxDepth, Integer.MAX_VALUE, nodeSize, x.ncol(), null, null)).join();
        return new TreeModel(encoding, tree, x.schema());
    }

    /** A fitted tree; prediction only reads it, so concurrent prediction is safe. */
    record TreeModel(FeatureEncoding encoding, RegressionTree tree, StructType schema) implements Model {
        @Override
        public double predict(Configuration configuration) {
            return tree.predict(Tuple.of(encoding.encode(configuration), schema));
        }
    }
}
