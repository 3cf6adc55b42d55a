package org.tunerd.daemon.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.device.replay.ReplayDevice;
import org.tunerd.daemon.device.sim.AnalyticModel;
import org.tunerd.daemon.device.sim.SimulatedDevice;
import org.tunerd.daemon.device.software.ArgumentDelivery;
import org.tunerd.daemon.device.software.EnvironmentDelivery;
import org.tunerd.daemon.device.software.SoftwareOption;
import org.tunerd.daemon.device.software.SoftwareOptions;
import org.tunerd.daemon.device.software.SoftwareOptionsDevice;
import org.tunerd.models.Datasets;
import org.tunerd.models.adaptation.Recommendation;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.optimize.Objective;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;

/** The verification rules on the replayed TX2 grid, which answers each configuration the same way every time. */
class VerifierTest {

    private static final Workload XCEPTION_600 = Workload.of("xception", 600, 600);

    private final ReplayDevice device = ReplayDevice.fromFolder(Datasets.tx2(), 0, 1);
    private final MeasurementSet truth = device.data(XCEPTION_600);
    private final List<String> reconfigured = new ArrayList<>();

    /**
     * Ten measured configurations of xception 600x600, lowest energy first: ranks 3, 10, 20, ..., 80 of the
     * 768 and one of the worst (rank 760, about nine times the energy of rank 3).
     */
    private List<Measurement> tenSamples() {
        List<Measurement> sorted = truth.measurements().stream().sorted(Comparator.comparingDouble(Measurement::energy))
                .toList();
        List<Measurement> out = new ArrayList<>();
        for (int rank : new int[] {3, 10, 20, 30, 40, 50, 60, 70, 80, 760}) {
            out.add(sorted.get(rank));
        }
        return out;
    }

    /** The samples with the worst one replaced by a lucky run of it, recorded below the best sample. */
    private List<Measurement> withALuckyRun() {
        List<Measurement> samples = new ArrayList<>(tenSamples());
        Measurement honest = samples.get(9);
        samples.set(9, new Measurement(honest.configuration(), honest.latency(), samples.get(0).energy() * 0.9));
        return samples;
    }

    private Verifier verifier(Objective objective, List<Measurement> samples) {
        TuningRequest request = new TuningRequest(XCEPTION_600.environment("TX2"), XCEPTION_600, objective,
                "STACKED-GP", "rf", samples.size(), List.of(), Duration.ZERO, 7, List.of());
        List<org.tunerd.models.space.Configuration> all = truth.measurements().stream()
                .map(Measurement::configuration).toList();
        double[] latency = truth.measurements().stream().mapToDouble(Measurement::latency).toArray();
        double[] energy = truth.measurements().stream().mapToDouble(Measurement::energy).toArray();
        TuningListener listener = new TuningListener() {
            @Override
            public void reconfigured(Reconfiguration r) {
                reconfigured.add(r.configuration().toString());
            }
        };
        return new Verifier(device, request, listener, new CancellationToken(), objective,
                new SpacePrediction(request.environment(), all, latency, energy), samples);
    }

    private static Recommendation bestMeasured(Measurement m) {
        return new Recommendation(m.configuration(), m.latency(), m.energy(), Recommendation.Basis.BEST_MEASURED,
                "best measured");
    }

    @Test
    void aSampleThatHoldsOnVerificationIsKeptWithoutAnotherRun() {
        List<Measurement> samples = tenSamples();

        Verifier.Verified v = verifier(new Objective.MinEnergy(), samples).verify(bestMeasured(samples.get(0)));

        assertEquals(1, v.verifications());
        assertEquals(samples.get(0), v.verified());
        assertEquals(samples.get(0).configuration(), device.current());
        assertEquals(1, reconfigured.size());
    }

    @Test
    void aLuckySampleContradictedByItsVerificationGivesWayToTheMeasuredConfigurationWhoseRunsAverageBest() {
        List<Measurement> samples = withALuckyRun();
        Measurement lucky = samples.get(9);

        Verifier.Verified v = verifier(new Objective.MinEnergy(), samples).verify(bestMeasured(lucky));

        // its two runs average about five times the best sample, so the best sample is verified next; that one
        // holds (the grid answers it the same way), and no other sample beats it
        assertEquals(2, v.verifications());
        assertEquals(samples.get(0).configuration(), device.current(), "the truly best sample is applied");
        assertEquals(samples.get(0).configuration(), v.verified().configuration());
        assertEquals(samples.get(0).energy(), v.verified().energy(), 1e-9, "the mean of two identical runs");
        assertTrue(v.reason().contains("contradicted its sample"), v.reason());
        assertEquals(2, reconfigured.size(), "the lucky one, then the best sample, left applied");
    }

    @Test
    void underALatencyBoundTheBoundRulesDecideAndNoRunIsSpentOnConfirmation() {
        List<Measurement> samples = withALuckyRun();
        Measurement lucky = samples.get(9);

        Verifier.Verified v = verifier(new Objective.MinEnergyWithinLatency(1e9), samples).verify(bestMeasured(lucky));

        assertEquals(1, v.verifications());
        assertEquals(lucky.configuration(), device.current());
    }

    @Test
    void theReasonNamesAStringOptionByItsLabelNotItsCode() {
        // a noise-free simulated board with a batch size and a declared precision (fp32 = code 0, fp16 = code 1)
        Device board = SoftwareOptionsDevice.wrap(SimulatedDevice.create("tx2", List.of(1L, 4L), 0, 1),
                new SoftwareOptions(List.of(
                        SoftwareOption.ofNumbers(AnalyticModel.BATCH_SIZE, List.of(1L, 4L),
                                new ArgumentDelivery("--batch={value}")),
                        SoftwareOption.ofStrings("precision", List.of("fp32", "fp16"),
                                new EnvironmentDelivery("PRECISION")))));
        ConfigurationSpace space = board.describe().space();
        Workload resnet = Workload.of("resnet50", 224, 224);
        Configuration fastest = space.maximum().with(AnalyticModel.BATCH_SIZE, 1).with("precision", 1);
        Configuration slowest = space.get(0).with(AnalyticModel.BATCH_SIZE, 1).with("precision", 0);
        board.apply(fastest);
        Measurement sample = board.measure(resnet);
        TuningRequest request = new TuningRequest(resnet.environment("TX2"), resnet, new Objective.MinLatency(),
                "STACKED-GP", "rf", 2, List.of(), Duration.ZERO, 7, List.of());
        Verifier verifier = new Verifier(board, request, new TuningListener() { }, new CancellationToken(),
                new Objective.MinLatency(), new SpacePrediction(request.environment(), List.of(fastest, slowest),
                new double[] {sample.latency(), 0.5 * sample.latency()}, new double[] {1, 1}), List.of(sample));

        // the model predicts the slowest setting fastest; its verification loses to the measured sample
        Verifier.Verified v = verifier.verify(new Recommendation(slowest, 0.5 * sample.latency(), 1,
                Recommendation.Basis.PREDICTED_OPTIMUM, "predicted fastest"));

        assertEquals(fastest, v.verified().configuration());
        assertTrue(v.reason().contains("measured sample beat the predicted best"), v.reason());
        assertTrue(v.reason().contains("precision=fp32"), v.reason());
        assertFalse(v.reason().contains("precision=0"), v.reason());
    }
}
