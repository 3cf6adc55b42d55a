package org.tunerd.daemon.device.software;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.device.sim.AnalyticModel;
import org.tunerd.daemon.device.sim.SimulatedDevice;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;

/**
 * The joint space of a board and declared software options, and the values reaching a real command: the
 * simulated board runs the workload's command (a script recording its argv and environment) once per
 * measurement.
 */
class SoftwareOptionsDeviceTest {

    @TempDir
    Path dir;

    private static SoftwareOptions batchAndPrecision() {
        return new SoftwareOptions(List.of(
                SoftwareOption.ofNumbers(AnalyticModel.BATCH_SIZE, List.of(1L, 4L, 16L),
                        new ArgumentDelivery("--batch={value}")),
                SoftwareOption.ofStrings("precision", List.of("fp32", "fp16"), new EnvironmentDelivery("PRECISION"))));
    }

    @Test
    void noDeclaredOptionLeavesTheBoardAsItIs() {
        SimulatedDevice board = SimulatedDevice.tx2(1);
        assertSame(board, SoftwareOptionsDevice.wrap(board, SoftwareOptions.none()));
    }

    @Test
    void theSpaceIsTheBoardsTimesTheDeclaredOptions() {
        SimulatedDevice board = SimulatedDevice.create("tx2", List.of(1L, 2L, 4L, 8L, 16L), 0, 1);
        Device device = SoftwareOptionsDevice.wrap(board, batchAndPrecision());
        ConfigurationSpace space = device.describe().space();
        int hardware = SimulatedDevice.tx2(1).describe().space().size();
        assertEquals(hardware * 3 * 2, space.size(), "modelled batch sizes restricted to the 3 declared, x 2 precisions");
        assertEquals(List.of("cores", "cpu_freq", "gpu_freq", "emc_freq", "batch_size", "precision"), space.names());
        assertTrue(space.violation(space.get(0).with(AnalyticModel.BATCH_SIZE, 2)).isPresent(),
                "an undeclared batch size is not in the space");
    }

    @Test
    void eachMeasurementRunsTheCommandWithTheValuesOfTheAppliedConfiguration() throws Exception {
        RecordingCommand script = RecordingCommand.in(dir, "PRECISION");
        SimulatedDevice board = SimulatedDevice.create("tx2", List.of(1L, 4L, 16L), 0, 1);
        Device device = SoftwareOptionsDevice.wrap(board, batchAndPrecision());
        Workload workload = Workload.of("resnet50", 224, 224).withCommand(script.command("--model", "resnet50"));
        Configuration c = device.describe().space().maximum().with(AnalyticModel.BATCH_SIZE, 4).with("precision", 1);
        device.apply(c);
        assertEquals(c, device.current());
        assertEquals(4.0, board.current().get(AnalyticModel.BATCH_SIZE), "the board models the batch size");
        Measurement m = device.measure(workload);
        assertEquals(c, m.configuration());
        device.apply(c.with(AnalyticModel.BATCH_SIZE, 16).with("precision", 0));
        device.measure(workload);
        assertEquals(List.of("args=--model resnet50 --batch=4 env=fp16", "args=--model resnet50 --batch=16 env=fp32"),
                script.runs());
    }

    @Test
    void anAddedOptionIsHeldBesideTheBoardAndRestored() {
        SimulatedDevice board = SimulatedDevice.tx2(1);
        SoftwareOptions threads = new SoftwareOptions(List.of(SoftwareOption.ofNumbers("threads", List.of(2L, 4L),
                new EnvironmentDelivery("OMP_NUM_THREADS"))));
        Device device = SoftwareOptionsDevice.wrap(board, threads);
        assertEquals(2.0, device.current().get("threads"), "starts at the first value");
        Configuration c = device.describe().space().get(0).with("threads", 4);
        device.apply(c);
        assertEquals(c, device.current());
        assertTrue(!board.current().has("threads"), "the board is given the hardware part alone");
        device.restore();
        assertEquals(2.0, device.current().get("threads"));
    }

    @Test
    void aRefusedConfigurationChangesNothing() {
        SimulatedDevice board = SimulatedDevice.create("tx2", List.of(1L, 4L, 16L), 0, 1);
        Device device = SoftwareOptionsDevice.wrap(board, batchAndPrecision());
        Configuration before = device.current();
        DeviceException e = assertThrows(DeviceException.class,
                () -> device.apply(before.with("precision", 7)));
        assertTrue(e.getMessage().contains("precision"), e.getMessage());
        assertEquals(before, device.current());
    }

    @Test
    void aRefusedConfigurationIsNamedWithItsStringValuesByLabel() {
        SimulatedDevice board = SimulatedDevice.create("tx2", List.of(1L, 4L, 16L), 0, 1);
        Device device = SoftwareOptionsDevice.wrap(board, batchAndPrecision());
        Configuration undeclared = device.current().with("precision", 1).with(AnalyticModel.BATCH_SIZE, 2);
        DeviceException e = assertThrows(DeviceException.class, () -> device.apply(undeclared));
        assertTrue(e.getMessage().contains("precision=fp16"), e.getMessage());
        assertFalse(e.getMessage().contains("precision=1"), e.getMessage());
    }

    @Test
    void aDeclaredValueTheBoardDoesNotModelIsRefused() {
        SimulatedDevice board = SimulatedDevice.create("tx2", List.of(1L, 2L), 0, 1);
        DeviceException e = assertThrows(DeviceException.class, () -> SoftwareOptionsDevice.wrap(board,
                batchAndPrecision()));
        assertTrue(e.getMessage().contains("workload.options.batch_size") && e.getMessage().contains("4"),
                e.getMessage());
    }

    @Test
    void aSoftwareOptionOfTheBoardThatIsNotDeclaredIsRefused() {
        SimulatedDevice board = SimulatedDevice.create("tx2", List.of(1L, 2L), 0, 1);
        SoftwareOptions other = new SoftwareOptions(List.of(SoftwareOption.ofNumbers("threads", List.of(2L),
                new EnvironmentDelivery("T"))));
        DeviceException e = assertThrows(DeviceException.class, () -> SoftwareOptionsDevice.wrap(board, other));
        assertTrue(e.getMessage().contains("[batch_size]"), e.getMessage());
    }

    @Test
    void aFailingCommandFailsTheMeasurement() throws Exception {
        SimulatedDevice board = SimulatedDevice.create("tx2", List.of(1L, 4L, 16L), 0, 1);
        Device device = SoftwareOptionsDevice.wrap(board, batchAndPrecision());
        Workload workload = Workload.of("resnet50", 224, 224).withCommand(new org.tunerd.daemon.device.InferenceCommand(
                List.of("/bin/sh", "-c", "exit 3"), java.util.Map.of(), java.util.Optional.empty(),
                java.time.Duration.ofSeconds(30), java.util.Optional.empty()));
        DeviceException e = assertThrows(DeviceException.class, () -> device.measure(workload));
        assertTrue(e.getMessage().contains("exited with status 3"), e.getMessage());
    }
}
