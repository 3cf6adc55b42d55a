package org.tunerd.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.models.Datasets;

class SimulateCommandTest {

    private final CliRun cli = new CliRun();

    @TempDir
    Path state;

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void replaySeedsEveryNamedSourceAndAdaptsToTheRest() {
        int rc = run("simulate", "--replay", Datasets.tx2().toString(), "--state", state.toString(), "--budget", "6",
                "--sources", "inceptionv3_600x600,xception_200x200,xception_400x400,xception_800x800",
                "--max-sources", "2");
        assertEquals(0, rc, cli.err());
        String text = cli.out();
        assertEquals(4, text.split("seeding the store", -1).length - 1, text);
        assertTrue(text.contains("transfer from TX2/xception/800x800 (models also from [TX2/xception/400x400])"), text);
        assertTrue(text.contains("model MAPE:"), text);
        assertTrue(text.contains("TX2/xception/600x600"), text);
    }

    @Test
    void unknownSourcesAndAnEmptyTargetListAreRefusedByOption() {
        assertNotEquals(0, run("simulate", "--replay", Datasets.tx2().toString(), "--state", state.toString(),
                "--sources", "xception_999x999"));
        assertTrue(cli.err().contains("--sources: no environment 'xception_999x999'"), cli.err());
        assertNotEquals(0, run("simulate", "--replay", Datasets.tx2().toString(), "--state", state.toString(),
                "--sources", "inceptionv3_600x600,xception_200x200,xception_400x400,xception_600x600,xception_800x800"));
        assertTrue(cli.err().contains("leave at least one out"), cli.err());
        assertNotEquals(0, run("simulate", "--replay", Datasets.tx2().toString(), "--state", state.toString(),
                "--max-sources", "0"));
        assertTrue(cli.err().contains("--max-sources: expected 1 to 16, got 0"), cli.err());
    }
}
