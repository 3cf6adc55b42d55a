package org.tunerd.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tunerd simulate} ends with a joint hardware + batch-size adaptation, and shows the batch choice. */
class SimulateSoftwareOptionTest {

    private final CliRun cli = new CliRun();

    @TempDir
    Path state;

    @Test
    void theLastScriptedStepAdaptsHardwareAndBatchSizeJointly() {
        int rc = cli.run("simulate", "--budget", "10", "--objective", "min-energy", "--state", state.toString());
        assertEquals(0, rc, cli.err());
        String text = cli.out();
        int step = text.indexOf("restart with a software option: batch_size [1, 2, 4, 8, 16]");
        assertTrue(step > 0, text);
        String joint = text.substring(step);
        assertTrue(joint.contains("(3840 configurations)"), "768 hardware configurations x 5 batch sizes: " + joint);
        Matcher chosen = Pattern.compile("chosen: +\\{cores=\\d+, cpu_freq=\\d+, gpu_freq=\\d+, emc_freq=\\d+, "
                + "batch_size=(\\d+)}").matcher(joint);
        assertTrue(chosen.find(), joint);
        assertTrue(List.of("1", "2", "4", "8", "16").contains(chosen.group(1)), chosen.group());
        assertTrue(text.contains("over the 3840 configurations offered"), joint);
        assertEquals(5, text.lines().filter(l -> l.contains(" min-energy ") && l.contains(" -> ")).count(),
                "five adaptations in the summary: " + text);
    }
}
