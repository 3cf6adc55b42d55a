package org.tunerd.daemon.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.config.ConfigLoader;
import org.tunerd.daemon.config.HttpSettings;
import org.tunerd.daemon.config.PolicySettings;
import org.tunerd.daemon.config.StoreSettings;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.config.WorkloadSettings;
import org.tunerd.daemon.device.sim.SimulatedDevice;
import org.tunerd.daemon.store.ModelStore;
import org.tunerd.daemon.store.SessionStore;
import org.tunerd.daemon.tuning.TuningListener;
import org.tunerd.daemon.tuning.TuningOutcome;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Budget;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Environment;

/**
 * Issue 11, found by {@code KillDuringSessionsIT}: a session's measurements are on disk at every moment, also
 * between the end of the session and the store write of its result. The checkpoint was cleared when the session
 * reported it had finished, before the result was stored, so a SIGKILL in between (while the finishing events
 * were journaled and the influence terms fitted) lost every measurement of the session. Here a listener looks at
 * the disk at the moment the session reports it finished, which is the moment a kill would leave.
 */
class CheckpointUntilStoredTest {

    @TempDir
    Path dir;

    @Test
    void theMeasurementsAreInTheCheckpointOrTheStoreWhenTheSessionFinishes() throws Exception {
        TunerConfig base = new ConfigLoader().defaults();
        StoreSettings store = StoreSettings.under(dir.resolve("state"), base.store().similarity());
        TunerConfig config = new TunerConfig("checkpoint-test", base.device(),
                new WorkloadSettings("xception", 224, 224, Map.of(), Optional.empty(), 0, 1, Duration.ZERO,
                        Optional.empty()),
                new PolicySettings(base.policy().objective(), "lms", "rt", Budget.ofCount(8), base.policy().constraints()),
                base.retune(), base.kafka(), new HttpSettings(false, "127.0.0.1", 0, Optional.empty(), Optional.empty()),
                store);
        List<Set<Configuration>> onDiskAtFinish = new CopyOnWriteArrayList<>();
        List<Set<Configuration>> sampled = new CopyOnWriteArrayList<>();
        List<Environment> finished = new CopyOnWriteArrayList<>();
        TuningListener lookAtTheDisk = new TuningListener() {
            @Override
            public void finished(TuningOutcome outcome) {
                Set<Configuration> onDisk = new HashSet<>();
                new SessionStore(store.sessions()).load(outcome.environment())
                        .ifPresent(cp -> cp.measured().forEach(m -> onDisk.add(m.configuration())));
                new ModelStore(store.models(), store.similarity()).get(outcome.environment())
                        .ifPresent(m -> m.data().measurements().forEach(x -> onDisk.add(x.configuration())));
                onDiskAtFinish.add(onDisk);
                Set<Configuration> samples = new HashSet<>();
                outcome.samples().stream().map(Measurement::configuration).forEach(samples::add);
                sampled.add(samples);
                finished.add(outcome.environment());
            }
        };
        try (Daemon daemon = Daemon.start(config, Optional.empty(), SimulatedDevice.tx2(7), lookAtTheDisk)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> onDiskAtFinish.size() == 1);
        }
        assertEquals(8, sampled.get(0).size());
        Set<Configuration> lost = new HashSet<>(sampled.get(0));
        lost.removeAll(onDiskAtFinish.get(0));
        assertTrue(lost.isEmpty(), "a kill now would lose the session's measurements " + lost);
        assertTrue(new SessionStore(store.sessions()).load(finished.get(0)).isEmpty(), "once stored, the checkpoint is removed");
    }
}
