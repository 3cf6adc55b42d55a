package org.tunerd.daemon.device.jetson;

import java.util.List;
import java.util.Optional;

/**
 * Where one Jetson board keeps its controls and sensors, as read from {@code config/boards/<name>.yaml}.
 *
 * <p>All paths are absolute on the board ({@code /sys/...}) and are resolved under the device's
 * {@code sysfsRoot}. Lists are never null (absent = empty). {@link BoardProfiles} validates a profile and
 * names the file and field of any problem.
 *
 * @param name        profile name, equal to the file name without {@code .yaml}, e.g. {@code tx2}
 * @param hardware    hardware name used in environments, e.g. {@code TX2} (as in the study's data)
 * @param description free text: board, L4T releases the paths come from
 * @param detect      how to recognise the board
 * @param cpu         cores and cpufreq policies
 * @param gpu         GPU devfreq node
 * @param emc         memory controller clock
 * @param power       INA3221 power monitors
 */
public record BoardProfile(String name, String hardware, String description, Detect detect, Cpu cpu, Gpu gpu,
                           Emc emc, Power power) {

    /**
     * Identity facts that select this profile. The board's chip must match one of {@code compatible} (an
     * entry of {@code /proc/device-tree/compatible}), {@code chipIds} ({@code tegra_chip_id}) or
     * {@code socIds} ({@code /sys/devices/soc0/soc_id}); then {@code modelPattern} (if set) must be found in
     * {@code /proc/device-tree/model} and every path in {@code requirePaths} must exist.
     */
    public record Detect(List<String> compatible, List<Integer> chipIds, List<Integer> socIds, String modelPattern,
                         List<String> requirePaths) {
        public Detect {
            compatible = copy(compatible);
            chipIds = copy(chipIds);
            socIds = copy(socIds);
            requirePaths = copy(requirePaths);
        }

        public Optional<String> model() {
            return Optional.ofNullable(modelPattern);
        }
    }

    /**
     * CPU control.
     *
     * @param root     the cpu folder, normally {@code /sys/devices/system/cpu}
     * @param cores    the cores the tuner switches, in order; the first is {@code cpu0}, which is never
     *                 taken offline; option {@code cores = k} means the first k are online, the rest offline
     * @param clusters cpufreq policies whose limits the tuner pins, each with the managed cores it serves
     * @param governor governor written before pinning min = max ({@code userspace}), or null to keep the
     *                 governor and pin min = max only
     */
    public record Cpu(String root, List<String> cores, List<Cluster> clusters, String governor) {
        public Cpu {
            cores = copy(cores);
            clusters = copy(clusters);
        }

        public Optional<String> pinGovernor() {
            return Optional.ofNullable(governor);
        }

        public String online(String core) {
            return root + "/" + core + "/online";
        }

        public String cpufreq(String policy, String file) {
            return root + "/" + policy + "/cpufreq/" + file;
        }
    }

    /**
     * One cpufreq policy.
     *
     * @param policy the cpu whose {@code cpufreq} folder holds the policy, e.g. {@code cpu0}
     * @param cpus   the managed cores this policy serves; the policy is written only when one of them is online
     */
    public record Cluster(String policy, List<String> cpus) {
        public Cluster {
            cpus = copy(cpus);
        }
    }

    /**
     * GPU control through devfreq.
     *
     * @param devfreq  devfreq node with {@code available_frequencies}, {@code min_freq}, {@code max_freq} (Hz)
     * @param railgate {@code railgate_enable} file set to 0 while tuned, or null if the board has none
     */
    public record Gpu(String devfreq, String railgate) {
        public String file(String name) {
            return devfreq + "/" + name;
        }

        public Optional<String> railgateFile() {
            return Optional.ofNullable(railgate);
        }
    }

    /**
     * Memory controller clock (debugfs).
     *
     * @param available     file listing the possible rates
     * @param availableUnit unit of {@code available} when the file does not say: {@code Hz}, {@code kHz} or {@code MHz}
     * @param rate          file taking the rate in Hz
     * @param lock          file taking 1 to hold the rate ({@code mrq_rate_locked} or an override {@code state})
     * @param order         write order of the two files: {@code [lock, rate]} or {@code [rate, lock]}
     */
    public record Emc(String available, String availableUnit, String rate, String lock, List<String> order) {
        public Emc {
            order = copy(order);
        }

        public boolean lockFirst() {
            return order.isEmpty() || order.get(0).equals("lock");
        }
    }

    /**
     * INA3221 power monitors.
     *
     * @param sources    where to look: each a layout ({@code iio} or {@code hwmon}) and a glob of device folders
     * @param totalRails labels of a rail that carries the whole board's input, first found wins; without one
     *                   the total is the sum of all rails
     */
    public record Power(List<Source> sources, List<String> totalRails) {
        public Power {
            sources = copy(sources);
            totalRails = copy(totalRails);
        }
    }

    /**
     * A place INA3221 channels appear.
     *
     * @param layout {@code iio} (rail_name_k, in_power_k_input in mW) or {@code hwmon} (in_k_label, in_k_input
     *               in mV, curr_k_input in mA)
     * @param glob   absolute path pattern of the device folders; {@code *} matches within one path element
     */
    public record Source(String layout, String glob) {
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
