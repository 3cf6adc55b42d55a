package org.tunerd.models.learn;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.ForkJoinPool;
import org.tunerd.models.space.Configuration;
import smile.data.DataFrame;
import smile.data.type.StructType;
import smile.regression.RegressionTree;

/**
 * Regression tree (CART, least squares) on Smile. Settings mirror the common Python defaults the study
 * used: leaves may hold a single row ({@code nodeSize} 1), depth at most 20, no limit on the node count.
 */
public final class RegressionTreeLearner implements Learner {

    /** One single-worker pool per calling thread; idle workers exit on their own (daemon threads). */
    private static final ThreadLocal<ForkJoinPool> SINGLE_THREAD = ThreadLocal.withInitial(() -> new ForkJoinPool(1));

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
        DataFrame frame = Frames.training(data.x(), data.y());
        Properties p = new Properties();
        p.setProperty("smile.cart.max_depth", Integer.toString(maxDepth));
        p.setProperty("smile.cart.max_nodes", Integer.toString(Math.max(2, data.rows())));
        p.setProperty("smile.cart.node_size", Integer.toString(nodeSize));
        // Smile searches each node's split over the features with a parallel stream; on a few hundred rows
        // the fork/join hand-offs cost more than the search, so the fit runs in a one-thread pool of its own
        RegressionTree tree = SINGLE_THREAD.get().submit(() -> RegressionTree.fit(Frames.FORMULA, frame, p)).join();
        return new TreeModel(encoding, tree, frame.schema());
    }

    /** A fitted tree; Smile binds formulas per thread, so concurrent prediction is safe. */
    record TreeModel(FeatureEncoding encoding, RegressionTree tree, StructType schema) implements Model {
        @Override
        public double predict(Configuration configuration) {
            return tree.predict(Frames.tuple(encoding.encode(configuration), schema));
        }
    }
}
