package org.tunerd.models.space;

import java.util.List;

/**
 * The names and units of the hardware options of a Jetson board, as every part of tunerd uses them: the
 * measurement-file reader, the devices (sysfs, simulated, replayed) and the board profiles.
 *
 * <ul>
 *   <li>{@value #CORES}: number of online CPU cores (a count; on a board, the first k cores of the profile's
 *       order, cpu0 first, are online);</li>
 *   <li>{@value #CORE_MASK}: which cores are online, for data whose core patterns are not nested (any
 *       subset with core 0 on). Categorical: the value is the bit mask with core k as bit k
 *       ({@code 1 + 4 + 8 = 13} for cores 0, 2 and 3), the label the status digits from core 0 up
 *       ({@code "1011"}). The value is the same in every file and on every board, so two data sets that
 *       list the same pattern agree on its value. A space with a mask also has {@value #CORES}, equal to
 *       the number of online cores of the mask;</li>
 *   <li>{@value #CPU_FREQ}: CPU frequency in kHz (as in {@code scaling_available_frequencies});</li>
 *   <li>{@value #GPU_FREQ}: GPU frequency in Hz (devfreq {@code available_frequencies});</li>
 *   <li>{@value #EMC_FREQ}: memory-controller (EMC) frequency in Hz.</li>
 * </ul>
 *
 * Any other option of a space is a software option (kernel or framework setting).
 */
public final class BoardOptions {

    public static final String CORES = "cores";
    public static final String CORE_MASK = "core_mask";
    public static final String CPU_FREQ = "cpu_freq";
    public static final String GPU_FREQ = "gpu_freq";
    public static final String EMC_FREQ = "emc_freq";

    /** The hardware options, in the order spaces list them. */
    public static final List<String> HARDWARE = List.of(CORES, CORE_MASK, CPU_FREQ, GPU_FREQ, EMC_FREQ);

    /** Cores a mask may describe at most (bits of the value). */
    public static final int MAX_MASK_CORES = 52;

    private BoardOptions() {
    }

    /** True for the hardware option names above; false for software options. */
    public static boolean isHardware(String option) {
        return HARDWARE.contains(option);
    }

    /**
     * The {@value #CORE_MASK} value of a pattern of status digits from core 0 up ({@code "1011"} = 13).
     *
     * @throws IllegalArgumentException if the pattern is empty, too long, or has a digit other than 0 and 1
     */
    public static double coreMaskValue(String pattern) {
        if (pattern.isEmpty() || pattern.length() > MAX_MASK_CORES) {
            throw new IllegalArgumentException("a core pattern has 1 to " + MAX_MASK_CORES + " digits, got '"
                    + pattern + "'");
        }
        long value = 0;
        for (int k = 0; k < pattern.length(); k++) {
            char ch = pattern.charAt(k);
            if (ch != '0' && ch != '1') {
                throw new IllegalArgumentException("a core pattern holds only 0 and 1, got '" + pattern + "'");
            }
            if (ch == '1') {
                value |= 1L << k;
            }
        }
        return value;
    }

    /** The status digits of {@code cores} cores from core 0 up for a {@value #CORE_MASK} value (13, 4 = "1011"). */
    public static String coreMaskLabel(double value, int cores) {
        long bits = (long) value;
        if (bits != value || bits < 0 || cores < 1 || cores > MAX_MASK_CORES || bits >>> cores != 0) {
            throw new IllegalArgumentException("not a mask of " + cores + " cores: " + value);
        }
        StringBuilder sb = new StringBuilder(cores);
        for (int k = 0; k < cores; k++) {
            sb.append((bits >>> k & 1) == 1 ? '1' : '0');
        }
        return sb.toString();
    }

    /** Number of online cores of a {@value #CORE_MASK} value. */
    public static int onlineCores(double maskValue) {
        return Long.bitCount((long) maskValue);
    }

    /** True if the pattern is nested: its online cores are the first ones ({@code 1100}, not {@code 1010}). */
    public static boolean isNested(String pattern) {
        int online = (int) pattern.chars().filter(ch -> ch == '1').count();
        return pattern.substring(0, online).chars().allMatch(ch -> ch == '1');
    }
}
