package org.tunerd.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.models.Datasets;
import picocli.CommandLine;

class SimulateCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path state;

    private int run(String... args) {
        CommandLine cl = Tunerd.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void replaySeedsEveryNamedSourceAndAdaptsToTheRest() {
        int rc = run("simulate", "--replay", Datasets.tx2().toString(), "--state", state.toString(), "--budget", "6",
                "--sources", "inceptionv3_600x600,xception_200x200,xception_400x400,xception_800x800",
                "--max-sources", "2");
        assertEquals(0, rc, err.toString());
        String text = out.toString();
        assertEquals(4, text.split("seeding the store", -1).length - 1, text);
        assertTrue(text.contains("transfer from TX2/xception/800x800 (models also from [TX2/xception/400x400])"), text);
        assertTrue(text.contains("model MAPE:"), text);
        assertTrue(text.contains("TX2/xception/600x600"), text);
    }

    @Test
    void unknownSourcesAndAnEmptyTargetListAreRefusedByOption() {
        assertNotEquals(0, run("simulate", "--replay", Datasets.tx2().toString(), "--state", state.toString(),
                "--sources", "xception_999x999"));
        assertTrue(err.toString().contains("--sources: no environment 'xception_999x999'"), err.toString());
        assertNotEquals(0, run("simulate", "--replay", Datasets.tx2().toString(), "--state", state.toString(),
                "--sources", "inceptionv3_600x600,xception_200x200,xception_400x400,xception_600x600,xception_800x800"));
        assertTrue(err.toString().contains("leave at least one out"), err.toString());
        assertNotEquals(0, run("simulate", "--replay", Datasets.tx2().toString(), "--state", state.toString(),
                "--max-sources", "0"));
        assertTrue(err.toString().contains("--max-sources: expected 1 to 16, got 0"), err.toString());
    }
}
