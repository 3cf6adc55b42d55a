package org.tunerd.models.transfer;

import java.util.List;
import java.util.Locale;

/**
 * Creates the study's transfer strategies by name (any case): {@code DM}, {@code LMS}, {@code NLMS}, {@code GS},
 * {@code Scratch} and {@code STACKED-GP}. The daemon does not pick its adaptation here but from
 * {@code org.tunerd.models.adaptation.Adaptations}, whose default is STACKED-GP.
 */
public final class Strategies {

    /** The names {@link #create} accepts, in the study's order. */
    public static final List<String> NAMES = List.of("DM", "LMS", "NLMS", "GS", "Scratch", "STACKED-GP");

    private Strategies() {
    }

    public static TransferStrategy create(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "dm" -> new DirectModel();
            case "lms" -> new LinearModelShift();
            case "nlms" -> new NonLinearModelShift();
            case "gs" -> new GuidedSampling();
            case "scratch" -> new Scratch();
            case "stacked-gp" -> new StackedGpStrategy();
            default -> throw new IllegalArgumentException("unknown transfer strategy '" + name + "'; expected one of "
                    + NAMES);
        };
    }
}
