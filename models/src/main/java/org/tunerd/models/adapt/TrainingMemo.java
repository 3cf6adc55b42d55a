package org.tunerd.models.adapt;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.tunerd.models.data.Metric;

/**
 * Remembers, within one fit on the calling thread, the models {@link StackedGp#train} made, so that the nested
 * leave-one-out choices of a fit make each model once: choosing the GP's input scaling by leave-one-out
 * ({@link StackedGp.Scaling#BY_LEAVE_ONE_OUT}) inside the leave-one-out error that weighs each source
 * ({@link SourceAverage}) fits the model without samples {@code i} and {@code j} twice (once per order), and
 * the model without {@code i} once in each loop. A training is a pure function of the features (the same
 * object), the settings, the metric, the samples and their values, so a remembered model is the one training
 * again would make. Parts of trainings are remembered the same way: the ridge and the source-prior fit that
 * models differing only in their GP share ({@link #ridge}, {@link #shared}), the ridge's rows that latency's
 * and energy's ridges on the same samples share ({@link Ridge.Design}), and the kernel between the
 * candidates of one GP-input view ({@link #kernels}). Outside {@link #within} nothing is remembered; what was
 * remembered is dropped when the outermost {@code within} returns (the fitted models do not keep it).
 */
final class TrainingMemo {

    private static final ThreadLocal<Map<Key, Object>> CURRENT = new ThreadLocal<>();

    private TrainingMemo() {
    }

    /** Runs {@code work}, remembering the trainings it makes (nested calls share the outermost memo). */
    static <T> T within(Supplier<T> work) {
        if (CURRENT.get() != null) {
            return work.get();
        }
        CURRENT.set(new HashMap<>());
        try {
            return work.get();
        } finally {
            CURRENT.remove();
        }
    }

    /** The model {@code training} makes, made once per key within {@link #within}. */
    static StackedGp.Fitted trained(TransferFeatures f, StackedGp model, Metric metric, int[] train, double[] logY,
                                    Supplier<StackedGp.Fitted> training) {
        return remembered(f, model, metric, train, logY, training);
    }

    /**
     * The ridge of a stacked GP's trend, made once per features, metric, samples and ridge settings within
     * {@link #within}: the GP's input scaling ({@link StackedGp.Scaling}) does not change it, so the two
     * scalings a leave-one-out choice compares share it.
     */
    static Ridge ridge(TransferFeatures f, boolean sourcePrior, double lambda, Metric metric, int[] train,
                       double[] logY, Supplier<Ridge> fitting) {
        return remembered(f, java.util.List.of("ridge", sourcePrior, lambda), metric, train, logY, fitting);
    }

    /**
     * What {@code making} computes from the features {@code f}, the samples {@code train}, their values
     * {@code logY} and the metric, given {@code settings} (a value naming everything else it reads), made once
     * per key within {@link #within}: a part of a training that several models share, as the source prior of
     * the two GP input scalings a leave-one-out choice compares. What is made must not be modified.
     */
    static <T> T shared(TransferFeatures f, Object settings, Metric metric, int[] train, double[] logY,
                        Supplier<T> making) {
        return remembered(f, settings, metric, train, logY, making);
    }

    /**
     * What {@code making} computes from the features {@code f} and the sample rows {@code train} alone (not their
     * values nor the metric), given {@code settings}, made once per key within {@link #within}: for example the
     * ridge design latency's and energy's ridges share. What is made must not be modified.
     */
    static <T> T rows(TransferFeatures f, Object settings, int[] train, Supplier<T> making) {
        return remembered(f, settings, null, train, NO_VALUES, making);
    }

    /**
     * The kernel table of {@code f}'s candidates in the GP-input view {@code view} (a value naming the inputs,
     * length scale and kernel shape {@code making} uses), made once per features and view within
     * {@link #within}; null outside it, or for more than {@link KernelTable#MAX_SIZE} candidates.
     */
    static KernelTable kernels(TransferFeatures f, Object view, Supplier<KernelTable> making) {
        if (CURRENT.get() == null || f.size() > KernelTable.MAX_SIZE) {
            return null;
        }
        return remembered(f, view, null, NO_SAMPLES, NO_VALUES, making);
    }

    private static final int[] NO_SAMPLES = {};
    private static final double[] NO_VALUES = {};

    /**
     * What {@code making} makes for this key, made once within {@link #within} (and every time outside it); the
     * key keeps copies of {@code train} and {@code logY}.
     */
    @SuppressWarnings("unchecked")
    private static <T> T remembered(TransferFeatures f, Object settings, Metric metric, int[] train, double[] logY,
                                    Supplier<T> making) {
        Map<Key, Object> memo = CURRENT.get();
        if (memo == null) {
            return making.get();
        }
        Key probe = new Key(f, settings, metric, train, logY);
        T made = (T) memo.get(probe);
        if (made == null) {
            made = making.get();
            memo.put(probe.copy(), made);
        }
        return made;
    }

    /**
     * The features by identity, the rest by value ({@code settings}: a {@link StackedGp}, a ridge's or a
     * kernel view's; {@code metric} null for what does not depend on it). The hash is computed once; a key
     * looked up with the caller's arrays is {@link #copy copied} before it is stored.
     */
    private static final class Key {
        private final TransferFeatures features;
        private final Object settings;
        private final Metric metric;
        private final int[] train;
        private final double[] logY;
        private final int hash;

        Key(TransferFeatures features, Object settings, Metric metric, int[] train, double[] logY) {
            this(features, settings, metric, train, logY,
                    ((System.identityHashCode(features) * 31 + settings.hashCode()) * 31
                            + java.util.Objects.hashCode(metric)) * 31 + Arrays.hashCode(train) * 17
                            + Arrays.hashCode(logY));
        }

        private Key(TransferFeatures features, Object settings, Metric metric, int[] train, double[] logY, int hash) {
            this.features = features;
            this.settings = settings;
            this.metric = metric;
            this.train = train;
            this.logY = logY;
            this.hash = hash;
        }

        /** This key with its own copies of the samples and values. */
        Key copy() {
            return new Key(features, settings, metric, train.clone(), logY.clone(), hash);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.features == features && k.metric == metric
                    && k.settings.equals(settings) && Arrays.equals(k.train, train) && Arrays.equals(k.logY, logY);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
