package org.tunerd.models.adapt;

import java.util.ArrayList;
import java.util.List;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Option;
import org.tunerd.models.space.OptionKind;

/**
 * Encodes configurations by the physical values of their options, so that environments with different
 * value tables (another board's frequencies, more core counts) share one scale: a numeric option whose
 * values are all positive becomes {@code log(value)}, other numeric options their value, a categorical
 * option one indicator per label. Each numeric feature is then min-max normalised over a reference range
 * fixed at construction ({@link #over}); values outside it encode outside [0, 1] rather than failing.
 */
public final class PhysicalEncoding {

    private record Column(String option, boolean log, double label, double min, double width) {
    }

    private final List<Column> columns;

    private PhysicalEncoding(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    /**
     * The encoding of {@code options}, normalised over the values {@code reference} holds (typically the
     * candidate configurations of the target).
     */
    public static PhysicalEncoding over(List<Option> options, List<Configuration> reference) {
        if (reference.isEmpty()) {
            throw new IllegalArgumentException("cannot normalise an encoding over no configurations");
        }
        List<Column> columns = new ArrayList<>();
        for (Option o : options) {
            if (o.kind() == OptionKind.CATEGORICAL) {
                for (double code : o.values()) {
                    columns.add(new Column(o.name(), false, code, 0, 1));
                }
                continue;
            }
            boolean log = o.min() > 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (Configuration c : reference) {
                double v = transform(c.get(o.name()), log);
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            columns.add(new Column(o.name(), log, Double.NaN, lo, hi > lo ? hi - lo : 1));
        }
        return new PhysicalEncoding(columns);
    }

    private static double transform(double v, boolean log) {
        return log ? Math.log(v) : v;
    }

    public int width() {
        return columns.size();
    }

    /** The normalised feature vector; fails naming the option the configuration lacks. */
    public double[] encode(Configuration c) {
        double[] x = new double[columns.size()];
        for (int i = 0; i < x.length; i++) {
            Column col = columns.get(i);
            double v = c.get(col.option);
            if (!Double.isNaN(col.label)) {
                x[i] = v == col.label ? 1 : 0;
            } else {
                x[i] = (transform(v, col.log) - col.min) / col.width;
            }
        }
        return x;
    }

    public double[][] encode(List<Configuration> cs) {
        double[][] x = new double[cs.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = encode(cs.get(i));
        }
        return x;
    }
}
