package org.tunerd.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tunerd.daemon.device.software.ArgumentDelivery;
import org.tunerd.daemon.device.software.EnvironmentDelivery;
import org.tunerd.daemon.device.software.SoftwareOption;
import org.tunerd.daemon.device.software.SoftwareOptions;
import org.tunerd.models.space.OptionKind;

/** {@code workload.options}: declared software options, validated field by field, and shown back in the tree. */
class SoftwareOptionsConfigTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of(), Path.of("/work/here"), () -> "board-7",
            new StateDirectory.ProcessUser("root", true, java.util.Optional.of(Path.of("/root"))));

    private ConfigProblem onlyProblem(String options) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.parse("workload:\n  options:\n" + options, "test.yaml"));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.getMessage().startsWith("test.yaml: workload.options."), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.problems().get(0);
    }

    @Test
    void numbersAndStringsWithArgumentAndEnvironmentDelivery() {
        TunerConfig c = loader.parse("""
                workload:
                  options:
                    batch_size: {values: [16, 1, 4], argument: "--batch={value}"}
                    precision: {values: [fp32, fp16, int8], env: TRT_PRECISION}
                """, "test.yaml");
        SoftwareOptions options = c.workload().options();
        assertEquals(List.of("batch_size", "precision"), options.names());
        SoftwareOption batch = options.option("batch_size").orElseThrow();
        assertEquals(OptionKind.ORDINAL, batch.option().kind());
        assertEquals(List.of(1.0, 4.0, 16.0), batch.option().values());
        assertEquals(new ArgumentDelivery("--batch={value}"), batch.delivery());
        SoftwareOption precision = options.option("precision").orElseThrow();
        assertEquals(OptionKind.CATEGORICAL, precision.option().kind());
        assertEquals(List.of("fp32", "fp16", "int8"), precision.option().labels(), "strings keep the declared order");
        assertEquals(new EnvironmentDelivery("TRT_PRECISION"), precision.delivery());
    }

    @Test
    void theTreeShowsTheOptionsAndParsesBackToTheSame() {
        TunerConfig c = loader.parse("""
                workload:
                  options:
                    batch_size: {values: [1, 2, 8], argument: "--batch={value}"}
                    precision: {values: [fp16, fp32], env: TRT_PRECISION}
                """, "test.yaml");
        var tree = ConfigTree.toTree(c, false);
        assertEquals("[1,2,8]", tree.path("workload").path("options").path("batch_size").path("values").toString());
        assertEquals("[\"fp16\",\"fp32\"]", tree.path("workload").path("options").path("precision").path("values")
                .toString());
        assertEquals(c.workload().options(), loader.parse(tree, "tree").workload().options());
    }

    @Test
    void noOptionsByDefault() {
        assertTrue(loader.defaults().workload().options().isEmpty());
    }

    @Test
    void aHardwareOptionNameIsRefused() {
        ConfigProblem p = onlyProblem("    gpu_freq: {values: [1, 2], env: GPU}\n");
        assertEquals("workload.options.gpu_freq", p.field());
        assertTrue(p.reason().contains("hardware option"), p.reason());
    }

    @Test
    void aDuplicateNameIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
                workload:
                  options:
                    batch_size: {values: [1, 2], env: A}
                    batch_size: {values: [4], env: B}
                """, "test.yaml"));
        assertTrue(e.getMessage().contains("batch_size"), e.getMessage());
    }

    @Test
    void deliveryIsRequiredAndExclusive() {
        assertEquals("workload.options.batch_size.argument", onlyProblem("    batch_size: {values: [1, 2]}\n").field());
        assertEquals("workload.options.batch_size.env",
                onlyProblem("    batch_size: {values: [1], argument: \"--b={value}\", env: B}\n").field());
        ConfigProblem noSlot = onlyProblem("    batch_size: {values: [1], argument: \"--batch\"}\n");
        assertEquals("workload.options.batch_size.argument", noSlot.field());
        assertTrue(noSlot.reason().contains("{value}") && noSlot.reason().contains("'--batch'"), noSlot.reason());
        ConfigProblem badEnv = onlyProblem("    batch_size: {values: [1], env: \"BATCH SIZE\"}\n");
        assertEquals("workload.options.batch_size.env", badEnv.field());
        assertTrue(badEnv.reason().contains("'BATCH SIZE'"), badEnv.reason());
    }

    @Test
    void valuesMustBeOneKindDistinctAndPresent() {
        ConfigProblem mixed = onlyProblem("    batch_size: {values: [1, two], env: B}\n");
        assertEquals("workload.options.batch_size.values[1]", mixed.field());
        assertTrue(mixed.reason().contains("two"), mixed.reason());
        ConfigProblem fraction = onlyProblem("    batch_size: {values: [1, 2.5], env: B}\n");
        assertEquals("workload.options.batch_size.values[1]", fraction.field());
        ConfigProblem twice = onlyProblem("    precision: {values: [fp16, fp16], env: P}\n");
        assertEquals("workload.options.precision.values[1]", twice.field());
        assertTrue(twice.reason().contains("twice"), twice.reason());
        assertEquals("workload.options.batch_size.values", onlyProblem("    batch_size: {values: [], env: B}\n").field());
        assertEquals("workload.options.batch_size.values", onlyProblem("    batch_size: {env: B}\n").field());
    }

    @Test
    void unknownKeysAndBadNamesAreRefused() {
        assertEquals("workload.options.batch_size.default",
                onlyProblem("    batch_size: {values: [1], env: B, default: 1}\n").field());
        assertEquals("workload.options.1batch", onlyProblem("    1batch: {values: [1], env: B}\n").field());
        assertEquals("workload.options.batch_size", onlyProblem("    batch_size: [1, 2]\n").field());
    }
}
