package org.tunerd.models.adaptation;

import java.util.List;
import java.util.Locale;
import org.tunerd.models.adapt.StackedGpTransfer;
import org.tunerd.models.learn.Learner;
import org.tunerd.models.learn.Learners;
import org.tunerd.models.transfer.Strategies;

/**
 * The adaptations a policy can name (any case): {@code STACKED-GP}, the default ({@link StackedGpAdaptation}),
 * and the study's planned strategies {@code DM}, {@code LMS}, {@code NLMS}, {@code GS} and {@code Scratch}
 * ({@link PlannedAdaptation}), each with a learner. Given no source, every one of them is a cold start:
 * {@code Scratch} with the learner on a uniform sample ({@link ColdStart}).
 */
public final class Adaptations {

    /** The adaptation a policy gets when it names none. */
    public static final String DEFAULT = StackedGpTransfer.NAME;

    /** The names {@link #create} accepts, the default first. */
    public static final List<String> NAMES = List.of(DEFAULT, "DM", "LMS", "NLMS", "GS", ColdStart.NAME);

    private Adaptations() {
    }

    /**
     * The adaptation called {@code name} with the learner called {@code learner} (see {@link Learners}; STACKED-GP
     * uses it only for a cold start), its randomised parts seeded with {@code seed}.
     *
     * @throws IllegalArgumentException naming the unknown adaptation or learner and the known ones
     */
    public static Adaptation create(String name, String learner, long seed) {
        Learner chosen = Learners.create(learner, seed);
        String key = name.trim().toLowerCase(Locale.ROOT);
        Adaptation transfer;
        if (key.equals(DEFAULT.toLowerCase(Locale.ROOT))) {
            transfer = new StackedGpAdaptation(new StackedGpTransfer());
        } else if (NAMES.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(key))) {
            transfer = new PlannedAdaptation(Strategies.create(key), chosen);
        } else {
            throw new IllegalArgumentException("unknown adaptation '" + name + "'; expected one of " + NAMES);
        }
        return new OrColdStart(transfer, new ColdStart(chosen));
    }

    /** {@code transfer} when the task has a source, {@code coldStart} when it has none. */
    private record OrColdStart(Adaptation transfer, Adaptation coldStart) implements Adaptation {
        @Override
        public String name() {
            return transfer.name();
        }

        @Override
        public AdaptationRun start(AdaptationTask task) {
            return (task.coldStart() ? coldStart : transfer).start(task);
        }
    }
}
