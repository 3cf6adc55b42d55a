package org.tunerd.daemon.device.sim;

import java.util.Objects;
import org.tunerd.models.space.BoardOptions;
import org.tunerd.models.space.Configuration;

/**
 * The noise-free latency and energy of one inference of a DNN on a simulated board in one configuration
 * (with a batch size, the latency of one request and the energy of one image).
 *
 * <p>Notation: {@code n} online cores, CPU clock {@code f_c}, GPU clock {@code f_g}, EMC clock {@code f_e}
 * (all in Hz), {@code P} input pixels (width x height). From the {@link DnnProfile}: operations
 * {@code F = flopsPerPixel * P}, DRAM bytes {@code B = weights + activationBytesPerPixel * P}, CPU work
 * {@code W = cpuFixed + cpuPerPixel * P} cycles with serial fraction {@code s}, {@code K} kernels and GPU
 * efficiency {@code eta}. From the {@link SimulatedBoard}: peak {@code flopsPerCycle}, {@code bytesPerCycle},
 * memory efficiency {@code mu}, {@code launchCycles}, {@code syncCycles}, {@code powerBudget}.
 *
 * <h2>Latency</h2>
 * <pre>
 *   t_pre  = ( W (s + (1 - s) / n) + (n - 1) syncCycles ) / f_c      pre/post-processing: Amdahl + coordination
 *   t_disp = K launchCycles / f_c                                     the host thread dispatching kernels
 *   t_comp = F / (f_g flopsPerCycle eta)                              compute-bound part
 *   t_mem  = B / (f_e bytesPerCycle mu)                               memory-bound part
 *   t_gpu  = max(t_comp, t_mem) + ALPHA min(t_comp, t_mem)            compute and memory overlap imperfectly
 *   t_inf  = max(t_disp, t_gpu) + BETA min(t_disp, t_gpu)             launches are asynchronous, mostly hidden
 *   L      = t_pre + t_inf
 * </pre>
 * The coordination term makes extra cores pay off only when there is enough pixel work, so the best
 * core count grows with the input size.
 *
 * <h2>Energy (the integral of power over the latency)</h2>
 * Voltages {@code V_c, V_g, V_e} come from each {@link ClockDomain}; {@code ^max} marks the value at the
 * highest frequency.
 * <pre>
 *   P_static = board + n coreLeak V_c/V_c^max + gpuLeak V_g/V_g^max + emcBackground f_e/f_e^max
 *   busy     = ( W + (n - 1) syncCycles ) / f_c + t_inf               busy core-seconds; the host thread spins while the GPU runs
 *   E_cpu    = C_c V_c^2 f_c ( busy + cpuIdle max(0, n L - busy) )     busy cycles + activity of idle online cores
 *   E_gpu    = C_g V_g^2 f_g ( t_comp + gpuIdle (L - t_comp) )         busy cycles + clocked-idle activity
 *   E_mem    = energyPerByte (V_e/V_e^max)^2 B
 *   E        = P_static L + E_cpu + E_gpu + E_mem
 * </pre>
 * Static energy falls with every clock raised (shorter {@code L}), switching energy per cycle rises as
 * {@code V^2}: the energy optimum is interior, and where it lies depends on whether the DNN is compute-,
 * memory- or CPU-bound at a given input size. A clock that is not the bottleneck only costs energy.
 *
 * <h2>Batch size (a software knob)</h2>
 * A configuration may hold the software option {@value #BATCH_SIZE}, {@code b >= 1} images per request
 * (absent: 1). A batch runs as one inference of {@code b P} pixels: its kernels are launched once, the
 * weights are read from DRAM once, the fixed CPU work is done once, while the per-pixel work (operations,
 * activations, pre-processing) grows {@code b} times. The estimate then reports the latency of the request,
 * {@code L(bP)}, which rises with {@code b} (nearly linearly once the GPU is busy), and the energy per image,
 * {@code E(bP) / b}, which falls with {@code b}: the weights' traffic, the launches, the fixed work and the
 * static power over them are shared by {@code b} images. So a batch buys energy (and throughput) with
 * latency, the trade-off PolyThrottle tunes jointly with DVFS: a minimum-energy policy batches, a
 * minimum-latency one does not, and a latency bound picks the largest batch (and clocks) that meets it.
 *
 * <h2>Power budget (throttling)</h2>
 * Like a Jetson power mode, the board sustains at most {@code powerBudget} watts on average. When
 * {@code E / L} at the requested GPU clock exceeds it, the GPU runs at the highest effective clock
 * {@code f_g' <= f_g} (continuous, voltage interpolated, not lower than the lowest offered clock) at which
 * {@code E / L <= powerBudget}, and latency and energy are those at {@code f_g'}. The configuration reads
 * back as requested, as on a real board. So on heavy inputs, more cores or a faster CPU can make the GPU
 * slower, and the latency optimum is no longer simply "everything at maximum".
 */
public final class AnalyticModel {

    /** Exposed fraction of the shorter of compute and memory time (imperfect overlap). */
    public static final double ALPHA = 0.2;
    /** Exposed fraction of the shorter of dispatch and GPU time. */
    public static final double BETA = 0.1;

    /** The software option of the batch size (images per request); see the class comment. */
    public static final String BATCH_SIZE = "batch_size";

    private static final int BISECTION_STEPS = 60;

    private final SimulatedBoard board;

    public AnalyticModel(SimulatedBoard board) {
        this.board = Objects.requireNonNull(board, "board");
    }

    public SimulatedBoard board() {
        return board;
    }

    /**
     * The estimate for {@code dnn} on a {@code width x height} input in {@code configuration}, which must
     * hold {@code cores}, {@code cpu_freq} (kHz), {@code gpu_freq} and {@code emc_freq} (Hz).
     */
    public Estimate estimate(DnnProfile dnn, int width, int height, Configuration configuration) {
        double n = configuration.get(BoardOptions.CORES);
        if (n < 1 || n > board.maxCores()) {
            throw new IllegalArgumentException("cores must be 1.." + board.maxCores() + ", got " + n);
        }
        double batch = configuration.has(BATCH_SIZE) ? configuration.get(BATCH_SIZE) : 1;
        if (!(batch >= 1) || batch != Math.rint(batch)) {
            throw new IllegalArgumentException(BATCH_SIZE + " must be a whole number >= 1, got " + batch);
        }
        Point point = new Point(dnn, batch * width * height, n, configuration.get(BoardOptions.CPU_FREQ),
                configuration.get(BoardOptions.EMC_FREQ));
        return throttled(point, configuration).perImage(batch);
    }

    /** The estimate of the whole request of {@code point}, at the GPU clock the power budget allows. */
    private Estimate throttled(Point point, Configuration configuration) {
        double requested = board.gpu().hz(configuration.get(BoardOptions.GPU_FREQ));
        Estimate unthrottled = evaluate(point, requested);
        if (unthrottled.averagePower() <= board.powerBudget()) {
            return unthrottled;
        }
        double lo = Math.min(requested, board.gpu().hz(board.gpu().frequencies().get(0)));
        Estimate floor = evaluate(point, lo);
        if (floor.averagePower() >= board.powerBudget()) {
            return floor;
        }
        double hi = requested;
        for (int i = 0; i < BISECTION_STEPS; i++) {
            double mid = (lo + hi) / 2;
            if (evaluate(point, mid).averagePower() <= board.powerBudget()) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return evaluate(point, lo);
    }

    /** Everything but the GPU clock. */
    private record Point(DnnProfile dnn, double pixels, double n, double cpuValue, double emcValue) {
    }

    /** The equations of the class comment at GPU clock {@code fg} Hz (not necessarily an offered one). */
    private Estimate evaluate(Point x, double fg) {
        DnnProfile dnn = x.dnn();
        double n = x.n();
        double fc = board.cpu().hz(x.cpuValue());
        double fe = board.emc().hz(x.emcValue());

        double work = dnn.cpuCycles(x.pixels());
        double s = dnn.serialFraction();
        double tPre = (work * (s + (1 - s) / n) + (n - 1) * board.syncCycles()) / fc;
        double tDisp = dnn.kernels() * board.launchCycles() / fc;
        double bytes = dnn.bytes(x.pixels());
        double tComp = dnn.flops(x.pixels()) / (fg * board.gpuFlopsPerCycle() * dnn.gpuEfficiency());
        double tMem = bytes / (fe * board.emcBytesPerCycle() * board.memoryEfficiency());
        double tGpu = overlap(tComp, tMem, ALPHA);
        double tInf = overlap(tDisp, tGpu, BETA);
        double latency = tPre + tInf;

        PowerCoefficients p = board.power();
        double vc = board.cpu().voltage(x.cpuValue());
        double vg = board.gpu().voltage(fg / board.gpu().hzPerUnit());
        double ve = board.emc().voltage(x.emcValue());
        double staticPower = p.boardStatic()
                + n * p.coreLeakage() * vc / board.cpu().vMax()
                + p.gpuLeakage() * vg / board.gpu().vMax()
                + p.emcBackground() * fe / board.emc().maxHz();
        double busy = (work + (n - 1) * board.syncCycles()) / fc + tInf;
        double idle = Math.max(0, n * latency - busy);
        double cpuEnergy = p.cpuCapacitance() * vc * vc * fc * (busy + p.cpuIdleActivity() * idle);
        double gpuEnergy = p.gpuCapacitance() * vg * vg * fg * (tComp + p.gpuIdleActivity() * (latency - tComp));
        double vRel = ve / board.emc().vMax();
        double memEnergy = p.energyPerByte() * vRel * vRel * bytes;
        double energy = staticPower * latency + cpuEnergy + gpuEnergy + memEnergy;
        return new Estimate(latency, energy, tPre, tDisp, tComp, tMem, tGpu, fg, 1);
    }

    /** {@code max(a, b) + fraction * min(a, b)}: two activities that overlap except for {@code fraction}. */
    static double overlap(double a, double b, double fraction) {
        return Math.max(a, b) + fraction * Math.min(a, b);
    }

    /**
     * One noise-free estimate with its latency breakdown (seconds; energy in joules).
     *
     * @param latency       seconds per inference
     * @param energy        joules per inference
     * @param preprocessing CPU pre/post-processing time
     * @param dispatch      host time to launch the kernels
     * @param compute       compute-bound GPU time
     * @param memory        memory-bound GPU time
     * @param gpu           GPU time with overlap
     * @param gpuClock      effective GPU clock in Hz (below the requested one when the power budget throttles)
     * @param batch         images per request: {@code latency} is the request's, {@code energy} one image's
     */
    public record Estimate(double latency, double energy, double preprocessing, double dispatch, double compute,
                           double memory, double gpu, double gpuClock, double batch) {

        /** Average power over the request, W. */
        public double averagePower() {
            return energy * batch / latency;
        }

        /** This estimate of a whole request of {@code images} images, with the energy of one image. */
        Estimate perImage(double images) {
            return new Estimate(latency, energy / images, preprocessing, dispatch, compute, memory, gpu, gpuClock,
                    images);
        }
    }
}
