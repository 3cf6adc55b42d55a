package org.tunerd.models.space;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tunerd.models.adaptation.AdaptationRun;
import org.tunerd.models.adaptation.AdaptationTask;
import org.tunerd.models.adaptation.Adaptations;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.optimize.Objective;
import org.tunerd.models.transfer.Source;

/**
 * Errors that name a configuration show a string (categorical) value by its label, as users name it, where
 * the space is at hand; a configuration on its own, which cannot know its labels, names its options and no
 * codes.
 */
class ErrorsByLabelTest {

    private static final Option CORES = Option.ordinal("cores", List.of(1.0, 2.0, 3.0, 4.0));
    private static final Option CPU_FREQ = Option.ordinal("cpu_freq", List.of(1.0e6, 2.0e6));
    private static final Option PRECISION = Option.categorical("precision", List.of("fp32", "fp16"));
    private static final Environment ENV = new Environment("tx2", "resnet", 224, 224);

    @Test
    void aSourceWithAnOptionTheTargetLacksIsRefusedWhenTheTaskIsMadeNamingTheOption() {
        ConfigurationSpace source = new ConfigurationSpace(List.of(CORES, CPU_FREQ, PRECISION));
        ConfigurationSpace target = new ConfigurationSpace(List.of(CORES, PRECISION));
        List<Source> sources = List.of(new Source(new MeasurementSet(ENV, source, measuredOver(source))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AdaptationTask(target,
                sources, new Objective.MinLatency(), 4, 1, List.of(), true));
        assertTrue(e.getMessage().contains("source " + ENV.id() + " was measured with option [cpu_freq] that the "
                + "target space does not have (its options: [cores, precision])"), e.getMessage());
        // the other way round is allowed: the target may have options the source did not vary
        AdaptationRun run = Adaptations.create("LMS", "ols", 1).start(new AdaptationTask(source, List.of(
                new Source(new MeasurementSet(ENV, target, measuredOver(target)))), new Objective.MinLatency(), 4, 1,
                List.of(), true));
        assertFalse(run.done());
    }

    @Test
    void aConfigurationAskedForAnOptionItLacksNamesItsOptionsNotItsCodes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Configuration.of("cores", 1, "precision", 1).get("cpu_freq"));
        assertTrue(e.getMessage().contains("[cores, precision] has no option 'cpu_freq'"), e.getMessage());
        assertFalse(e.getMessage().contains("precision="), "no categorical code: " + e.getMessage());
    }

    private static List<Measurement> measuredOver(ConfigurationSpace space) {
        List<Measurement> measured = new ArrayList<>();
        for (Configuration c : space.configurations()) {
            measured.add(new Measurement(c, 1 / c.get("cores") + c.get("precision"), 1 + c.get("cores")));
        }
        return measured;
    }

    @Test
    void aConfigurationMeasuredTwiceIsNamedByLabel() {
        ConfigurationSpace space = new ConfigurationSpace(List.of(CORES, PRECISION));
        Configuration fp16 = Configuration.of("cores", 2, "precision", 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MeasurementSet(ENV,
                space, List.of(new Measurement(fp16, 1, 2), new Measurement(fp16, 1, 3))));
        assertTrue(e.getMessage().contains("{cores=2, precision=fp16}"), e.getMessage());
    }

    @Test
    void aConfigurationListedTwiceOrOutsideTheOptionsIsNamedByLabel() {
        Configuration fp16 = Configuration.of("cores", 2, "precision", 1);
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> ConfigurationSpace.listed(List.of(CORES, PRECISION), List.of(fp16, fp16)));
        assertTrue(twice.getMessage().contains("{cores=2, precision=fp16}"), twice.getMessage());
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> ConfigurationSpace.listed(List.of(CORES, PRECISION), List.of(fp16.with("cores", 9))));
        assertTrue(outside.getMessage().contains("{cores=9, precision=fp16}"), outside.getMessage());
    }
}
