package org.tunerd.models.optimize;

import java.util.Locale;
import java.util.Optional;
import org.tunerd.models.data.Metric;

/**
 * What "best configuration" means. Every objective scores a (latency, energy) pair, lower is better,
 * relative to reference values (the smallest latency and energy among the candidates) so that weights
 * compare unitless ratios.
 */
public sealed interface Objective {

    /** The score of a candidate; {@code +Infinity} if it violates a constraint. */
    double score(double latency, double energy, double minLatency, double minEnergy);

    /** The one metric this objective minimises; empty for a trade-off between both ({@link Weighted}). */
    Optional<Metric> minimised();

    /** The largest latency this objective accepts, in seconds; {@code NaN} when it accepts any. */
    default double latencyBound() {
        return Double.NaN;
    }

    /** True if it cannot be judged without energy values (every objective but {@link MinLatency}). */
    default boolean needsEnergy() {
        return !minimised().equals(Optional.of(Metric.LATENCY));
    }

    /** Least energy per inference. */
    record MinEnergy() implements Objective {
        @Override
        public double score(double latency, double energy, double minLatency, double minEnergy) {
            return energy;
        }

        @Override
        public Optional<Metric> minimised() {
            return Optional.of(Metric.ENERGY);
        }

        @Override
        public String toString() {
            return "min-energy";
        }
    }

    /** Least latency. */
    record MinLatency() implements Objective {
        @Override
        public double score(double latency, double energy, double minLatency, double minEnergy) {
            return latency;
        }

        @Override
        public Optional<Metric> minimised() {
            return Optional.of(Metric.LATENCY);
        }

        @Override
        public String toString() {
            return "min-latency";
        }
    }

    /** Least energy among configurations whose latency is at most {@code sloSeconds}. */
    record MinEnergyWithinLatency(double sloSeconds) implements Objective {
        public MinEnergyWithinLatency {
            if (!(sloSeconds > 0) || Double.isInfinite(sloSeconds)) {
                throw new IllegalArgumentException("latency SLO must be a positive number of seconds, got " + sloSeconds);
            }
        }

        @Override
        public double score(double latency, double energy, double minLatency, double minEnergy) {
            return latency <= sloSeconds ? energy : Double.POSITIVE_INFINITY;
        }

        @Override
        public Optional<Metric> minimised() {
            return Optional.of(Metric.ENERGY);
        }

        @Override
        public double latencyBound() {
            return sloSeconds;
        }

        @Override
        public String toString() {
            return "min-energy latency<=" + sloSeconds + "s";
        }
    }

    /**
     * {@code latencyWeight * latency / minLatency + energyWeight * energy / minEnergy}: each metric relative
     * to the best any candidate reaches, so the weights trade percentages.
     */
    record Weighted(double latencyWeight, double energyWeight) implements Objective {
        public Weighted {
            if (latencyWeight < 0 || energyWeight < 0 || latencyWeight + energyWeight <= 0
                    || !Double.isFinite(latencyWeight + energyWeight)) {
                throw new IllegalArgumentException("weights must be >= 0, finite and not both 0, got "
                        + latencyWeight + ", " + energyWeight);
            }
        }

        @Override
        public double score(double latency, double energy, double minLatency, double minEnergy) {
            return latencyWeight * latency / minLatency + energyWeight * energy / minEnergy;
        }

        @Override
        public Optional<Metric> minimised() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "weighted latency:" + latencyWeight + " energy:" + energyWeight;
        }
    }

    /**
     * Parses {@code min-energy}, {@code min-latency}, {@code min-energy:slo=0.25} (seconds) or
     * {@code weighted:latency=1,energy=2}.
     */
    static Objective parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("min-energy")) {
                return new MinEnergy();
            }
            if (t.equals("min-latency")) {
                return new MinLatency();
            }
            if (t.startsWith("min-energy:slo=")) {
                return new MinEnergyWithinLatency(Double.parseDouble(t.substring("min-energy:slo=".length())));
            }
            if (t.startsWith("weighted:")) {
                double l = 0;
                double e = 0;
                for (String part : t.substring("weighted:".length()).split(",")) {
                    String[] kv = part.split("=");
                    switch (kv[0].trim()) {
                        case "latency" -> l = Double.parseDouble(kv[1]);
                        case "energy" -> e = Double.parseDouble(kv[1]);
                        default -> throw new IllegalArgumentException("unknown weight '" + kv[0] + "'");
                    }
                }
                return new Weighted(l, e);
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad objective '" + text + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("unknown objective '" + text
                + "'; expected min-energy, min-latency, min-energy:slo=<seconds> or weighted:latency=<w>,energy=<w>");
    }
}
