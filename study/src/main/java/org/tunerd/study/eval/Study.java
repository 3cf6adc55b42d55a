package org.tunerd.study.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.learn.Accuracy;
import org.tunerd.models.learn.Learner;
import org.tunerd.models.learn.Learners;
import org.tunerd.models.learn.Model;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.SoftwareValues;
import org.tunerd.models.transfer.Source;
import org.tunerd.models.transfer.Strategies;
import org.tunerd.models.transfer.TransferStrategy;

/**
 * The offline transfer study: source x targets x strategies x learners x repetitions, for latency and
 * energy.
 *
 * <p>In each repetition a strategy plans within the budget among the target's measured configurations
 * (the candidates), the planned configurations' measurements are looked up, the target model of each
 * metric is fitted and predicts every measured target configuration; MAPE, NMSE and regret compare the
 * predictions with the measurements. Source models are fitted once per metric and learner and shared.
 *
 * <p>Every repetition of a target draws from {@code Random(seed, target, repetition)}, the same for every
 * strategy and learner (common random numbers: LMS, NLMS and Scratch measure the same random sample in
 * a repetition, so their differences are not sampling luck). Learners are seeded from the seed. Results
 * are identical for equal settings whatever the thread count.
 */
public final class Study {

    private static final Logger LOG = LoggerFactory.getLogger(Study.class);

    /** Called after each finished unit of work (one repetition of one strategy and learner on one target). */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total, String finished);

        Progress NONE = (done, total, finished) -> { };
    }

    private final StudySettings settings;

    public Study(StudySettings settings) {
        this.settings = settings;
    }

    /** A data set's study name: {@code dnn_WxH}, e.g. {@code xception_600x600}. */
    public static String name(MeasurementSet set) {
        return set.environment().dnn() + "_" + set.environment().size();
    }

    public StudyResult run(MeasurementSet sourceData, List<MeasurementSet> targets, Progress progress) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("the study needs at least one target");
        }
        checkDistinct(targets);
        long started = System.nanoTime();
        Source source = new Source(sourceData);
        List<Learner> learners = settings.learners().stream().map(n -> Learners.create(n, settings.seed())).toList();
        List<TransferStrategy> strategies = settings.strategies().stream().map(Strategies::create).toList();

        record Task(MeasurementSet target, TransferStrategy strategy, Learner learner, int repetition) {
        }
        List<Task> tasks = new ArrayList<>();
        for (MeasurementSet target : targets) {
            for (TransferStrategy strategy : strategies) {
                for (Learner learner : learners) {
                    for (int r = 0; r < settings.repetitions(); r++) {
                        tasks.add(new Task(target, strategy, learner, r));
                    }
                }
            }
        }
        LOG.info("study: source {}, {} targets, strategies {}, learners {}, {} repetitions, budget {}: {} runs",
                name(sourceData), targets.size(), settings.strategies(), settings.learners(), settings.repetitions(),
                settings.budget(), tasks.size());

        long sourceStart = System.nanoTime();
        for (Learner learner : learners) {
            for (Metric metric : Metric.values()) {
                source.model(metric, learner);
            }
        }
        double sourceSeconds = (System.nanoTime() - sourceStart) / 1e9;
        LOG.info("study: source models fitted in {} s", String.format(java.util.Locale.ROOT, "%.2f", sourceSeconds));

        AtomicInteger done = new AtomicInteger();
        int logEvery = Math.max(1, tasks.size() / 10);
        List<List<RepetitionResult>> results = new ArrayList<>();
        ExecutorService pool = settings.threads() > 1 ? Executors.newFixedThreadPool(settings.threads()) : null;
        try {
            List<Future<List<RepetitionResult>>> futures = new ArrayList<>();
            for (Task t : tasks) {
                java.util.concurrent.Callable<List<RepetitionResult>> work = () -> {
                    List<RepetitionResult> r = runOne(source, t.target(), t.strategy(), t.learner(), t.repetition());
                    int d = done.incrementAndGet();
                    String what = name(t.target()) + " " + t.strategy().name() + "/" + t.learner().name() + " #"
                            + t.repetition();
                    if (d % logEvery == 0 || d == tasks.size()) {
                        LOG.info("study: {}/{} runs done", d, tasks.size());
                    }
                    progress.update(d, tasks.size(), what);
                    return r;
                };
                if (pool == null) {
                    results.add(work.call());
                } else {
                    futures.add(pool.submit(work));
                }
            }
            for (Future<List<RepetitionResult>> f : futures) {
                results.add(f.get());
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("study interrupted", e);
        } catch (Exception e) {
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        List<RepetitionResult> rows = results.stream().flatMap(List::stream).toList();
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.info("study: finished in {} s", String.format(java.util.Locale.ROOT, "%.2f", seconds));
        return new StudyResult(name(sourceData), settings, rows, sourceSeconds, seconds);
    }

    /** The random generator of one target and repetition, the same for every strategy and learner. */
    static Random random(long seed, String target, int repetition) {
        long h = seed * 0x9E3779B97F4A7C15L;
        h ^= target.hashCode() * 0xC2B2AE3D27D4EB4FL;
        h ^= (repetition + 1) * 0x165667B19E3779F9L;
        return new Random(h);
    }

    /**
     * One repetition of {@code strategy} with {@code learner} on {@code target}; a strategy or learner that
     * refuses the samples (too few for it, say) fails naming the target, the strategy, the learner and the
     * number of samples, with the refusal's own message (which names the minimum).
     */
    private List<RepetitionResult> runOne(Source source, MeasurementSet target, TransferStrategy strategy,
            Learner learner, int repetition) {
        try {
            return runChecked(source, target, strategy, learner, repetition);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target " + name(target) + ", strategy " + strategy.name() + " with learner "
                    + learner.name() + ", " + settings.budget().samples(target.size()) + " target samples: "
                    + e.getMessage(), e);
        }
    }

    private List<RepetitionResult> runChecked(Source source, MeasurementSet target, TransferStrategy strategy,
            Learner learner, int repetition) {
        List<Configuration> candidates = target.configurations();
        int budget = settings.budget().samples(candidates.size());
        List<Configuration> plan = strategy.plan(source, candidates, budget, random(settings.seed(), name(target),
                repetition));
        if (plan.size() > budget || new HashSet<>(plan).size() != plan.size()) {
            throw new IllegalStateException(strategy.name() + " planned " + plan.size() + " configurations ("
                    + new HashSet<>(plan).size() + " distinct) for a budget of " + budget);
        }
        List<Measurement> samples = new ArrayList<>(plan.size());
        for (Configuration c : plan) {
            samples.add(target.find(c).orElseThrow(() -> new IllegalStateException(strategy.name()
                    + " planned " + SoftwareValues.text(target.space(), c) + ", which is not a measured configuration of "
                    + name(target))));
        }
        List<RepetitionResult> out = new ArrayList<>(2);
        for (Metric metric : Metric.values()) {
            double[] truth = target.values(metric);
            for (int i = 0; i < truth.length; i++) {
                if (Double.isNaN(truth[i])) {
                    throw new IllegalArgumentException("target " + name(target) + " has no " + metric.key() + " for "
                            + SoftwareValues.text(target.space(), target.get(i).configuration())
                            + "; the study needs both metrics for every row");
                }
            }
            long start = System.nanoTime();
            Model model = strategy.fit(source, learner, metric, samples);
            double[] predicted = model.predict(candidates);
            double seconds = (System.nanoTime() - start) / 1e9;
            out.add(new RepetitionResult(name(source.data()), name(target), strategy.name(), learner.name(), repetition,
                    metric, samples.size(), Accuracy.mape(truth, predicted), Metrics.nmse(truth, predicted),
                    Metrics.regret(truth, predicted), seconds));
        }
        return out;
    }

    /** Names must be unique for the result tables to be unambiguous. */
    static void checkDistinct(List<MeasurementSet> targets) {
        Set<String> seen = new HashSet<>();
        for (MeasurementSet t : targets) {
            if (!seen.add(name(t))) {
                throw new IllegalArgumentException("two targets are both named " + name(t));
            }
        }
    }
}
