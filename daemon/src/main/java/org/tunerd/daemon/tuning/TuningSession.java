package org.tunerd.daemon.tuning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.DeviceDescription;
import org.tunerd.models.adaptation.AdaptationResult;
import org.tunerd.models.adaptation.AdaptationRun;
import org.tunerd.models.adaptation.AdaptationTask;
import org.tunerd.models.adaptation.Adaptations;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.optimize.Objective;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.transfer.Source;

/**
 * One adaptation to one environment, run on the tuning thread (never an event loop). The request's
 * adaptation ({@link Adaptations}) chooses each configuration, the session measures it (apply, settle,
 * measure; cancellable between measurements; each sample reported so it can be persisted), the adaptation
 * fits the latency and energy models and recommends a configuration, and the {@link Verifier} applies and
 * verifies it. Without a source the adaptation is a cold start. Any device failure or cancellation puts
 * the device back into the configuration it had before the session. The session reports its phases
 * ({@link SessionPhase#MEASURING}, {@code FITTING}, {@code APPLYING}, {@code VERIFYING}) and every step to its
 * listener.
 */
public final class TuningSession {

    private static final Logger LOG = LoggerFactory.getLogger(TuningSession.class);

    private final Device device;
    private final TuningRequest request;
    private final List<Source> sources;
    private final TuningListener listener;
    private final CancellationToken token;
    private final Environment environment;

    /**
     * @param sources the stored environments to transfer from, the primary one first; how many the models use
     *                is the adaptation's choice (STACKED-GP uses all, the planned strategies the primary one).
     *                Empty = cold start.
     */
    public TuningSession(Device device, TuningRequest request, List<Source> sources, TuningListener listener,
                         CancellationToken token) {
        this.device = device;
        this.request = request;
        this.sources = List.copyOf(sources);
        this.listener = listener;
        this.token = token;
        this.environment = request.environment();
    }

    /** Runs the session; throws {@link TuningCancelledException} when cancelled, other exceptions on failure. */
    public TuningOutcome run() {
        DeviceDescription description = device.describe();
        ConfigurationSpace space = description.space().withConstraints(request.constraints());
        if (space.size() == 0) {
            throw new IllegalArgumentException("the constraints " + request.constraints()
                    + " exclude every configuration of " + description.hardware());
        }
        Configuration before = device.current();
        try {
            return tune(description, space);
        } catch (TuningCancelledException e) {
            rollBack(before);
            listener.cancelled(new SessionCancellation(environment, e.getMessage()));
            throw e;
        } catch (RuntimeException e) {
            rollBack(before);
            listener.failed(new SessionFailure(environment, e.getMessage()));
            throw e;
        }
    }

    private TuningOutcome tune(DeviceDescription description, ConfigurationSpace space) {
        Objective objective = objective(description);
        AdaptationRun run = Adaptations.create(request.strategy(), request.learner(), request.seed())
                .start(new AdaptationTask(space, sources, objective, request.budget(), request.seed(), resumed(space),
                        description.energyAvailable()));
        Optional<Environment> source = run.sources().stream().findFirst().map(s -> s.data().environment());
        List<Environment> extra = run.sources().stream().skip(1).map(s -> s.data().environment()).toList();

        phase(SessionPhase.MEASURING);
        listener.started(new SessionStart(environment, source, extra, run.name(), request.budget(), run.plan(),
                !run.measurements().isEmpty()));
        while (!run.done()) {
            Measurement m = measureAt(run.next());
            run.observe(m);
            listener.sampleMeasured(new SampleTaken(environment, run.measurements().size(), run.planned(), m));
        }
        token.check();

        phase(SessionPhase.FITTING);
        AdaptationResult fitted = run.fit();
        ModelQuality quality = new ModelQuality(fitted.samples().size(), fitted.latencyCvMape(), fitted.energyCvMape());
        listener.modelsFitted(new ModelsFitted(environment, quality));
        token.check();

        SpacePrediction prediction = new SpacePrediction(environment, fitted.candidates(), fitted.latencies(),
                fitted.energies());
        Verifier.Verified kept = new Verifier(device, request, listener, token, objective, prediction, fitted.samples())
                .verify(fitted.recommendation());
        TuningOutcome outcome = new TuningOutcome(environment, source, extra, run.name(),
                request.learner().trim().toLowerCase(Locale.ROOT), fitted.samples(), quality, prediction,
                kept.verified().configuration(), kept.predicted(), kept.verified(), kept.verifications(), kept.reason());
        listener.finished(outcome);
        return outcome;
    }

    /** The request's objective, or minimum latency if it needs energy and the device has no energy sensor. */
    private Objective objective(DeviceDescription description) {
        Objective objective = request.objective();
        if (!description.energyAvailable() && objective.needsEnergy()) {
            LOG.warn("no energy sensor on {}: optimising latency instead of {}", description.hardware(), objective);
            return new Objective.MinLatency();
        }
        return objective;
    }

    /** The request's earlier measurements that the constraints allow, one per configuration. */
    private List<Measurement> resumed(ConfigurationSpace space) {
        List<Measurement> earlier = new ArrayList<>();
        Set<Configuration> seen = new HashSet<>();
        for (Measurement m : request.resumed()) {
            if (space.allows(m.configuration()) && seen.add(m.configuration())) {
                earlier.add(m);
            }
        }
        return earlier;
    }

    /** One sample: stops here if cancelled, then applies {@code c}, lets it settle and measures the workload. */
    private Measurement measureAt(Configuration c) {
        token.check();
        device.apply(c);
        token.sleep(request.settle());
        return device.measure(request.workload());
    }

    private void phase(SessionPhase phase) {
        listener.phaseChanged(new PhaseChange(environment, phase));
    }

    private void rollBack(Configuration before) {
        try {
            device.apply(before);
        } catch (RuntimeException e) {
            LOG.error("could not roll the device back to {}: {}", before, e.getMessage());
        }
    }
}
