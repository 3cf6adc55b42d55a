package org.tunerd.models.adaptation;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.Metric;
import org.tunerd.models.learn.Model;
import org.tunerd.models.learn.ValidatedModel;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.transfer.Source;

/**
 * One adaptation in progress: names the configurations to measure ({@link #next()} and {@link #observe}
 * until {@link #done()}), then {@link #fit()}s the latency and energy models and recommends the configuration
 * to apply. Created by {@link Adaptation#start}; not thread-safe (one session drives it).
 */
public final class AdaptationRun {

    private final String name;
    private final AdaptationTask task;
    private final List<Configuration> candidates;
    private final List<Source> sources;
    private final MeasurementChoice choice;
    private final TargetModel model;

    AdaptationRun(String name, AdaptationTask task, List<Source> sources, MeasurementChoice choice, TargetModel model) {
        this(name, task, task.candidates(), sources, choice, model);
    }

    /** A run that measures, predicts and recommends among {@code candidates} (the task's space or a subset). */
    AdaptationRun(String name, AdaptationTask task, List<Configuration> candidates, List<Source> sources,
                  MeasurementChoice choice, TargetModel model) {
        this.name = Objects.requireNonNull(name, "name");
        this.task = Objects.requireNonNull(task, "task");
        this.candidates = List.copyOf(candidates);
        this.sources = List.copyOf(sources);
        this.choice = Objects.requireNonNull(choice, "choice");
        this.model = Objects.requireNonNull(model, "model");
    }

    /** What runs, for reports: the adaptation's name, or {@code Scratch} for a cold start. */
    public String name() {
        return name;
    }

    /** The sources the models transfer from, the primary one first: the task's, or only its primary one. */
    public List<Source> sources() {
        return sources;
    }

    /** The configurations planned up front (those resumed included); empty when chosen one at a time. */
    public List<Configuration> plan() {
        return choice.plan();
    }

    /** The most measurements this run takes: its plan's size, or its budget when it chooses one at a time. */
    public int planned() {
        return choice.planned();
    }

    /** True when no further measurement is wanted. */
    public boolean done() {
        return choice.done();
    }

    /** The configuration to measure next, the same until it is observed. */
    public Configuration next() {
        return choice.next();
    }

    /** Records the measurement of the configuration {@link #next()} named. */
    public void observe(Measurement measurement) {
        choice.observe(measurement);
    }

    /** The measurements so far: those resumed that the run uses, then the new ones. */
    public List<Measurement> measurements() {
        return choice.measurements();
    }

    /**
     * Fits the latency model and, when the device and every sample measured energy, the energy model on the
     * measurements; estimates their accuracy by cross-validation ({@link TargetModel#fitValidated}); predicts every candidate (the task's space, or
     * for a large space the {@link CandidateSet} the run chose among); and recommends
     * the configuration to apply.
     */
    public AdaptationResult fit() {
        List<Measurement> samples = choice.measurements();
        boolean withEnergy = task.energy() && samples.stream().allMatch(Measurement::hasEnergy);
        List<ValidatedModel> fits = model.fitValidated(withEnergy ? List.of(Metric.LATENCY, Metric.ENERGY)
                : List.of(Metric.LATENCY), samples);
        ValidatedModel latencyFit = fits.get(0);
        Optional<ValidatedModel> energyFit = withEnergy ? Optional.of(fits.get(1)) : Optional.empty();
        Model latency = latencyFit.model();
        Optional<Model> energy = energyFit.map(ValidatedModel::model);
        double latencyCv = latencyFit.cvMape();
        double energyCv = energyFit.map(ValidatedModel::cvMape).orElse(Double.NaN);
        double[] latencies = latency.predict(candidates);
        double[] energies = energy.map(m -> m.predict(candidates)).orElseGet(() -> nans(candidates.size()));
        Recommendation recommendation = choice.recommend(task.objective(), candidates, latencies, energies);
        return new AdaptationResult(samples, latency, energy, latencyCv, energyCv, latencies, energies, recommendation,
                candidates);
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
