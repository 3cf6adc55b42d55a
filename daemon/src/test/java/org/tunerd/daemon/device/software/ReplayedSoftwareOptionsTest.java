package org.tunerd.daemon.device.software;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.config.Backend;
import org.tunerd.daemon.config.DeviceSettings;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.service.DeviceFactory;
import org.tunerd.models.Datasets;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.BoardOptions;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Option;

/**
 * A replayed board offers what its data measured: the software columns of the TX2 board-change data (kernel
 * and framework settings) must be the declared options, and a measurement delivers their values to the
 * command.
 */
class ReplayedSoftwareOptionsTest {

    private static final Path WIDE = Datasets.boardChange().resolve("tx2_xception_5000img_wide.csv");

    @TempDir
    Path dir;

    private static DeviceSettings replay() {
        return new DeviceSettings(Backend.REPLAY, "auto", Path.of("/"), Optional.of(WIDE), 0, true);
    }

    private static List<Option> measuredSoftware() {
        try (Device plain = DeviceFactory.open(replay())) {
            return plain.describe().space().options().stream().filter(o -> !BoardOptions.isHardware(o.name())).toList();
        }
    }

    /** Every measured software column declared with its measured values (as written), each by an env variable. */
    private static SoftwareOptions declared(List<Option> software) {
        List<SoftwareOption> out = new ArrayList<>();
        for (Option o : software) {
            out.add(SoftwareOption.ofStrings(o.name(), o.values().stream().map(o::label).toList(),
                    new EnvironmentDelivery(o.name().toUpperCase(java.util.Locale.ROOT))));
        }
        return new SoftwareOptions(out);
    }

    @Test
    void theMeasuredSoftwareColumnsDeclaredGiveTheMeasuredSpaceAndReachTheCommand() throws Exception {
        List<Option> software = measuredSoftware();
        assertTrue(software.size() >= 5, "the wide file has software columns: " + software);
        Option swappiness = software.stream().filter(o -> o.name().equals("swappiness")).findFirst().orElseThrow();
        try (Device plain = DeviceFactory.open(replay());
             Device device = DeviceFactory.open(replay(), declared(software))) {
            ConfigurationSpace space = device.describe().space();
            assertEquals(plain.describe().space().size(), space.size(), "offers exactly what was measured");
            Configuration c = space.get(space.size() / 2);
            device.apply(c);
            RecordingCommand script = RecordingCommand.in(dir, "SWAPPINESS");
            Workload workload = Workload.of("xception", 0, 0).withCommand(script.command());
            Measurement m = device.measure(workload);
            plain.apply(c);
            assertEquals(plain.measure(Workload.of("xception", 0, 0)).latency(), m.latency(), "the data's answer");
            assertEquals(List.of("args= env=" + swappiness.label(c.get("swappiness"))), script.runs());
        }
    }

    @Test
    void anUndeclaredMeasuredSoftwareColumnIsRefused() {
        List<Option> software = measuredSoftware();
        DeviceException e = assertThrows(DeviceException.class,
                () -> DeviceFactory.open(replay(), declared(software.subList(1, software.size()))));
        assertTrue(e.getMessage().contains(software.get(0).name()) && e.getMessage().contains("does not declare"),
                e.getMessage());
    }

    @Test
    void aDeclaredOptionTheDataDidNotMeasureIsRefused() {
        List<SoftwareOption> options = new ArrayList<>(declared(measuredSoftware()).options());
        options.add(SoftwareOption.ofNumbers("batch_size", List.of(1L, 2L), new ArgumentDelivery("--batch={value}")));
        DeviceException e = assertThrows(DeviceException.class,
                () -> DeviceFactory.open(replay(), new SoftwareOptions(options)));
        assertTrue(e.getMessage().startsWith("workload.options:") && e.getMessage().contains("[batch_size]"),
                e.getMessage());
    }
}
