package org.tunerd.daemon.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.daemon.device.ForwardingDevice;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.device.replay.ReplayDevice;
import org.tunerd.daemon.device.sim.SimulatedDevice;
import org.tunerd.models.Datasets;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.optimize.Objective;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Constraint;
import org.tunerd.models.transfer.Source;

class TuningSessionTest {

    private static final Workload XCEPTION_600 = Workload.of("xception", 600, 600);

    private static final String INCEPTION_600 = "inceptionv3_600x600";

    /** A session on the replayed TX2: xception 600x600, minimum energy, transferring from inceptionv3 600x600. */
    private static TuningOutcome tuneXception(ReplayDevice device, String strategy, int budget,
                                              List<Measurement> resumed, Recorder recorder) {
        return tuneXception(device, strategy, budget, resumed, recorder, List.of(Datasets.read(INCEPTION_600)));
    }

    private static TuningOutcome tuneXception(ReplayDevice device, String strategy, int budget,
                                              List<Measurement> resumed, Recorder recorder,
                                              List<MeasurementSet> sources) {
        TuningRequest request = new TuningRequest(XCEPTION_600.environment("TX2"), XCEPTION_600, new Objective.MinEnergy(),
                strategy, "rf", budget, List.of(), Duration.ZERO, 7, resumed);
        return new TuningSession(device, request, sources.stream().map(Source::new).toList(), recorder,
                new CancellationToken()).run();
    }

    @Test
    void transfersOnMeasuredDataAndLeavesTheDeviceAtAGoodConfiguration() {
        ReplayDevice device = ReplayDevice.fromFolder(Datasets.tx2(), 0, 1);
        MeasurementSet truth = device.data(XCEPTION_600);
        Recorder recorder = new Recorder();

        TuningOutcome outcome = tuneXception(device, "LMS", 19, List.of(), recorder);

        assertEquals(19, outcome.samples().size());
        assertEquals(20, outcome.measurementsUsed());
        assertEquals(Datasets.read(INCEPTION_600).environment(), outcome.source().orElseThrow());
        assertEquals(outcome.applied(), device.current(), "the device ends at the chosen configuration");
        assertEquals(768, outcome.prediction().size());
        double regret = truth.find(outcome.applied()).orElseThrow().energy() / truth.best(Metric.ENERGY).energy() - 1;
        assertTrue(regret < 0.25, "energy regret " + regret);
        assertEquals(List.of("started", "sample x19", "fitted", "reconfigured", "finished"), recorder.compact());
        assertEquals(SessionPhase.MEASURING, recorder.phases.get(0));
        assertEquals(SessionPhase.FITTING, recorder.phases.get(1));
        assertTrue(recorder.phases.subList(2, recorder.phases.size()).contains(SessionPhase.APPLYING));
        assertTrue(outcome.quality().latencyCvMape() > 0 && outcome.quality().latencyCvMape() < 100);
    }

    @Test
    void withStackedGpTheOptimiserChoosesEachMeasurementAndTheBestMeasuredIsApplied() {
        ReplayDevice device = ReplayDevice.fromFolder(Datasets.tx2(), 0, 1);
        MeasurementSet truth = device.data(XCEPTION_600);
        Recorder recorder = new Recorder();
        TuningOutcome outcome = tuneXception(device, "STACKED-GP", 10, List.of(), recorder);

        assertEquals(10, outcome.samples().size());
        assertTrue(recorder.plan.isEmpty(), "no up-front plan: chosen one at a time");
        assertTrue(outcome.samples().stream().anyMatch(m -> m.configuration().equals(outcome.applied())),
                "the applied configuration is a measured one");
        double bestSample = outcome.samples().stream().mapToDouble(Measurement::energy).min().orElseThrow();
        assertEquals(bestSample, truth.find(outcome.applied()).orElseThrow().energy(), 0.0);
        double regret = bestSample / truth.best(Metric.ENERGY).energy() - 1;
        assertTrue(regret < 0.05, "energy regret at 10 measurements: " + regret);
        assertEquals(device.current(), outcome.applied());
        assertEquals(List.of(SessionPhase.MEASURING, SessionPhase.FITTING, SessionPhase.APPLYING, SessionPhase.VERIFYING),
                recorder.phases, "the phases a session reports, in order");
    }

    @Test
    void aStrategyThatUsesOneSourceIgnoresAndDoesNotNameTheOthers() {
        ReplayDevice device = ReplayDevice.fromFolder(Datasets.tx2(), 0, 1);
        MeasurementSet inception = Datasets.read(INCEPTION_600);
        MeasurementSet xception = Datasets.read("xception_200x200");
        Recorder recorder = new Recorder();
        TuningOutcome outcome = tuneXception(device, "LMS", 10, List.of(), recorder, List.of(inception, xception));
        assertEquals(inception.environment(), outcome.source().orElseThrow());
        assertEquals(List.of(), outcome.extraSources());
        assertEquals(List.of(), recorder.extra);

        Recorder stacked = new Recorder();
        TuningOutcome pooled = tuneXception(device, "STACKED-GP", 10, List.of(), stacked, List.of(inception, xception));
        assertEquals(List.of(xception.environment()), pooled.extraSources());
        assertEquals(List.of(xception.environment()), stacked.extra);
    }

    @Test
    void aColdStartSamplesUniformlyWithinTheConstraints() {
        SimulatedDevice device = SimulatedDevice.tx2(3);
        Workload workload = Workload.of("resnet50", 400, 400);
        TuningOutcome outcome = new TuningSession(device, new TuningRequest(workload.environment("sim-tx2"), workload,
                new Objective.MinLatency(), "LMS", "rf", 12, List.of(Constraint.atLeast("cores", 2)), Duration.ZERO, 1,
                List.of()), List.of(), new Recorder(), new CancellationToken()).run();
        assertTrue(outcome.coldStart());
        assertEquals("Scratch", outcome.strategy());
        assertEquals(12, outcome.samples().size());
        assertTrue(outcome.samples().stream().allMatch(m -> m.configuration().get("cores") >= 2));
        assertTrue(outcome.applied().get("cores") >= 2);
        assertTrue(outcome.prediction().configurations().stream().allMatch(c -> c.get("cores") >= 2));
    }

    @Test
    void underALatencySloAVerificationAboveTheBoundFallsBackToAMeasuredConfigurationWithHeadroom() {
        ReplayDevice replay = ReplayDevice.fromFolder(Datasets.tx2(), 0, 1);
        MeasurementSet truth = replay.data(XCEPTION_600);
        double slo = truth.measurements().stream().mapToDouble(Measurement::latency).sorted()
                .skip(truth.size() / 2).findFirst().orElseThrow();
        SlowerWhenRemeasured device = new SlowerWhenRemeasured(replay, 1.15);
        Recorder recorder = new Recorder();
        TuningRequest request = new TuningRequest(XCEPTION_600.environment("TX2"), XCEPTION_600,
                new Objective.MinEnergyWithinLatency(slo), "STACKED-GP", "rf", 19, List.of(), Duration.ZERO, 7,
                List.of());

        TuningOutcome outcome = new TuningSession(device, request, List.of(new Source(Datasets.read(INCEPTION_600))),
                recorder, new CancellationToken()).run();

        assertTrue(outcome.verifications() >= 2, "the first applied configuration, close to the bound, missed it");
        assertEquals(19 + outcome.verifications(), outcome.measurementsUsed());
        assertTrue(outcome.verified().latency() <= slo, outcome.verified() + " vs SLO " + slo);
        assertEquals(outcome.applied(), device.current(), "the device ends at the configuration that met the SLO");
        assertTrue(outcome.reason().contains("missed the SLO on verification"), outcome.reason());
        assertEquals(outcome.verifications(), recorder.events.stream().filter("reconfigured"::equals).count(),
                "one reconfiguration per verified configuration");
    }

    /** Each configuration measures slower from its second measurement on: a board whose latency drifts up. */
    private static final class SlowerWhenRemeasured extends ForwardingDevice {
        private final double factor;
        private final java.util.Map<Configuration, Integer> measured = new java.util.HashMap<>();

        SlowerWhenRemeasured(Device delegate, double factor) {
            super(delegate);
            this.factor = factor;
        }

        @Override
        public Measurement measure(Workload workload) {
            Measurement m = super.measure(workload);
            if (measured.merge(m.configuration(), 1, Integer::sum) == 1) {
                return m;
            }
            return new Measurement(m.configuration(), m.latency() * factor, m.energy() * factor);
        }
    }

    @Test
    void aResumedSessionReusesItsEarlierMeasurements() {
        ReplayDevice device = ReplayDevice.fromFolder(Datasets.tx2(), 0, 1);
        Recorder first = new Recorder();
        tuneXception(device, "LMS", 10, List.of(), first);
        List<Measurement> firstFour = first.samples.subList(0, 4);

        Recorder resumed = new Recorder();
        TuningOutcome outcome = tuneXception(device, "LMS", 10, firstFour, resumed);
        assertTrue(resumed.resumed);
        assertEquals(6, resumed.samples.size(), "only the rest of the plan is measured again");
        assertEquals(10, outcome.samples().size());
        assertEquals(first.samples, outcome.samples(), "same seed, same plan");
    }

    @Test
    void aDeviceFailureRollsBackAndIsReported() {
        SimulatedDevice simulated = SimulatedDevice.tx2(3);
        Configuration before = simulated.current();
        FailingDevice device = new FailingDevice(simulated, 5);
        Recorder recorder = new Recorder();
        Workload workload = Workload.of("xception", 400, 400);
        assertThrows(DeviceException.class, () -> new TuningSession(device, new TuningRequest(
                workload.environment("sim-tx2"), workload, new Objective.MinEnergy(), "LMS", "rf", 10, List.of(),
                Duration.ZERO, 1, List.of()), List.of(), recorder, new CancellationToken()).run());
        assertEquals(before, simulated.current(), "rolled back to the configuration before the session");
        assertTrue(recorder.events.contains("failed"));
    }

    @Test
    void cancellationStopsBetweenMeasurementsAndRollsBack() {
        SimulatedDevice device = SimulatedDevice.tx2(3);
        Configuration before = device.current();
        CancellationToken token = new CancellationToken();
        Recorder recorder = new Recorder() {
            @Override
            public void sampleMeasured(SampleTaken sample) {
                super.sampleMeasured(sample);
                if (sample.index() == 3) {
                    token.cancel("newer environment");
                }
            }
        };
        Workload workload = Workload.of("xception", 400, 400);
        var e = assertThrows(TuningCancelledException.class, () -> new TuningSession(device, new TuningRequest(
                workload.environment("sim-tx2"), workload, new Objective.MinEnergy(), "LMS", "rf", 10, List.of(),
                Duration.ofMillis(1), 1, List.of()), List.of(), recorder, token).run());
        assertEquals("newer environment", e.getMessage());
        assertEquals(3, recorder.samples.size());
        assertEquals(before, device.current());
        assertTrue(recorder.events.contains("cancelled"));
        assertFalse(recorder.events.contains("finished"));
    }

    /** Records the listener calls. */
    static class Recorder implements TuningListener {
        final List<String> events = new ArrayList<>();
        final List<Measurement> samples = new ArrayList<>();
        final List<SessionPhase> phases = new ArrayList<>();
        List<Configuration> plan = List.of();
        List<org.tunerd.models.space.Environment> extra = List.of();
        boolean resumed;

        @Override
        public void phaseChanged(PhaseChange change) {
            phases.add(change.phase());
        }

        @Override
        public void started(SessionStart start) {
            events.add("started");
            this.extra = start.extraSources();
            this.plan = start.plan();
            this.resumed = start.resumed();
        }

        @Override
        public void sampleMeasured(SampleTaken sample) {
            events.add("sample");
            samples.add(sample.measurement());
        }

        @Override
        public void modelsFitted(ModelsFitted fitted) {
            events.add("fitted");
        }

        @Override
        public void reconfigured(Reconfiguration reconfiguration) {
            events.add("reconfigured");
        }

        @Override
        public void finished(TuningOutcome o) {
            events.add("finished");
        }

        @Override
        public void failed(SessionFailure failure) {
            events.add("failed");
        }

        @Override
        public void cancelled(SessionCancellation cancellation) {
            events.add("cancelled");
        }

        List<String> compact() {
            List<String> out = new ArrayList<>();
            int samplesSeen = 0;
            for (String e : events) {
                if (e.equals("sample")) {
                    samplesSeen++;
                    continue;
                }
                if (samplesSeen > 0) {
                    out.add("sample x" + samplesSeen);
                    samplesSeen = 0;
                }
                if (!e.equals("reconfigured") || !out.contains("reconfigured")) {
                    out.add(e);
                }
            }
            return out;
        }
    }

    /** A device whose n-th apply fails, as a board whose sysfs write does not take. */
    static final class FailingDevice extends ForwardingDevice {
        private final int failAt;
        private int applies;

        FailingDevice(Device delegate, int failAt) {
            super(delegate);
            this.failAt = failAt;
        }

        @Override
        public void apply(Configuration configuration) {
            if (++applies == failAt) {
                throw new DeviceException("gpu max_freq did not take");
            }
            super.apply(configuration);
        }
    }
}
