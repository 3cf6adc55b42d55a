package org.tunerd.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.store.ModelStore;
import org.tunerd.daemon.store.Similarity;
import org.tunerd.daemon.store.StoredModel;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.Option;

/** {@code tunerd predict} names a string software option's value, not its position in the declared list. */
class PredictCommandTest {

    @TempDir
    Path dir;

    @Test
    void predictedConfigurationsShowAStringOptionByItsValue() {
        ConfigurationSpace space = new ConfigurationSpace(List.of(Option.ordinal("cores", List.of(1.0, 2.0, 3.0, 4.0)),
                Option.categorical("precision", List.of("fp32", "fp16", "int8"))));
        Environment env = new Environment("TX2", "resnet50", 224, 224, Map.of());
        List<Measurement> ms = new ArrayList<>();
        for (Configuration c : space.configurations()) {
            double cores = c.get("cores");
            double precision = c.get("precision"); // int8 (code 2) is the most frugal
            ms.add(new Measurement(c, 0.1 / cores, 1.0 + cores - precision));
        }
        new ModelStore(dir.resolve("models"), Similarity.defaults()).save(new StoredModel(
                new MeasurementSet(env, space, ms), List.of(), Map.of(), Instant.EPOCH, Instant.EPOCH));

        CliRun cli = new CliRun();
        int rc = cli.run("predict", "--state-dir", dir.toString(), "--dnn", "resnet50", "--size", "224x224",
                "--top", "12");
        assertEquals(0, rc, cli.err());
        String out = cli.out();
        assertTrue(out.contains("{cores=1, precision=int8}"), out);
        assertTrue(out.contains("{cores=4, precision=fp32}"), out);
        assertFalse(out.contains("precision=2"), out);
    }
}
