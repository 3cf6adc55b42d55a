package org.tunerd.daemon.api;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.regex.Pattern;

/**
 * A small set of counters and gauges, rendered in the Prometheus text exposition format (0.0.4).
 * Thread-safe; updates are lock-free.
 */
public final class MetricsRegistry {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    /** A value that only goes up. */
    public static final class Counter {
        private final DoubleAdder value = new DoubleAdder();

        public void inc() {
            value.add(1);
        }

        public void add(double amount) {
            if (!(amount >= 0)) {
                throw new IllegalArgumentException("a counter only goes up, got " + amount);
            }
            value.add(amount);
        }

        public double value() {
            return value.sum();
        }
    }

    /** A value that is set; {@code NaN} until first set. */
    public static final class Gauge {
        private final AtomicLong bits = new AtomicLong(Double.doubleToLongBits(Double.NaN));

        public void set(double v) {
            bits.set(Double.doubleToLongBits(v));
        }

        public double value() {
            return Double.longBitsToDouble(bits.get());
        }
    }

    private record Entry(String help, String type, Object metric) {
    }

    private final Map<String, Entry> metrics = new TreeMap<>();

    /** Registers (or returns the existing) counter {@code name}; by convention names end in {@code _total}. */
    public synchronized Counter counter(String name, String help) {
        return (Counter) register(name, help, "counter", new Counter());
    }

    /** Registers (or returns the existing) gauge {@code name}. */
    public synchronized Gauge gauge(String name, String help) {
        return (Gauge) register(name, help, "gauge", new Gauge());
    }

    private Object register(String name, String help, String type, Object fresh) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a Prometheus metric name: '" + name + "'");
        }
        Objects.requireNonNull(help, "help");
        Entry e = metrics.get(name);
        if (e != null) {
            if (!e.type().equals(type)) {
                throw new IllegalArgumentException("metric '" + name + "' is already a " + e.type());
            }
            return e.metric();
        }
        metrics.put(name, new Entry(help, type, fresh));
        return fresh;
    }

    /** Every metric in the Prometheus text format, sorted by name. */
    public synchronized String render() {
        StringBuilder sb = new StringBuilder();
        metrics.forEach((name, e) -> {
            double v = e.metric() instanceof Counter c ? c.value() : ((Gauge) e.metric()).value();
            sb.append("# HELP ").append(name).append(' ').append(e.help().replace("\\", "\\\\").replace("\n", "\\n"))
                    .append('\n');
            sb.append("# TYPE ").append(name).append(' ').append(e.type()).append('\n');
            sb.append(name).append(' ').append(format(v)).append('\n');
        });
        return sb.toString();
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
