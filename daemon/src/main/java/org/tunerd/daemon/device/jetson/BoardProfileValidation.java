package org.tunerd.daemon.device.jetson;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * What a board profile must hold before tunerd writes a file it names: the detection rules, cpu0 first and
 * served by a cluster, absolute paths without {@code ..}, known units and power-monitor layouts. One pass
 * collects every problem; each message names the field.
 */
final class BoardProfileValidation {

    private static final Set<String> LAYOUTS = Set.of("iio", "hwmon");
    private static final Set<String> UNITS = Set.of("Hz", "kHz", "MHz");
    private static final Pattern CPU_NAME = Pattern.compile("cpu[0-9]+");

    private BoardProfileValidation() {
    }

    /**
     * Checks everything a profile must hold, naming {@code src} and every field that is wrong.
     *
     * @throws BoardProfileException listing all problems found
     */
    static void check(BoardProfile p, String src) {
        List<String> problems = new ArrayList<>();
        require(problems, p.name(), "name");
        require(problems, p.hardware(), "hardware");
        if (p.detect() == null) {
            problems.add("field 'detect' is required");
        } else {
            var d = p.detect();
            if (d.compatible().isEmpty() && d.chipIds().isEmpty() && d.socIds().isEmpty()) {
                problems.add("field 'detect' needs at least one of compatible, chipIds, socIds");
            }
            if (d.modelPattern() != null) {
                try {
                    Pattern.compile(d.modelPattern());
                } catch (PatternSyntaxException e) {
                    problems.add("field 'detect.modelPattern': not a regular expression: " + e.getDescription());
                }
            }
            d.requirePaths().forEach(path -> absolute(problems, path, "detect.requirePaths"));
        }
        if (p.cpu() == null) {
            problems.add("field 'cpu' is required");
        } else {
            validateCpu(p.cpu(), problems);
        }
        if (p.gpu() == null) {
            problems.add("field 'gpu' is required");
        } else {
            absolute(problems, p.gpu().devfreq(), "gpu.devfreq");
            if (p.gpu().railgate() != null) {
                absolute(problems, p.gpu().railgate(), "gpu.railgate");
            }
        }
        if (p.emc() == null) {
            problems.add("field 'emc' is required");
        } else {
            var e = p.emc();
            absolute(problems, e.available(), "emc.available");
            absolute(problems, e.rate(), "emc.rate");
            absolute(problems, e.lock(), "emc.lock");
            if (e.availableUnit() == null || !UNITS.contains(e.availableUnit())) {
                problems.add("field 'emc.availableUnit': expected one of " + UNITS + ", got " + e.availableUnit());
            }
            if (!e.order().isEmpty() && !(e.order().equals(List.of("lock", "rate")) || e.order().equals(List.of("rate", "lock")))) {
                problems.add("field 'emc.order': expected [lock, rate] or [rate, lock], got " + e.order());
            }
        }
        if (p.power() == null) {
            problems.add("field 'power' is required (use an empty 'sources' list for a board without a monitor)");
        } else {
            for (int i = 0; i < p.power().sources().size(); i++) {
                var s = p.power().sources().get(i);
                if (s == null || !LAYOUTS.contains(s.layout())) {
                    problems.add("field 'power.sources[" + i + "].layout': expected one of " + LAYOUTS + ", got "
                            + (s == null ? null : s.layout()));
                }
                absolute(problems, s == null ? null : s.glob(), "power.sources[" + i + "].glob");
            }
        }
        if (!problems.isEmpty()) {
            throw new BoardProfileException(src + ": " + String.join("; ", problems));
        }
    }

    private static void validateCpu(BoardProfile.Cpu c, List<String> problems) {
        absolute(problems, c.root(), "cpu.root");
        if (c.cores().isEmpty()) {
            problems.add("field 'cpu.cores' must list at least cpu0");
        } else if (!"cpu0".equals(c.cores().get(0))) {
            problems.add("field 'cpu.cores': the first core must be cpu0 (it is never taken offline), got "
                    + c.cores().get(0));
        }
        for (String core : c.cores()) {
            if (core == null || !CPU_NAME.matcher(core).matches()) {
                problems.add("field 'cpu.cores': '" + core + "' is not a cpu name like cpu3");
            }
        }
        if (c.cores().stream().distinct().count() != c.cores().size()) {
            problems.add("field 'cpu.cores' lists a core twice: " + c.cores());
        }
        if (c.clusters().isEmpty()) {
            problems.add("field 'cpu.clusters' must list at least the policy of cpu0");
        }
        for (int i = 0; i < c.clusters().size(); i++) {
            var cl = c.clusters().get(i);
            String f = "cpu.clusters[" + i + "]";
            if (cl.policy() == null || !CPU_NAME.matcher(cl.policy()).matches()) {
                problems.add("field '" + f + ".policy': '" + cl.policy() + "' is not a cpu name like cpu0");
            }
            if (cl.cpus().isEmpty()) {
                problems.add("field '" + f + ".cpus' must list the managed cores the policy serves");
            }
            for (String cpu : cl.cpus()) {
                if (!c.cores().contains(cpu)) {
                    problems.add("field '" + f + ".cpus': " + cpu + " is not in cpu.cores " + c.cores());
                }
            }
        }
        List<String> covered = c.clusters().stream().flatMap(cl -> cl.cpus().stream()).collect(Collectors.toList());
        if (!c.clusters().isEmpty() && !covered.contains("cpu0")) {
            problems.add("field 'cpu.clusters': no cluster serves cpu0");
        }
        if (c.governor() != null && c.governor().isBlank()) {
            problems.add("field 'cpu.governor' must be a governor name or absent");
        }
    }

    private static void require(List<String> problems, String value, String field) {
        if (value == null || value.isBlank()) {
            problems.add("field '" + field + "' is required");
        }
    }

    private static void absolute(List<String> problems, String path, String field) {
        if (path == null || path.isBlank()) {
            problems.add("field '" + field + "' is required");
        } else if (!path.startsWith("/")) {
            problems.add("field '" + field + "': path must be absolute, got '" + path + "'");
        } else if (path.contains("/../") || path.endsWith("/..")) {
            problems.add("field '" + field + "': path must not contain '..', got '" + path + "'");
        }
    }
}
