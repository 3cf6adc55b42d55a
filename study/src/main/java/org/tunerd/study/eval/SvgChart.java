package org.tunerd.study.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small, dependency-free SVG chart: scatter and line series on linear or log axes, with ticks, axis
 * titles and a legend. Enough for the study's plots (predicted vs measured, Pareto fronts, regret curves).
 */
public final class SvgChart {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f"};

    private record Series(String name, double[] x, double[] y, boolean line, String colour, double radius) {
    }

    private final String title;
    private final String xTitle;
    private final String yTitle;
    private final boolean logX;
    private final boolean logY;
    private final List<Series> series = new ArrayList<>();
    private boolean diagonal;
    private double yLimit = Double.NaN;

    public SvgChart(String title, String xTitle, String yTitle, boolean logX, boolean logY) {
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
        this.logX = logX;
        this.logY = logY;
    }

    /** Adds points; {@code colour} null picks the next palette colour. */
    public SvgChart scatter(String name, double[] x, double[] y, String colour, double radius) {
        series.add(new Series(name, x.clone(), y.clone(), false, colourOr(colour), radius));
        return this;
    }

    /** Adds a polyline through the points in order. */
    public SvgChart line(String name, double[] x, double[] y, String colour) {
        series.add(new Series(name, x.clone(), y.clone(), true, colourOr(colour), 0));
        return this;
    }

    /** Caps the y axis at {@code limit}; larger values are drawn on the top edge. */
    public SvgChart clipY(double limit) {
        yLimit = limit;
        return this;
    }

    /** Draws the line {@code y = x} (for predicted-vs-measured plots). */
    public SvgChart diagonal() {
        diagonal = true;
        return this;
    }

    private String colourOr(String colour) {
        return colour != null ? colour : COLOURS[series.size() % COLOURS.length];
    }

    /** The chart as an SVG document. */
    public String render(int width, int height) {
        double left = 70;
        double right = 210;
        double top = 30;
        double bottom = 50;
        double[] xr = range(true);
        double[] yr = range(false);
        if (!Double.isNaN(yLimit) && yr[1] > yLimit) {
            double lo = series.stream().flatMapToDouble(x -> java.util.Arrays.stream(x.y))
                    .filter(v -> plottable(v, logY)).min().orElse(0);
            yr = new double[] {logY ? lo / 1.05 : lo - 0.04 * (yLimit - lo), yLimit};
        }
        if (diagonal) {
            double lo = Math.min(xr[0], yr[0]);
            double hi = Math.max(xr[1], yr[1]);
            xr = new double[] {lo, hi};
            yr = new double[] {lo, hi};
        }
        double pw = width - left - right;
        double ph = height - top - bottom;
        double[] fx = xr;
        double[] fy = yr;
        java.util.function.DoubleUnaryOperator sx = v -> left + pw * (t(v, logX) - t(fx[0], logX))
                / Math.max(t(fx[1], logX) - t(fx[0], logX), 1e-12);
        java.util.function.DoubleUnaryOperator sy = v -> top + ph - ph * (t(Math.min(v, fy[1]), logY) - t(fy[0], logY))
                / Math.max(t(fy[1], logY) - t(fy[0], logY), 1e-12);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", width, height, width, height));
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"18\" text-anchor=\"middle\" font-size=\"13\">%s</text>%n",
                left + pw / 2, escape(title)));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
                + "stroke=\"#333\"/>%n", left, top, pw, ph));
        for (double v : ticks(xr, logX)) {
            double px = sx.applyAsDouble(v);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n", px, top, px, top + ph, px,
                    top + ph + 14, label(v)));
        }
        for (double v : ticks(yr, logY)) {
            double py = sy.applyAsDouble(v);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", left, py, left + pw, py, left - 4,
                    py + 4, label(v)));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                left + pw / 2, height - 12, escape(xTitle)));
        sb.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 14 %.1f)\">%s</text>%n", top + ph / 2, top + ph / 2, escape(yTitle)));
        if (diagonal) {
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" "
                    + "stroke-dasharray=\"4 3\"/>%n", sx.applyAsDouble(xr[0]), sy.applyAsDouble(xr[0]),
                    sx.applyAsDouble(xr[1]), sy.applyAsDouble(xr[1])));
        }
        int legend = 0;
        for (Series s : series) {
            if (s.line) {
                StringBuilder pts = new StringBuilder();
                for (int i = 0; i < s.x.length; i++) {
                    if (plottable(s.x[i], logX) && plottable(s.y[i], logY)) {
                        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx.applyAsDouble(s.x[i]),
                                sy.applyAsDouble(s.y[i])));
                    }
                }
                sb.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\" "
                        + "points=\"%s\"/>%n", s.colour, pts.toString().trim()));
            } else {
                sb.append(String.format(Locale.ROOT, "<g fill=\"%s\" fill-opacity=\"0.7\">", s.colour));
                for (int i = 0; i < s.x.length; i++) {
                    if (plottable(s.x[i], logX) && plottable(s.y[i], logY)) {
                        sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>",
                                sx.applyAsDouble(s.x[i]), sy.applyAsDouble(s.y[i]), s.radius));
                    }
                }
                sb.append("</g>\n");
            }
            double ly = top + 10 + 16 * legend++;
            double lx = left + pw + 10;
            sb.append(s.line
                    ? String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                            + "stroke-width=\"2\"/>", lx, ly, lx + 14, ly, s.colour)
                    : String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>", lx + 7, ly,
                            s.colour));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", lx + 20, ly + 4,
                    escape(s.name)));
        }
        return sb.append("</svg>\n").toString();
    }

    private double[] range(boolean xAxis) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        boolean log = xAxis ? logX : logY;
        for (Series s : series) {
            for (double v : xAxis ? s.x : s.y) {
                if (plottable(v, log)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            return new double[] {log ? 1 : 0, log ? 10 : 1};
        }
        if (lo == hi) {
            return log ? new double[] {lo / 2, hi * 2} : new double[] {lo - 1, hi + 1};
        }
        if (log) {
            return new double[] {lo / 1.05, hi * 1.05};
        }
        double pad = 0.04 * (hi - lo);
        return new double[] {lo - pad, hi + pad};
    }

    private static boolean plottable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    private static double t(double v, boolean log) {
        return log ? Math.log10(v) : v;
    }

    static List<Double> ticks(double[] r, boolean log) {
        List<Double> out = new ArrayList<>();
        if (log) {
            for (double d = Math.pow(10, Math.floor(Math.log10(r[0]))); d <= r[1]; d *= 10) {
                for (double m : new double[] {1, 2, 5}) {
                    double v = d * m;
                    if (v >= r[0] && v <= r[1]) {
                        out.add(v);
                    }
                }
            }
            if (out.size() >= 3) {
                return out;
            }
            return ticks(r, false).stream().filter(v -> v > 0).toList();
        }
        double span = r[1] - r[0];
        double step = Math.pow(10, Math.floor(Math.log10(span / 5)));
        if (span / step > 10) {
            step *= span / step > 25 ? 5 : 2;
        }
        for (double v = Math.ceil(r[0] / step) * step; v <= r[1] + 1e-9 * step; v += step) {
            out.add(Math.abs(v) < 1e-12 * step ? 0 : v);
        }
        return out;
    }

    private static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 0.01 && Math.abs(v) < 1e4 ? "%.3g" : "%.2e", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
