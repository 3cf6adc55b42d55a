package org.tunerd.daemon.detect;

/**
 * Told of every real environment change, once, by the {@link EnvironmentDetector}, on the thread that
 * reported the workload (start-up, the workload file watcher, an HTTP worker, the Kafka command consumer).
 * Changes arrive one at a time and in the order the detector saw them; keep the call short (publish an
 * event, queue a session), never block on device work.
 */
@FunctionalInterface
public interface EnvironmentListener {

    void environmentChanged(EnvironmentChanged change);
}
