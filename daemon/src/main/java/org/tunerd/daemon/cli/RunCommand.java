package org.tunerd.daemon.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.service.Daemon;
import org.tunerd.daemon.service.DeviceFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tunerd run}: the service (systemd's ExecStart). Stops cleanly on SIGTERM/SIGINT; SIGHUP reloads. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the tuning daemon until stopped (SIGTERM). SIGHUP or a change of the config file "
                + "reloads the policy; an invalid file keeps the last good one.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    VerboseOption verboseOption;

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        TunerConfig cfg = config.load();
        LOG.info("tunerd starting: device {} ({}), config {}", cfg.deviceId(), cfg.device().backend(),
                config.path().map(Object::toString).orElse("built-in defaults"));
        Device device = DeviceFactory.open(cfg.device(), cfg.workload().options());
        CountDownLatch stopped = new CountDownLatch(1);
        Daemon daemon = Daemon.start(cfg, config.path(), device, new org.tunerd.daemon.tuning.TuningListener() { });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("tunerd stopping");
            daemon.close();
            stopped.countDown();
        }, "tunerd-shutdown"));
        stopped.await();
        return 0;
    }
}
