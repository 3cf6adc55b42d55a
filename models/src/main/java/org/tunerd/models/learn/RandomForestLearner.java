package org.tunerd.models.learn;

import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.tunerd.models.space.Configuration;
import smile.data.DataFrame;
import smile.data.type.StructType;
import smile.regression.RandomForest;

/**
 * Random forest on Smile: bootstrap samples of all rows, every feature tried at each split
 * ({@code mtry} = all, as in the common Python default for regression), leaves of one row, depth at most
 * 20. Each tree's seed comes from this learner's seed, so fitting is deterministic.
 */
public final class RandomForestLearner implements Learner {

    private final int trees;
    private final long seed;

    public RandomForestLearner(int trees, long seed) {
        if (trees < 1) {
            throw new IllegalArgumentException("rf: number of trees must be >= 1, got " + trees);
        }
        this.trees = trees;
        this.seed = seed;
    }

    public RandomForestLearner() {
        this(100, 0L);
    }

    @Override
    public String name() {
        return "rf";
    }

    public int trees() {
        return trees;
    }

    @Override
    public Model fit(FeatureEncoding encoding, List<Configuration> configurations, double[] targets) {
        TrainingData data = TrainingData.of(name(), encoding, configurations, targets, 2);
        return fitRows(encoding, data.x(), data.y());
    }

    /** Fits on already encoded rows (used for model-shift mappings whose input is a prediction). */
    Forest fitRows(FeatureEncoding encoding, double[][] x, double[] y) {
        DataFrame frame = Frames.training(x, y);
        int p = x[0].length;
        Random random = new Random(seed);
        // distinct per-tree seeds; Smile rejects repeats and ignores seeds <= 1 (it then seeds from the clock)
        long[] seeds = LongStream.generate(() -> (random.nextLong() >>> 2) + 2).distinct().limit(trees).toArray();
        RandomForest forest = RandomForest.fit(Frames.FORMULA, frame, trees, p, 20, Math.max(2, x.length), 1, 1.0,
                LongStream.of(seeds));
        return new Forest(encoding, forest, frame.schema());
    }

    /** A fitted forest; prediction only reads the trees and is safe for concurrent use. */
    record Forest(FeatureEncoding encoding, RandomForest forest, StructType schema) implements Model {
        @Override
        public double predict(Configuration configuration) {
            return predictRow(encoding.encode(configuration));
        }

        double predictRow(double[] x) {
            return forest.predict(Frames.tuple(x, schema));
        }
    }
}
