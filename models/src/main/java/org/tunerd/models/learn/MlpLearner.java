package org.tunerd.models.learn;

import java.util.List;
import java.util.Random;
import org.tunerd.models.space.Configuration;
import smile.base.mlp.Layer;
import smile.base.mlp.OutputFunction;
import smile.math.MathEx;
import smile.math.TimeFunction;
import smile.regression.MLP;

/**
 * A multilayer perceptron on Smile: two ReLU hidden layers (32 and 16 units) and a linear output, trained
 * on squared error with mini-batch SGD (momentum 0.9) for a fixed number of epochs, every row in every
 * epoch. Inputs are the encoded features standardised with the training rows' mean and standard
 * deviation; the target is standardised the same way and the prediction mapped back. At prediction,
 * each input is clipped to the range the training rows spanned: a ReLU network extrapolates linearly, and
 * a feature that barely varied in a small sample (as in a guided-sampling design) would otherwise reach
 * standardised values in the thousands and predictions off by orders of magnitude. Weight
 * initialisation and batch order come from this learner's seed, so fitting is deterministic. Smile keeps
 * per-thread buffers, so prediction is thread-safe.
 */
public final class MlpLearner implements Learner {

    private final int[] hidden;
    private final int epochs;
    private final int batchSize;
    private final double learningRate;
    private final long seed;

    public MlpLearner(int[] hidden, int epochs, int batchSize, double learningRate, long seed) {
        if (hidden.length == 0 || epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("nn: needs >= 1 hidden layer, epochs >= 1, batch >= 1, rate > 0");
        }
        this.hidden = hidden.clone();
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.seed = seed;
    }

    public MlpLearner() {
        this(new int[] {32, 16}, 200, 16, 0.01, 0L);
    }

    @Override
    public String name() {
        return "nn";
    }

    @Override
    public Model fit(FeatureEncoding encoding, List<Configuration> configurations, double[] targets) {
        TrainingData data = TrainingData.of(name(), encoding, configurations, targets, 2);
        int n = data.rows();
        int p = data.columns();
        double[] mean = new double[p];
        double[] sd = new double[p];
        double[] low = new double[p];
        double[] high = new double[p];
        for (int j = 0; j < p; j++) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) {
                col[i] = data.x()[i][j];
            }
            low[j] = MathEx.min(col);
            high[j] = MathEx.max(col);
            mean[j] = MathEx.mean(col);
            double s = n > 1 ? Math.sqrt(MathEx.var(col)) : 0;
            sd[j] = s > 1e-12 ? s : 1.0;
        }
        double yMean = MathEx.mean(data.y());
        double yVar = n > 1 ? MathEx.var(data.y()) : 0;
        double ySd = yVar > 1e-24 ? Math.sqrt(yVar) : 1.0;

        double[][] x = new double[n][p];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = (data.x()[i][j] - mean[j]) / sd[j];
            }
            y[i] = (data.y()[i] - yMean) / ySd;
        }

        MathEx.setSeed(seed); // Smile draws initial weights from the calling thread's generator
        smile.base.mlp.LayerBuilder[] layers = new smile.base.mlp.LayerBuilder[hidden.length + 2];
        layers[0] = Layer.input(p);
        for (int h = 0; h < hidden.length; h++) {
            layers[h + 1] = Layer.rectifier(hidden[h]);
        }
        layers[hidden.length + 1] = Layer.mse(1, OutputFunction.LINEAR);
        MLP net = new MLP(layers);
        net.setLearningRate(TimeFunction.constant(learningRate));
        net.setMomentum(TimeFunction.constant(0.9));

        Random random = new Random(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int epoch = 0; epoch < epochs; epoch++) {
            shuffle(order, random);
            for (int start = 0; start < n; start += batchSize) {
                int b = Math.min(batchSize, n - start); // the last batch of an epoch may be smaller
                double[][] bx = new double[b][];
                double[] by = new double[b];
                for (int k = 0; k < b; k++) {
                    bx[k] = x[order[start + k]];
                    by[k] = y[order[start + k]];
                }
                net.update(bx, by);
            }
        }
        return new Network(encoding, net, mean, sd, low, high, yMean, ySd);
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** A trained network with its input range and its input and output standardisation. */
    record Network(FeatureEncoding encoding, MLP net, double[] mean, double[] sd, double[] low, double[] high,
                   double yMean, double ySd) implements Model {
        @Override
        public double predict(Configuration configuration) {
            double[] x = encoding.encode(configuration);
            for (int j = 0; j < x.length; j++) {
                x[j] = (Math.max(low[j], Math.min(high[j], x[j])) - mean[j]) / sd[j];
            }
            return net.predict(x) * ySd + yMean;
        }
    }
}
