package org.tunerd.models.adapt;

import java.util.List;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;

/**
 * Several sources, one model each: fits {@code model} on the target samples once per source (each source
 * alone, see {@link TransferFeatures#perSource()}) and averages the predicted log values with weights
 * proportional to {@code 1 / e^2}, where {@code e} is that model's leave-one-out mean absolute log error on
 * the target samples. With one source it is {@code model} itself.
 *
 * @param name  the predictor's name in reports
 * @param model the per-source transfer model
 * @param withStacked also average in {@code model} fitted on all sources at once (their columns stacked)
 */
public record SourceAverage(String name, StackedGp model, boolean withStacked) {

    /** Per-source models only. */
    public SourceAverage(String name, StackedGp model) {
        this(name, model, false);
    }

    /** Fewer samples than this: equal weights (leave-one-out on 3 points says nothing). */
    static final int MIN_LOO = 4;

    /** Fits on the candidates {@code train} whose measured log values are {@code logY}; predicts every candidate of {@code f}. */
    public double[] predictLog(TransferFeatures f, Metric metric, int[] train, double[] logY) {
        if (f.perSource().size() == 1) {
            return model.fit(f, metric, train, logY).mean();
        }
        Fitted fitted = train(f, metric, train, logY);
        double[] out = new double[f.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = fitted.predictLog(i);
        }
        return out;
    }

    /**
     * Fits one model per source of {@code f} (plus the all-sources model if {@link #withStacked}) on the
     * candidates {@code train} whose measured log values are {@code logY}, and weighs them by their
     * leave-one-out error. With one source: that source's model alone, weight 1.
     */
    public Fitted train(TransferFeatures f, Metric metric, int[] train, double[] logY) {
        List<TransferFeatures> parts = parts(f);
        if (parts.size() == 1) {
            return new Fitted(List.of(model.train(f, metric, train, logY)), new double[] {1});
        }
        double[] errors = new double[parts.size()];
        List<StackedGp.Fitted> models = new java.util.ArrayList<>();
        for (int s = 0; s < parts.size(); s++) {
            models.add(model.train(parts.get(s), metric, train, logY));
            errors[s] = train.length >= MIN_LOO ? looError(model, parts.get(s), metric, train, logY) : 1;
        }
        return new Fitted(models, weights(errors));
    }

    /**
     * Leave-one-out predicted log values of the average {@link #train} made on these samples ({@code fitted}),
     * its weights kept: element {@code k} is the weighted mean, with {@code fitted}'s weights, of each source's
     * model fitted without sample {@code k} ({@link StackedGp#looLog} with one source). Inside the
     * {@link TrainingMemo#within} scope of that {@link #train}, these are the models its leave-one-out
     * weighting made, so this costs no further fit.
     *
     * @throws IllegalArgumentException with fewer than two samples, or if {@code fitted} has another number of
     *                                  models than this average makes on {@code f}
     */
    public double[] looLog(TransferFeatures f, Metric metric, int[] train, double[] logY, Fitted fitted) {
        List<TransferFeatures> parts = parts(f);
        if (parts.size() == 1) {
            return model.looLog(f, metric, train, logY);
        }
        if (fitted.weights.length != parts.size()) {
            throw new IllegalArgumentException(fitted.weights.length + " weights for " + parts.size() + " models");
        }
        if (train.length < 2) {
            throw new IllegalArgumentException("leave-one-out needs at least two samples, got " + train.length);
        }
        double[] out = new double[train.length];
        for (int s = 0; s < parts.size(); s++) {
            double[] partLog = LeaveOneOut.predictions(train, logY, heldOut(model, parts.get(s), metric));
            for (int k = 0; k < out.length; k++) {
                out[k] += fitted.weights[s] * partLog[k];
            }
        }
        return out;
    }

    /** The feature views one model each is fitted on: each source alone, then all of them if {@link #withStacked}. */
    private List<TransferFeatures> parts(TransferFeatures f) {
        List<TransferFeatures> parts = f.perSource();
        if (parts.size() > 1 && withStacked) {
            parts = new java.util.ArrayList<>(parts);
            parts.add(f);
        }
        return parts;
    }

    /**
     * The weighted average of fitted models, in log space. Immutable.
     *
     * @param models  one model per source, in the order of the sources (then the all-sources model, if any)
     * @param weights their weights, summing to 1
     */
    public record Fitted(List<StackedGp.Fitted> models, double[] weights) {

        public Fitted {
            models = List.copyOf(models);
            weights = weights.clone();
            if (models.isEmpty() || models.size() != weights.length) {
                throw new IllegalArgumentException(models.size() + " models but " + weights.length + " weights");
            }
        }

        @Override
        public double[] weights() {
            return weights.clone();
        }

        /** Weighted mean predicted log value at candidate {@code i} of the features the models were fitted on. */
        double predictLog(int i) {
            double v = 0;
            for (int s = 0; s < weights.length; s++) {
                v += weights[s] * models.get(s).meanLog(i);
            }
            return v;
        }

        /** Weighted mean predicted log value at any configuration. */
        public double predictLog(Configuration c) {
            double v = 0;
            for (int s = 0; s < weights.length; s++) {
                v += weights[s] * models.get(s).meanLog(c);
            }
            return v;
        }
    }

    /** Weights proportional to {@code 1 / e^2} (errors floored at 1e-6), summing to 1. */
    public static double[] weights(double[] errors) {
        double[] w = new double[errors.length];
        double total = 0;
        for (int s = 0; s < w.length; s++) {
            double e = Math.max(errors[s], 1e-6);
            w[s] = 1 / (e * e);
            total += w[s];
        }
        for (int s = 0; s < w.length; s++) {
            w[s] /= total;
        }
        return w;
    }

    /** Leave-one-out mean absolute log error of {@code model} on the samples. */
    public static double looError(StackedGp model, TransferFeatures f, Metric metric, int[] train, double[] logY) {
        return LeaveOneOut.meanAbsLogError(train, logY, heldOut(model, f, metric));
    }

    /** {@code model} trained on the other samples, predicting the held-out one's mean log value. */
    static LeaveOneOut.HeldOutPrediction heldOut(StackedGp model, TransferFeatures f, Metric metric) {
        return (t, y, heldOut) -> model.train(f, metric, t, y).meanLog(heldOut);
    }
}
