package org.tunerd.models.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.Option;

class RelabelledTest {

    private static final Environment ENV = new Environment("TX2", "x", 200, 200);
    private static final Option CORES = Option.ordinal("cores", List.of(1.0, 2.0));

    private static ConfigurationSpace space(String... precision) {
        return new ConfigurationSpace(List.of(CORES, Option.categorical("precision", List.of(precision))));
    }

    private static Configuration c(int cores, int precision) {
        return Configuration.of("cores", cores, "precision", precision);
    }

    @Test
    void reorderedLabelsAreRemappedByLabel() {
        ConfigurationSpace stored = space("fp32", "fp16");
        MeasurementSet set = new MeasurementSet(ENV, stored, List.of(new Measurement(c(1, 0), 1.0, 5.0),
                new Measurement(c(2, 1), 2.0, 6.0)), EnergyUnit.JOULES);

        Relabelled<MeasurementSet> r = Relabelled.of(set, space("fp16", "fp32"));

        MeasurementSet out = r.value();
        assertEquals(List.of("precision"), r.remappedOptions());
        assertEquals(0, r.droppedCount());
        assertEquals(1.0, out.find(c(1, 1)).orElseThrow().latency(), "fp32 was code 0, is code 1 on the device");
        assertEquals(2.0, out.find(c(2, 0)).orElseThrow().latency(), "fp16 was code 1, is code 0 on the device");
        assertEquals("fp32", out.space().require("precision").label(1));
        assertEquals(4, out.space().size());
        assertEquals(EnergyUnit.JOULES, out.energyUnit());
    }

    @Test
    void aLabelTheTargetLacksIsDroppedAndCounted() {
        ConfigurationSpace stored = space("fp32", "fp16", "int8");
        MeasurementSet set = new MeasurementSet(ENV, stored, List.of(new Measurement(c(1, 2), 1.0, 5.0),
                new Measurement(c(2, 2), 1.5, 5.0), new Measurement(c(2, 1), 2.0, 6.0)));

        Relabelled<MeasurementSet> r = Relabelled.of(set, space("fp16", "fp32"));

        assertEquals(Map.of("precision=int8", 2), r.dropped());
        assertEquals(List.of(c(2, 0)), r.value().configurations());
        assertEquals(List.of("fp16", "fp32"), r.value().space().require("precision").labels());
    }

    @Test
    void insertedLabelKeepsTheTargetsCodesAndOnlyTheCommonLabels() {
        MeasurementSet set = new MeasurementSet(ENV, space("fp32", "fp16"),
                List.of(new Measurement(c(1, 1), 1.0, 5.0)));

        Relabelled<MeasurementSet> r = Relabelled.of(set, space("int8", "fp32", "fp16"));

        assertEquals(List.of(c(1, 2)), r.value().configurations());
        Option precision = r.value().space().require("precision");
        assertEquals(List.of(1.0, 2.0), precision.values());
        assertEquals(List.of("fp32", "fp16"), precision.labels());
        assertEquals(4, r.value().space().size(), "the set's space keeps its size: coverage is unchanged");
    }

    @Test
    void identicalLabelsReturnTheSameInstance() {
        MeasurementSet set = new MeasurementSet(ENV, space("fp32", "fp16"),
                List.of(new Measurement(c(1, 1), 1.0, 5.0)));
        Relabelled<MeasurementSet> r = Relabelled.of(set, space("fp32", "fp16"));
        assertSame(set, r.value());
        assertFalse(r.remapped());

        List<Measurement> list = set.measurements();
        assertSame(list, Relabelled.of(list, set.space(), space("fp32", "fp16")).value());
    }

    @Test
    void repeatedRunsAreAllKept() {
        List<Measurement> runs = List.of(new Measurement(c(1, 0), 1.0, 1.0), new Measurement(c(1, 0), 3.0, 1.0),
                new Measurement(c(1, 0), 2.0, 1.0), new Measurement(c(2, 1), 4.0, 1.0));
        MeasurementSet set = MeasurementSet.ofRuns(ENV, space("fp32", "fp16"), runs, EnergyUnit.JOULES);

        MeasurementSet out = Relabelled.of(set, space("fp16", "fp32")).value();

        assertEquals(4, out.runCount());
        assertEquals(3, out.repetitions(c(1, 1)).orElseThrow().count());
        assertEquals(2.0, out.find(c(1, 1)).orElseThrow().latency(), "the median of the runs");
    }

    @Test
    void aListedSpaceListsTheRemappedConfigurations() {
        ConfigurationSpace listed = ConfigurationSpace.listed(List.of(CORES,
                Option.categorical("precision", List.of("fp32", "fp16", "int8"))), List.of(c(1, 0), c(2, 2), c(2, 1)));
        MeasurementSet set = new MeasurementSet(ENV, listed, List.of(new Measurement(c(1, 0), 1.0, 5.0),
                new Measurement(c(2, 2), 2.0, 5.0)));

        Relabelled<MeasurementSet> r = Relabelled.of(set, space("fp16", "fp32"));

        assertTrue(r.value().space().isListed());
        assertEquals(List.of(c(1, 1), c(2, 0)), r.value().space().configurations());
        assertEquals(List.of(c(1, 1)), r.value().configurations());
        assertEquals(1, r.droppedCount());
    }

    @Test
    void measurementListsAreRemappedInOrder() {
        List<Measurement> list = List.of(new Measurement(c(2, 1), 1.0, 1.0), new Measurement(c(1, 2), 2.0, 1.0),
                new Measurement(c(1, 0), 3.0, 1.0));
        Relabelled<List<Measurement>> r = Relabelled.of(list, space("fp32", "fp16", "int8"), space("fp16", "fp32"));
        assertEquals(List.of(c(2, 0), c(1, 1)), r.value().stream().map(Measurement::configuration).toList());
        assertEquals(Map.of("precision=int8", 1), r.dropped());
    }
}
