package org.tunerd.daemon.device.sim;

import java.util.Random;

/**
 * Seeded multiplicative measurement noise: each draw is a factor {@code exp(sigma * Z)} with
 * {@code Z ~ N(0, 1)}, so its median is 1 and {@code sigma} is roughly the relative spread
 * (sigma = 0.02 gives about 2 %). {@code sigma = 0} always returns exactly 1 and draws nothing.
 *
 * <p>Uses {@link Random}, whose algorithm is specified, so a seed gives the same sequence on every JVM.
 * Not thread-safe; the devices that own one are called from one thread at a time.
 */
public final class LognormalNoise {

    private final double sigma;
    private final Random random;

    public LognormalNoise(double sigma, long seed) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("noise sigma must be finite and >= 0, got " + sigma);
        }
        this.sigma = sigma;
        this.random = new Random(seed);
    }

    /** No noise at all. */
    public static LognormalNoise none() {
        return new LognormalNoise(0, 0);
    }

    public double sigma() {
        return sigma;
    }

    /** The next multiplicative factor (1 when sigma is 0). */
    public double factor() {
        return sigma == 0 ? 1.0 : Math.exp(sigma * random.nextGaussian());
    }
}
