package org.tunerd.models.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.Option;

class MeasurementSetTest {

    private static final ConfigurationSpace SPACE = new ConfigurationSpace(List.of(
            Option.ordinal("cores", List.of(1.0, 2.0, 3.0))));
    private static final Environment ENV = new Environment("TX2", "x", 200, 200);
    private static final Configuration ONE = Configuration.of("cores", 1);
    private static final Configuration TWO = Configuration.of("cores", 2);

    @Test
    void repeatedRunsAreAllKeptAndTheModelsSeeTheirMedian() {
        List<Measurement> runs = List.of(new Measurement(TWO, 1.0, 10), new Measurement(ONE, 4.0, 40),
                new Measurement(TWO, 3.0, 12), new Measurement(TWO, 2.0, Double.NaN), new Measurement(ONE, 6.0, 44));
        MeasurementSet set = MeasurementSet.ofRuns(ENV, SPACE, runs, EnergyUnit.JOULES);
        assertEquals(List.of(TWO, ONE), set.configurations(), "in the order of each configuration's first run");
        assertEquals(5, set.runCount());
        assertEquals(3, set.maxRuns());
        Measurement two = set.find(TWO).orElseThrow();
        assertEquals(2.0, two.latency(), 0.0);
        assertEquals(11.0, two.energy(), 0.0, "median of the runs that have an energy value");
        assertEquals(5.0, set.find(ONE).orElseThrow().latency(), 0.0, "mean of the two middle values");
        Repetitions reps = set.repetitions(TWO).orElseThrow();
        assertEquals(3, reps.count());
        assertEquals(List.of(1.0, 3.0, 2.0), reps.runs().stream().map(Measurement::latency).toList());
        assertEquals(1.0, reps.min(Metric.LATENCY), 0.0);
        assertEquals(3.0, reps.max(Metric.LATENCY), 0.0);
        assertEquals(0.5, reps.coefficientOfVariation(Metric.LATENCY), 1e-12, "sd 1 / mean 2");
        assertEquals(Math.sqrt(2) / 5, set.repetitions(ONE).orElseThrow().coefficientOfVariation(Metric.LATENCY), 1e-12);
        assertEquals((0.5 + Math.sqrt(2) / 5) / 2, set.repeatability(Metric.LATENCY), 1e-12);
        assertTrue(set.repetitions(Configuration.of("cores", 3)).isEmpty());
        assertEquals(EnergyUnit.JOULES, set.energyUnit());
        assertTrue(set.toString().contains("5 runs"), set.toString());
    }

    @Test
    void aSetOfSingleMeasurementsHasOneRunEachAndRefusesDuplicates() {
        MeasurementSet set = new MeasurementSet(ENV, SPACE, List.of(new Measurement(ONE, 1, 2)));
        assertEquals(EnergyUnit.UNSPECIFIED, set.energyUnit());
        assertEquals(1, set.repetitions(ONE).orElseThrow().count());
        assertEquals(1, set.maxRuns());
        assertEquals(Double.NaN, set.repeatability(Metric.LATENCY));
        assertThrows(IllegalArgumentException.class, () -> new MeasurementSet(ENV, SPACE,
                List.of(new Measurement(ONE, 1, 2), new Measurement(ONE, 1, 3))));
        assertThrows(IllegalArgumentException.class, () -> MeasurementSet.ofRuns(ENV, SPACE,
                List.of(new Measurement(Configuration.of("cores", 4), 1, 2)), EnergyUnit.JOULES), "outside the space");
    }

    @Test
    void theEnergyUnitTravelsWithTheData() {
        EnergyUnit data = EnergyUnit.ofData("power_consumption as recorded");
        MeasurementSet set = MeasurementSet.ofRuns(ENV, SPACE, List.of(new Measurement(ONE, 1, 2),
                new Measurement(ONE, 3, 4)), data);
        assertEquals(data, set.withMeasurements(set.measurements()).energyUnit());
        MeasurementSet joules = set.withEnergyUnit(EnergyUnit.JOULES);
        assertEquals(EnergyUnit.JOULES, joules.energyUnit());
        assertEquals(2, joules.runCount(), "runs are kept");
        assertEquals("units", Metric.ENERGY.unit(data));
        assertEquals("s", Metric.LATENCY.unit(data));
        assertEquals("J", Metric.ENERGY.unit(EnergyUnit.JOULES));
        assertTrue(EnergyUnit.JOULES.isJoules());
        assertTrue(!data.isJoules() && data.description().contains("units of the data"));
    }
}
