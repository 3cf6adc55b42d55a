package org.tunerd.daemon.service;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/** The coordinator's current {@link TunerState}, swapped atomically: writers update it, readers take it. */
final class TunerStatus {

    private final AtomicReference<TunerState> state = new AtomicReference<>(TunerState.initial());

    /** The state now. */
    TunerState get() {
        return state.get();
    }

    /** Applies {@code change} atomically (it may run more than once under contention: keep it pure). */
    TunerState update(UnaryOperator<TunerState> change) {
        return state.updateAndGet(change);
    }

    /** As {@link #update}, returning the state before the change. */
    TunerState getAndUpdate(UnaryOperator<TunerState> change) {
        return state.getAndUpdate(change);
    }
}
