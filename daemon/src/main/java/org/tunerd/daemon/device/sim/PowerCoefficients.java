package org.tunerd.daemon.device.sim;

/**
 * Power constants of a simulated board (SI units: watts, farads, joules).
 *
 * <p>Leakage terms scale linearly with the supply voltage of their rail, {@code P_leak(V) = P_leak,max V / V_max};
 * switching terms follow {@code P = C_eff f V^2}. See {@link AnalyticModel} for how they are combined.
 *
 * @param boardStatic      always-on power of the module (regulators, SoC always-on domain, I/O), W
 * @param coreLeakage      leakage of one online CPU core at the CPU's highest voltage, W
 * @param gpuLeakage       leakage of the (un-railgated) GPU at its highest voltage, W
 * @param cpuCapacitance   effective switched capacitance of one busy CPU core, F
 * @param cpuIdleActivity  fraction of a busy core's switching power an online core draws while it has no
 *                         pre/post-processing or dispatch work (framework thread pools polling, OS ticks), 0..1
 * @param gpuCapacitance   effective switched capacitance of the whole busy GPU, F
 * @param gpuIdleActivity  fraction of the GPU's switching power still drawn while it is clocked but has no
 *                         work (clock tree, schedulers), 0..1
 * @param emcBackground    DRAM and memory-controller background power (refresh, clocking, I/O termination)
 *                         at the highest EMC frequency; scales linearly with the EMC frequency, W
 * @param energyPerByte    energy of moving one byte between DRAM and the SoC at the highest EMC voltage, J
 */
public record PowerCoefficients(double boardStatic, double coreLeakage, double gpuLeakage, double cpuCapacitance,
                                double cpuIdleActivity, double gpuCapacitance, double gpuIdleActivity, double emcBackground,
                                double energyPerByte) {

    public PowerCoefficients {
        double[] all = {boardStatic, coreLeakage, gpuLeakage, cpuCapacitance, cpuIdleActivity, gpuCapacitance, gpuIdleActivity,
                emcBackground, energyPerByte};
        for (double v : all) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("power coefficients must be finite and >= 0, got " + v);
            }
        }
        if (cpuIdleActivity > 1 || gpuIdleActivity > 1) {
            throw new IllegalArgumentException("idle activities must be in 0..1, got cpu " + cpuIdleActivity
                    + ", gpu " + gpuIdleActivity);
        }
    }
}
