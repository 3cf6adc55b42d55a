package org.tunerd.daemon.device.jetson;

import java.util.List;

/** One change to a board control, as planned by {@link BoardControl}. */
sealed interface Step permits Step.Set, Step.Range {

    /** The files the step may write. */
    List<String> paths();

    /** Write {@code value} to {@code path}. */
    record Set(String path, String value) implements Step {
        @Override
        public List<String> paths() {
            return List.of(path);
        }
    }

    /**
     * Write a min/max pair so that min never exceeds max in between: max first when the new min is above the
     * current max (raising), otherwise min first (lowering or staying within the current range).
     */
    record Range(String minPath, String maxPath, long min, long max) implements Step {
        @Override
        public List<String> paths() {
            return List.of(minPath, maxPath);
        }
    }
}
