package org.tunerd.models.adapt;

import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;

/**
 * The transfer model: in log space, {@code y = s_m + ridge([s_lat, s_energy, features]) + gp(features)}
 * where {@code s_m} is the source's value of the same metric (so the ridge shrinks towards a pure
 * multiplicative shift of the source, the "source as prior"), the ridge penalty is chosen by exact
 * leave-one-out error on the target samples, and a Gaussian process models what is left. Both source
 * metrics enter the ridge, so energy borrows from latency and back.
 *
 * @param sourcePrior   predict the residual from the same-metric source value (else the value itself)
 * @param lambda        ridge penalty; {@code NaN} chooses it by leave-one-out
 * @param gp            how the residual GP is set
 * @param lengthScale   GP length scale on the normalised features (for {@link GpMode#FIXED})
 * @param noiseFraction GP noise variance as a fraction of the signal variance (for {@link GpMode#FIXED})
 * @param gpOnSource    the GP also sees the source's normalised log latency and energy, not only the features
 * @param kernel        the residual GP's kernel shape
 * @param scaling       how the GP's physical inputs are scaled (see {@link Scaling})
 * @param ridgeReach    where the ridge's trend is applied (see {@link RidgeReach})
 *
 * @param trust         how far the fitted model relies on the source (see {@link Trust})
 *
 * <p>Outside the range a source measured ({@link SourceSupport}) the source is held at its edge, its prior is
 * fitted on the samples inside, and the variance grows by {@link TransferFeatures#supportVariance}.
 *
 * <p>(About 450 lines: the settings, their enums and the fitted model stay in one class because
 * {@link Fitted} predicts through the settings' own view of the features, {@code gpInput}, which is the
 * same for fitting, predicting and the designs that plan for this model.)
 */
public record StackedGp(boolean sourcePrior, double lambda, GpMode gp, double lengthScale, double noiseFraction,
                        boolean gpOnSource, GaussianProcess.Kernel kernel, Scaling scaling, RidgeReach ridgeReach,
                        Trust trust) {

    public StackedGp {
        java.util.Objects.requireNonNull(kernel, "kernel");
        java.util.Objects.requireNonNull(scaling, "scaling");
        java.util.Objects.requireNonNull(ridgeReach, "ridgeReach");
        java.util.Objects.requireNonNull(trust, "trust");
    }

    /** How much the fitted model relies on the source. */
    public enum Trust {
        /** Entirely: the model is the transfer model. */
        FULL,
        /**
         * As far as the target samples show it deserves ({@link SourceTrust}): from {@value SourceTrust#MIN_SAMPLES}
         * samples on, the transfer model mixed with a from-scratch model ({@link ScratchGp}) at the weight that
         * minimises their leave-one-out error, so that a misleading source degrades to a from-scratch model.
         */
        LEARNED
    }

    public StackedGp(boolean sourcePrior, double lambda, GpMode gp, double lengthScale, double noiseFraction,
                     boolean gpOnSource, GaussianProcess.Kernel kernel, Scaling scaling, RidgeReach ridgeReach) {
        this(sourcePrior, lambda, gp, lengthScale, noiseFraction, gpOnSource, kernel, scaling, ridgeReach, Trust.FULL);
    }

    /** This model with the source trusted as {@code t}. */
    public StackedGp withTrust(Trust t) {
        return new StackedGp(sourcePrior, lambda, gp, lengthScale, noiseFraction, gpOnSource, kernel, scaling,
                ridgeReach, t);
    }

    /** Where the ridge's linear trend (its weights, beyond its intercept = the mean source shift) is applied. */
    public enum RidgeReach {
        /**
         * Everywhere. Samples clustered near an optimum (all at the two lowest CPU frequencies, say) fit a trend
         * that is then extrapolated over the rest of the space, with errors of up to 200%.
         */
        GLOBAL,
        /**
         * Scaled by how well the samples cover the point ({@link SampleReach}): the full trend among the samples'
         * values, falling back to the pure source shift where any feature is far from every sampled value. Same
         * as {@link #GLOBAL} for a space-filling sample.
         */
        SAMPLED
    }

    public StackedGp(boolean sourcePrior, double lambda, GpMode gp, double lengthScale, double noiseFraction,
                     boolean gpOnSource, GaussianProcess.Kernel kernel, Scaling scaling) {
        this(sourcePrior, lambda, gp, lengthScale, noiseFraction, gpOnSource, kernel, scaling, RidgeReach.GLOBAL);
    }

    /** How the residual GP sees the physical features. */
    public enum Scaling {
        /** As encoded (each normalised to [0, 1]). */
        NONE,
        /**
         * Each feature multiplied by the square root of the source's influence on it
         * ({@link TransferFeatures#influence()}), i.e. length scale {@code lengthScale / sqrt(influence)}: options
         * the source barely reacts to are taken to vary the residual slowly, judged from the source's hundreds
         * of points rather than from the few target points. Wrong when the target reacts to an option the
         * source does not (e.g. a source whose energy ignores the core count).
         */
        INFLUENCE,
        /**
         * {@code NONE} or {@code INFLUENCE}, whichever has the lower leave-one-out error on the target samples
         * (per metric and fit): keeps most of the gain of {@code INFLUENCE} and avoids its failure.
         */
        BY_LEAVE_ONE_OUT
    }

    public StackedGp(boolean sourcePrior, double lambda, GpMode gp, double lengthScale, double noiseFraction,
                     boolean gpOnSource, GaussianProcess.Kernel kernel) {
        this(sourcePrior, lambda, gp, lengthScale, noiseFraction, gpOnSource, kernel, Scaling.NONE);
    }

    public StackedGp(boolean sourcePrior, double lambda, GpMode gp, double lengthScale, double noiseFraction) {
        this(sourcePrior, lambda, gp, lengthScale, noiseFraction, false);
    }

    public StackedGp(boolean sourcePrior, double lambda, GpMode gp, double lengthScale, double noiseFraction,
                     boolean gpOnSource) {
        this(sourcePrior, lambda, gp, lengthScale, noiseFraction, gpOnSource, GaussianProcess.Kernel.RBF);
    }

    /** This model with the residual GP's kernel shape {@code k}. */
    public StackedGp withKernel(GaussianProcess.Kernel k) {
        return new StackedGp(sourcePrior, lambda, gp, lengthScale, noiseFraction, gpOnSource, k, scaling, ridgeReach,
                trust);
    }

    /** This model with the GP's inputs scaled as {@code s}. */
    public StackedGp withScaling(Scaling s) {
        return new StackedGp(sourcePrior, lambda, gp, lengthScale, noiseFraction, gpOnSource, kernel, s, ridgeReach,
                trust);
    }

    /** This model with the ridge's trend applied as {@code r}. */
    public StackedGp withRidgeReach(RidgeReach r) {
        return new StackedGp(sourcePrior, lambda, gp, lengthScale, noiseFraction, gpOnSource, kernel, scaling, r,
                trust);
    }

    /** This model with a fixed GP length scale {@code ls} and noise fraction {@code noise}. */
    public StackedGp withGp(double ls, double noise) {
        return new StackedGp(sourcePrior, lambda, GpMode.FIXED, ls, noise, gpOnSource, kernel, scaling, ridgeReach,
                trust);
    }

    /** Log-space standard deviation assumed before three samples exist (about 10% relative error). */
    static final double PRIOR_SD = 0.1;

    /** How the residual GP's hyper-parameters are set. */
    public enum GpMode {
        /** No GP: ridge only. */
        NONE,
        /** Fixed length scale and noise fraction; the signal variance by maximum likelihood. */
        FIXED,
        /** Length scale and noise fraction by maximum marginal likelihood over a grid. */
        MAXIMUM_LIKELIHOOD
    }

    /** The default: source prior, penalty by leave-one-out, GP length scale 0.5 and noise fraction 0.1. */
    public static StackedGp standard() {
        return new StackedGp(true, Double.NaN, GpMode.FIXED, 0.5, 0.1);
    }

    /**
     * The daemon's model ({@link StackedGpTransfer}): {@link #standard()} with the additive kernel and the
     * GP's input scaling chosen by leave-one-out ({@link Scaling#BY_LEAVE_ONE_OUT}; third pass of
     * {@code models/ADAPTATION-STUDY.md}) and the ridge's trend kept to where the samples reach
     * ({@link RidgeReach#SAMPLED}; "The daemon's model after a sequential session" there). The sequential
     * optimiser keeps {@link #standard()}.
     */
    public static StackedGp recommended() {
        return standard().withKernel(GaussianProcess.Kernel.ADDITIVE).withScaling(Scaling.BY_LEAVE_ONE_OUT)
                .withRidgeReach(RidgeReach.SAMPLED);
    }

    /**
     * The residual GP's input for candidate {@code i} of {@code f} (influence-scaled for
     * {@link Scaling#BY_LEAVE_ONE_OUT} too: the view a design for this model takes).
     */
    double[] gpInput(TransferFeatures f, int i) {
        return gpOnSource ? f.designRow(i) : scaled(f, f.physical(i));
    }

    /** The residual GP's input for any configuration. */
    double[] gpInput(TransferFeatures f, Configuration c) {
        return gpOnSource ? f.designRow(c) : scaled(f, f.physical(c));
    }

    private double[] scaled(TransferFeatures f, double[] x) {
        if (scaling == Scaling.NONE) {
            return x;
        }
        double[] w = f.influence();
        double[] out = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            out[j] = x[j] * Math.sqrt(w[j]);
        }
        return out;
    }

    /**
     * Predicted log values for every candidate: mean, standard deviation, and the standard deviation without
     * the part a candidate gains by lying outside the sources' measured range ({@link SourceSupport}).
     */
    public record Fit(double[] mean, double[] sd, double[] sdWithinSupport) {
        public Fit(double[] mean, double[] sd) {
            this(mean, sd, sd);
        }
    }

    /** A fitted model of one metric; predicts any configuration the source model can describe. Immutable. */
    public static final class Fitted {
        private final TransferFeatures features;
        private final Metric metric;
        private final boolean sourcePrior;
        private final double shift;
        private final Ridge ridge;
        private final GaussianProcess process;
        private final double residualSd;
        /** where the ridge's trend applies; null = everywhere */
        private final SampleReach reach;
        private final StackedGp model;
        /** the from-scratch competitor and the transfer model's weight against it (1: no competitor) */
        private final ScratchGp scratch;
        private final double sourceWeight;
        /**
         * the candidates the GP was fitted on, when its kernel came from {@link #model}'s {@link KernelTable}
         * (then predictions at candidates read the table too, where one exists); else null
         */
        private final int[] gpPoints;

        private Fitted(TransferFeatures features, Metric metric, boolean sourcePrior, double shift, Ridge ridge,
                       GaussianProcess process, double residualSd, StackedGp model, SampleReach reach) {
            this(features, metric, sourcePrior, shift, ridge, process, residualSd, model, reach, null, 1, null);
        }

        private Fitted(TransferFeatures features, Metric metric, boolean sourcePrior, double shift, Ridge ridge,
                       GaussianProcess process, double residualSd, StackedGp model, SampleReach reach,
                       int[] gpPoints) {
            this(features, metric, sourcePrior, shift, ridge, process, residualSd, model, reach, null, 1, gpPoints);
        }

        private Fitted(Fitted transfer, ScratchGp scratch, double sourceWeight) {
            this(transfer.features, transfer.metric, transfer.sourcePrior, transfer.shift, transfer.ridge,
                    transfer.process, transfer.residualSd, transfer.model, transfer.reach, scratch, sourceWeight,
                    transfer.gpPoints);
        }

        private Fitted(TransferFeatures features, Metric metric, boolean sourcePrior, double shift, Ridge ridge,
                       GaussianProcess process, double residualSd, StackedGp model, SampleReach reach,
                       ScratchGp scratch, double sourceWeight, int[] gpPoints) {
            this.gpPoints = gpPoints;
            this.scratch = scratch;
            this.sourceWeight = sourceWeight;
            this.reach = reach;
            this.model = model;
            this.features = features;
            this.metric = metric;
            this.sourcePrior = sourcePrior;
            this.shift = shift;
            this.ridge = ridge;
            this.process = process;
            this.residualSd = residualSd;
        }

        public Metric metric() {
            return metric;
        }

        /** The weight of the transfer model against the from-scratch one ({@link Trust#LEARNED}); 1 = fully trusted. */
        public double sourceWeight() {
            return sourceWeight;
        }

        /** The model this was fitted with; under {@link Scaling#BY_LEAVE_ONE_OUT}, with the scaling it chose. */
        public StackedGp model() {
            return model;
        }

        /** The ridge of the trend; empty below three samples, where the model is a shift of the source. */
        public java.util.Optional<Ridge> ridge() {
            return java.util.Optional.ofNullable(ridge);
        }

        /**
         * Predicted log value and its standard deviation at candidate {@code i}; outside the sources' measured
         * range the variance grows by {@link TransferFeatures#supportVariance}.
         */
        public GaussianProcess.Prediction predictLog(int i) {
            return both(i)[0];
        }

        /** As {@link #predictLog(int)} without the variance of lying outside the sources' measured range. */
        public GaussianProcess.Prediction predictLogWithinSupport(int i) {
            return both(i)[1];
        }

        /** {@link #predictLog(int)} and {@link #predictLogWithinSupport(int)}, computed together. */
        GaussianProcess.Prediction[] both(int i) {
            GaussianProcess.Prediction t = combine(features.stackRow(i), process == null ? null : model.gpInput(features, i),
                    features.sourceLog(metric, i), reach == null ? 1 : reach.at(features.physical(i)));
            GaussianProcess.Prediction s = scratch == null ? null : scratch.predictLog(i);
            return new GaussianProcess.Prediction[] {
                mixed(widened(t, features.supportVariance(metric, i)), s), mixed(t, s)};
        }

        /**
         * The mean of {@link #predictLog(int)}, equal to it bit for bit, without computing the variance: what a
         * held-out error or a residual reads.
         */
        double meanLog(int i) {
            double t = trend(ridge == null ? null : features.stackRow(i), features.sourceLog(metric, i),
                    reach == null ? 1 : reach.at(features.physical(i)));
            if (process != null) {
                KernelTable table = gpPoints == null ? null : model.kernelTable(features);
                t += table == null ? process.mean(model.gpInput(features, i))
                        : process.meanGivenKernels(table.row(i, gpPoints, process.hyper().signal()));
            }
            return scratch == null ? t : SourceTrust.mixMean(sourceWeight, t, scratch.predictLog(i).mean());
        }

        /**
         * The mean of {@link #predictLog(Configuration)}, equal to it bit for bit, without computing the
         * variance (nor the support's part of it): what a prediction of the metric's value reads.
         */
        public double meanLog(Configuration c) {
            double t = trend(ridge == null ? null : features.stackRow(c), features.sourceLog(metric, c),
                    reach == null ? 1 : reach.at(features.physical(c)));
            if (process != null) {
                t += process.mean(model.gpInput(features, c));
            }
            return scratch == null ? t : SourceTrust.mixMean(sourceWeight, t, scratch.predictLog(c).mean());
        }

        /** Predicted log value and its standard deviation at any configuration (see {@link #predictLog(int)}). */
        public GaussianProcess.Prediction predictLog(Configuration c) {
            return mixed(widened(combine(features.stackRow(c), process == null ? null : model.gpInput(features, c),
                    features.sourceLog(metric, c), reach == null ? 1 : reach.at(features.physical(c))),
                    features.supportVariance(metric, c)), scratch == null ? null : scratch.predictLog(c));
        }

        private GaussianProcess.Prediction mixed(GaussianProcess.Prediction transfer, GaussianProcess.Prediction s) {
            return s == null ? transfer : SourceTrust.mix(sourceWeight, transfer, s);
        }

        private static GaussianProcess.Prediction widened(GaussianProcess.Prediction p, double extra) {
            return extra == 0 ? p : new GaussianProcess.Prediction(p.mean(), p.variance() + extra);
        }

        /** {@code near}: the share of the ridge's trend (beyond its intercept) that applies at this point. */
        private GaussianProcess.Prediction combine(double[] row, double[] physical, double same, double near) {
            double base = trend(row, same, near);
            if (process == null) {
                return new GaussianProcess.Prediction(base, residualSd * residualSd);
            }
            GaussianProcess.Prediction p = process.predict(physical);
            double sd = Math.max(p.sd(), 1e-4);
            return new GaussianProcess.Prediction(base + p.mean(), sd * sd);
        }

        /** The source prior's part of the prediction: {@code row} is read only with a ridge. */
        private double trend(double[] row, double same, double near) {
            return ridge == null ? same + shift
                    : (sourcePrior ? same : 0) + ridge.intercept() + near * (ridge.predict(row) - ridge.intercept());
        }
    }

    /**
     * Fits on the candidates {@code train} whose measured log values are {@code logY} and predicts every
     * candidate of {@code f}.
     */
    public Fit fit(TransferFeatures f, Metric metric, int[] train, double[] logY) {
        Fitted m = train(f, metric, train, logY);
        double[] mean = new double[f.size()];
        double[] sd = new double[f.size()];
        double[] within = new double[f.size()];
        for (int i = 0; i < mean.length; i++) {
            GaussianProcess.Prediction[] p = m.both(i);
            mean[i] = p[1].mean();
            within[i] = p[1].sd();
            sd[i] = p[0].sd();
        }
        return new Fit(mean, sd, within);
    }

    /**
     * How much the model's standard deviations understate its errors: the root mean square of the
     * leave-one-out standardised residuals {@code (y_i - mean_i) / sd_i} (1 = calibrated), at least 1.
     */
    public double looCalibration(TransferFeatures f, Metric metric, int[] train, double[] logY) {
        int n = train.length;
        if (n < 4) {
            return 1;
        }
        double meanSquare = LeaveOneOut.mean(train, logY, (t, y, heldOut, measured) -> {
            GaussianProcess.Prediction p = train(f, metric, t, y).predictLogWithinSupport(heldOut);
            double z = (measured - p.mean()) / Math.max(p.sd(), 1e-6);
            return z * z;
        });
        return Math.max(1, Math.sqrt(meanSquare));
    }

    /**
     * Fits on the candidates {@code train} whose measured log values are {@code logY} (once per
     * {@link TrainingMemo#within} scope for the same arguments).
     */
    public Fitted train(TransferFeatures f, Metric metric, int[] train, double[] logY) {
        return TrainingMemo.trained(f, this, metric, train, logY, () -> trainOnce(f, metric, train, logY));
    }

    /**
     * Leave-one-out predicted log values of the model {@link #train} makes on these samples, with the choice
     * that fit made on all of them kept: element {@code k} is the mean log value at sample {@code k} predicted
     * by the model fitted without it, with the GP input scaling chosen on all samples
     * ({@link Scaling#BY_LEAVE_ONE_OUT}); everything else (ridge, shift, GP) is refitted without sample
     * {@code k}. Inside the {@link TrainingMemo#within} scope of that {@link #train}, the held-out models are
     * the ones its scaling choice made, so this costs no further fit.
     *
     * @throws IllegalArgumentException with fewer than two samples
     */
    public double[] looLog(TransferFeatures f, Metric metric, int[] train, double[] logY) {
        if (train.length < 2) {
            throw new IllegalArgumentException("leave-one-out needs at least two samples, got " + train.length);
        }
        return LeaveOneOut.predictions(train, logY,
                SourceAverage.heldOut(chosenScaling(f, metric, train, logY), f, metric));
    }

    /**
     * The model with the GP input scaling it uses on these samples: itself, or for
     * {@link Scaling#BY_LEAVE_ONE_OUT} the scaling (none or by the source's influence) with the lower
     * leave-one-out error (by influence when the GP is off or with fewer than {@value SourceAverage#MIN_LOO}
     * samples).
     */
    private StackedGp chosenScaling(TransferFeatures f, Metric metric, int[] train, double[] logY) {
        if (scaling != Scaling.BY_LEAVE_ONE_OUT) {
            return this;
        }
        StackedGp plain = withScaling(Scaling.NONE).withTrust(Trust.FULL);
        StackedGp scaled = withScaling(Scaling.INFLUENCE).withTrust(Trust.FULL);
        if (gp == GpMode.NONE || gpOnSource || train.length < SourceAverage.MIN_LOO) {
            return scaled.withTrust(trust);
        }
        double plainError = SourceAverage.looError(plain, f, metric, train, logY);
        double scaledError = SourceAverage.looError(scaled, f, metric, train, logY);
        return (scaledError <= plainError ? scaled : plain).withTrust(trust);
    }

    private Fitted trainOnce(TransferFeatures f, Metric metric, int[] train, double[] logY) {
        if (scaling == Scaling.BY_LEAVE_ONE_OUT) {
            return chosenScaling(f, metric, train, logY).train(f, metric, train, logY);
        }
        if (trust == Trust.LEARNED && gp != GpMode.NONE && train.length >= SourceTrust.MIN_SAMPLES) {
            return weighedAgainstScratch(f, metric, train, logY);
        }
        int n = train.length;
        if (n == 0 || logY.length != n) {
            throw new IllegalArgumentException("need matching, non-empty samples: " + n + " and " + logY.length);
        }
        if (metric == Metric.ENERGY && !f.hasSourceEnergy()) {
            throw new IllegalArgumentException("an energy model needs a source with energy measurements");
        }
        // the source prior (shift and trend) is fitted on the samples the source's measured range covers, if
        // any: beyond it the source is held at its edge (SourceSupport) and says nothing about the target's trend
        PriorFit pf = TrainingMemo.shared(f, java.util.List.of("prior", sourcePrior, lambda, ridgeReach), metric, train,
                logY, () -> fitPrior(f, metric, train, logY));
        int[] prior = pf.prior();
        int m = prior.length;
        double shift = pf.shift();
        Ridge ridge = pf.ridge();
        SampleReach reach = pf.reach();
        double[] resid = pf.resid();
        double rms = pf.rms();
        if (n < 3) {
            // a shift from one or two samples fits them exactly; its error elsewhere is unknown, so assume a
            // typical transfer error rather than the zero residual
            return new Fitted(f, metric, sourcePrior, shift, ridge, null, Math.max(rms, PRIOR_SD), this, null);
        }
        if (gp == GpMode.NONE) {
            return new Fitted(f, metric, sourcePrior, shift, ridge, null, rms, this, reach);
        }
        double[][] gx = new double[n][];
        for (int k = 0; k < n; k++) {
            gx[k] = gpInput(f, train[k]);
        }
        // a sample outside the sources' measured range is judged against a source prior that is uncertain by
        // its support variance there: the GP takes that as extra observation noise, so that its residual is not
        // carried into the range the source knows (and the signal variance is profiled on the samples inside)
        double[] extra = new double[n];
        boolean anyOutside = false;
        for (int k = 0; k < n; k++) {
            extra[k] = f.supportVariance(metric, train[k]);
            anyOutside |= extra[k] > 0;
        }
        if (gp == GpMode.MAXIMUM_LIKELIHOOD) {
            GaussianProcess process = GaussianProcess.fitMaximumLikelihood(gx, resid, false);
            return new Fitted(f, metric, sourcePrior, shift, ridge, process, rms, this, reach);
        }
        KernelTable table = kernelTable(f);
        GaussianProcess.Hyper hyper;
        if (!anyOutside || m < 3) {
            hyper = profiledHyper(table, train, gx, resid);
        } else {
            int[] pt = new int[m];
            double[][] px = new double[m][];
            double[] pr = new double[m];
            for (int j = 0; j < m; j++) {
                pt[j] = train[prior[j]];
                px[j] = gx[prior[j]];
                pr[j] = resid[prior[j]];
            }
            hyper = profiledHyper(table, pt, px, pr);
        }
        double[] noise = anyOutside ? extra : null;
        if (table == null) {
            GaussianProcess process = GaussianProcess.fit(gx, resid, hyper, false, kernel, noise);
            return new Fitted(f, metric, sourcePrior, shift, ridge, process, rms, this, reach);
        }
        double[][] k = table.covariance(train, hyper);
        if (noise != null) {
            for (int i = 0; i < n; i++) {
                k[i][i] += noise[i];
            }
        }
        GaussianProcess process = GaussianProcess.fit(gx, k, resid, hyper, false, kernel);
        return new Fitted(f, metric, sourcePrior, shift, ridge, process, rms, this, reach, train.clone());
    }

    /**
     * The kernel table of this model's GP inputs over {@code f}'s candidates ({@link #gpInput}, length scale
     * and kernel shape) for a fixed GP, shared within the {@link TrainingMemo#within} scope by every model
     * that sees the same inputs; null outside it or for another GP mode.
     */
    KernelTable kernelTable(TransferFeatures f) {
        if (gp != GpMode.FIXED) {
            return null;
        }
        return TrainingMemo.kernels(f, java.util.List.of("gp-input", gpOnSource, scaling == Scaling.NONE, lengthScale,
                kernel), () -> new KernelTable(f.size(), i -> gpInput(f, i), lengthScale, kernel));
    }

    /**
     * The source prior fitted on the samples, which the GP's settings do not change: the positions in
     * {@code train} of the samples it is fitted on ({@link #supportedSamples}), the shift (below three of
     * them) or the ridge, the ridge's reach ({@link RidgeReach#SAMPLED}), and every sample's residual from it
     * with their root mean square (at least 1e-3). Shared (read-only) by the models that differ only in their
     * GP, as the two scalings a leave-one-out choice compares.
     */
    private record PriorFit(int[] prior, double shift, Ridge ridge, SampleReach reach, double[] resid, double rms) {
    }

    private PriorFit fitPrior(TransferFeatures f, Metric metric, int[] train, double[] logY) {
        int n = train.length;
        int[] prior = supportedSamples(f, train);
        int m = prior.length;
        double shift = 0;
        Ridge ridge = null;
        if (m < 3) {
            // too few for a ridge: shift the same-metric source by the mean difference
            for (int k : prior) {
                shift += (logY[k] - f.sourceLog(metric, train[k])) / m;
            }
        } else {
            double[][] x = new double[m][];
            double[] y = new double[m];
            for (int j = 0; j < m; j++) {
                int k = prior[j];
                x[j] = f.stackRow(train[k]);
                y[j] = logY[k] - (sourcePrior ? f.sourceLog(metric, train[k]) : 0);
            }
            ridge = TrainingMemo.ridge(f, sourcePrior, lambda, metric, train, logY, () -> {
                // the rows depend on the samples only, not on the metric or its values: latency's and energy's
                // ridges on the same samples share their standardisation, factors and leverages
                Ridge.Design design = TrainingMemo.rows(f, "ridge-rows", train, () -> new Ridge.Design(x));
                return Double.isNaN(lambda) ? Ridge.fitLoo(design, y) : Ridge.fit(design, y, lambda);
            });
        }
        SampleReach reach = null;
        if (ridge != null && ridgeReach == RidgeReach.SAMPLED) {
            double[][] px = new double[m][];
            for (int j = 0; j < m; j++) {
                px[j] = f.physical(train[prior[j]]);
            }
            reach = SampleReach.of(px);
        }
        Fitted base = new Fitted(f, metric, sourcePrior, shift, ridge, null, 0, this, reach);
        double[] resid = new double[n];
        double rms = 0;
        for (int k = 0; k < n; k++) {
            resid[k] = logY[k] - base.meanLog(train[k]);
            rms += resid[k] * resid[k] / n;
        }
        rms = Math.max(Math.sqrt(rms), 1e-3);
        return new PriorFit(prior, shift, ridge, reach, resid, rms);
    }

    /** The transfer model mixed with a from-scratch one at the weight {@link SourceTrust} learns. */
    private Fitted weighedAgainstScratch(TransferFeatures f, Metric metric, int[] train, double[] logY) {
        StackedGp transfer = withTrust(Trust.FULL);
        int n = train.length;
        double[] t = new double[n];
        double[] s = new double[n];
        for (int k = 0; k < n; k++) {
            int[] tk = new int[n - 1];
            double[] yk = new double[n - 1];
            for (int j = 0, q = 0; j < n; j++) {
                if (j != k) {
                    tk[q] = train[j];
                    yk[q++] = logY[j];
                }
            }
            t[k] = transfer.train(f, metric, tk, yk).meanLog(train[k]);
            s[k] = ScratchGp.fit(f, tk, yk, kernel, lengthScale, noiseFraction).predictLog(train[k]).mean();
        }
        double w = SourceTrust.weight(logY, t, s);
        Fitted full = transfer.train(f, metric, train, logY);
        return w >= 1 ? full
                : new Fitted(full, ScratchGp.fit(f, train, logY, kernel, lengthScale, noiseFraction), w);
    }

    /** Positions in {@code train} of the samples within every source's measured range; all if there are none. */
    private static int[] supportedSamples(TransferFeatures f, int[] train) {
        int[] inside = java.util.stream.IntStream.range(0, train.length).filter(k -> f.supported(train[k])).toArray();
        return inside.length > 0 ? inside : java.util.stream.IntStream.range(0, train.length).toArray();
    }

    /**
     * The fixed length scale and noise fraction with the signal variance profiled on the residuals {@code r}
     * at the candidates {@code points} (inputs {@code x}); their kernel from {@code table} if not null.
     */
    private GaussianProcess.Hyper profiledHyper(KernelTable table, int[] points, double[][] x, double[] r) {
        GaussianProcess.Hyper unit = new GaussianProcess.Hyper(lengthScale, 1, noiseFraction);
        Cholesky c = Cholesky.of(table == null ? GaussianProcess.covariance(x, unit, kernel)
                : table.covariance(points, unit));
        double[] a = c.solve(r);
        double quad = 0;
        for (int i = 0; i < r.length; i++) {
            quad += r[i] * a[i];
        }
        double signal = Math.max(quad / r.length, 1e-8);
        return new GaussianProcess.Hyper(lengthScale, signal, signal * noiseFraction);
    }

    @Override
    public String toString() {
        return "StackedGp[prior=" + sourcePrior + ", lambda=" + (Double.isNaN(lambda) ? "loo" : lambda) + ", gp=" + gp
                + (gp == GpMode.FIXED ? " ls=" + lengthScale + " noise=" + noiseFraction : "")
                + (kernel == GaussianProcess.Kernel.RBF ? "" : " kernel=" + kernel)
                + (scaling == Scaling.NONE ? "" : " scaling=" + scaling)
                + (ridgeReach == RidgeReach.GLOBAL ? "" : " ridgeReach=" + ridgeReach)
                + (trust == Trust.FULL ? "" : " trust=" + trust) + "]";
    }
}
