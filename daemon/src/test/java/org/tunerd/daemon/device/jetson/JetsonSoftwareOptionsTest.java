package org.tunerd.daemon.device.jetson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.config.Backend;
import org.tunerd.daemon.config.DeviceSettings;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.daemon.device.InferenceCommand;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.device.software.ArgumentDelivery;
import org.tunerd.daemon.device.software.EnvironmentDelivery;
import org.tunerd.daemon.device.software.SoftwareOption;
import org.tunerd.daemon.device.software.SoftwareOptions;
import org.tunerd.daemon.service.DeviceFactory;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Configuration;

/**
 * Software options on a real board's protocol (a fake TX2 sysfs tree): the hardware part is written to the
 * tree, the software part reaches the inference command, whose own latency (depending on the batch size it
 * received) is the measurement.
 */
class JetsonSoftwareOptionsTest {

    private static final String GPU_MAX = "/sys/devices/17000000.gp10b/devfreq/17000000.gp10b/max_freq";

    @TempDir
    Path dir;

    @Test
    void theBoardTakesTheHardwarePartAndTheCommandTheSoftwarePart() throws Exception {
        Path root = dir.resolve("board");
        FakeBoard.tx2(root).tx2Power(5000);
        SoftwareOptions options = new SoftwareOptions(List.of(
                SoftwareOption.ofNumbers("batch_size", List.of(1L, 4L), new ArgumentDelivery("--batch={value}")),
                SoftwareOption.ofStrings("precision", List.of("fp32", "fp16"), new EnvironmentDelivery("PRECISION"))));
        // the command reports a latency of batch x 10 ms, +1 ms for fp32: what it received decides what is measured
        String script = "b=${1#--batch=}; extra=0; [ \"$PRECISION\" = fp32 ] && extra=1; "
                + "awk -v b=\"$b\" -v e=\"$extra\" 'BEGIN { printf \"{\\\"latency\\\": %.6f}\\n\", b * 0.01 + e * 0.001 }'";
        InferenceCommand command = new InferenceCommand(List.of("/bin/sh", "-c", script, "infer"), Map.of(),
                Optional.empty(), Duration.ofSeconds(20), Optional.of("json:latency"));
        Workload workload = new Workload("xception", 600, 600, Map.of(), Optional.of(command), 0, 1);
        try (Device device = DeviceFactory.open(new DeviceSettings(Backend.JETSON, "tx2", root, Optional.empty(), 0,
                true), options)) {
            assertEquals(List.of("batch_size", "precision"), device.describe().space().names().subList(
                    device.describe().space().names().size() - 2, device.describe().space().names().size()));
            Configuration c = device.describe().space().get(0).with("batch_size", 4).with("precision", 1);
            device.apply(c);
            assertEquals(String.valueOf((long) c.get("gpu_freq")), Files.readString(root.resolve(GPU_MAX.substring(1)))
                    .trim(), "the hardware part is written to the board");
            assertEquals(c, device.current());
            Measurement fp16 = device.measure(workload);
            assertEquals(0.040, fp16.latency(), 1e-9, "the command ran with --batch=4 and PRECISION=fp16");
            device.apply(c.with("batch_size", 1).with("precision", 0));
            assertEquals(0.011, device.measure(workload).latency(), 1e-9, "--batch=1 and PRECISION=fp32");
            assertThrows(DeviceException.class, () -> device.apply(c.with("batch_size", 2)),
                    "a batch size that is not declared is refused");
        }
    }
}
