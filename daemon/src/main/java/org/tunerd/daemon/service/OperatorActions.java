package org.tunerd.daemon.service;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.api.ActionResult;
import org.tunerd.daemon.api.PinRequest;
import org.tunerd.daemon.api.TunerActions;
import org.tunerd.daemon.detect.EnvironmentDetector;
import org.tunerd.daemon.detect.WorkloadAnnouncement;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.events.EventPayload;
import org.tunerd.daemon.events.EventPublisher;
import org.tunerd.daemon.store.PinStore;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;

/**
 * What an operator (HTTP, Kafka commands) may ask: retune, announce a workload, pin a configuration,
 * release the pin. Each call queues its work and returns at once. A pin cancels the session running and
 * waiting and holds the device at the pinned configuration (applied on the tuning thread) until released;
 * pins asked for while one waits to be applied join it, so the last pin wins. A pin is durable until released:
 * it is recorded ({@link PinStore}) before it is acknowledged, and {@link #restorePin()} puts it back after a
 * restart, before any session could start.
 */
final class OperatorActions implements TunerActions {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorActions.class);

    private final Device device;
    private final EnvironmentDetector detector;
    private final SessionRunner runner;
    private final TunerStatus status;
    private final EventPublisher events;
    private final TuningThread.Slot<Boolean> pinSlot;
    private final PinStore pins;

    OperatorActions(Device device, EnvironmentDetector detector, SessionRunner runner, TunerStatus status,
                    EventPublisher events, PinStore pins, TuningThread thread) {
        this.device = device;
        this.pins = pins;
        this.detector = detector;
        this.runner = runner;
        this.status = status;
        this.events = events;
        this.pinSlot = thread.slot("pin");
    }

    @Override
    public ActionResult retune(String reason) {
        return detector.current().map(env -> {
            runner.tune(env, "retune requested: " + reason, false);
            return ActionResult.accepted("retuning " + env.id());
        }).orElseGet(() -> ActionResult.conflict("no environment known yet: announce a workload first"));
    }

    @Override
    public ActionResult announce(WorkloadAnnouncement workload) {
        return announce(workload, "http");
    }

    /** As {@link #announce(WorkloadAnnouncement)}, reported by {@code source} (e.g. {@code kafka}). */
    ActionResult announce(WorkloadAnnouncement workload, String source) {
        return detector.announce(workload, source)
                .map(c -> ActionResult.accepted("environment changed to " + c.current().id()))
                .orElseGet(() -> ActionResult.accepted("environment unchanged"));
    }

    @Override
    public synchronized ActionResult pin(PinRequest request) { // with release: the file matches the status
        ConfigurationSpace space = device.describe().space();
        Configuration configuration;
        try {
            configuration = request.in(space); // checked against the space: an option, label or value it lacks fails
        } catch (IllegalArgumentException e) {
            return ActionResult.invalid("configuration " + request + " is not offered: " + e.getMessage());
        }
        pins.save(space, configuration); // durable before it is acknowledged: a crash right after still holds the pin
        status.update(s -> s.pinnedTo(Optional.of(configuration)));
        runner.cancelAll("configuration pinned");
        pinSlot.submit(this::applyPin);
        return ActionResult.accepted("pinned " + org.tunerd.models.space.SoftwareValues.text(space, configuration));
    }

    @Override
    public synchronized ActionResult release() {
        if (status.get().pinned().isEmpty()) {
            return ActionResult.conflict("no configuration is pinned");
        }
        pins.clear(); // forgotten before it is released in memory: a crash now comes back unpinned, as asked
        status.update(s -> s.pinnedTo(Optional.empty()));
        detector.current().ifPresent(env -> runner.tune(env, "pin released", true));
        return ActionResult.accepted("pin released");
    }

    /**
     * Puts back the pin recorded before a restart, if any (and still offered by the board): the status shows
     * it pinned and the device is put into it on the tuning thread. Call before the start-up workload is
     * announced, so no session starts meanwhile. Returns the restored pin.
     */
    synchronized Optional<Configuration> restorePin() {
        Optional<Configuration> pinned = pins.load(device.describe().space());
        pinned.ifPresent(c -> {
            LOG.info("restoring the pin of {} recorded before the restart (release it to tune again)",
                    org.tunerd.models.space.SoftwareValues.text(device.describe().space(), c));
            status.update(s -> s.pinnedTo(Optional.of(c)));
            runner.cancelAll("configuration pinned");
            pinSlot.submit(this::applyPin);
        });
        return pinned;
    }

    /** Puts the device into the configuration pinned now, if still pinned. */
    private boolean applyPin() {
        Optional<Configuration> pinned = status.get().pinned();
        if (pinned.isEmpty()) {
            return false;
        }
        try {
            device.apply(pinned.get());
            events.publish(new EventPayload.DeviceReconfigured(Optional.empty(), pinned.get(), Optional.empty(), true,
                    org.tunerd.models.space.SoftwareValues.of(device.describe().space(), pinned.get())));
            return true;
        } catch (RuntimeException e) {
            LOG.error("pinning {} failed: {}",
                    org.tunerd.models.space.SoftwareValues.text(device.describe().space(), pinned.get()), e.getMessage());
            status.update(s -> s.failed("pin failed: " + e.getMessage()));
            return false;
        }
    }
}
