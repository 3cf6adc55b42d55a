package org.tunerd.daemon.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fields of the configuration that take effect only when the daemon starts: {@code deviceId},
 * {@code device.*}, {@code kafka.*}, {@code store.*} (except {@code store.maxSources}), {@code http.enabled},
 * {@code http.host}, {@code http.port} and {@code workload.watchFile}. Everything else (the policy, the
 * workload, {@code retune.*} including its timers, the HTTP token) is applied by a reload. A reload that
 * changes a start-only field must not claim it took: {@link #changed} names those fields (reported as
 * {@code policy.restart-needed}) and {@link #applicable} is the configuration in force until the restart,
 * the reloaded file with the start-only fields still at their values in force.
 */
public final class StartOnlyFields {

    /** Dotted paths (as in {@link ConfigTree#toTree}) that are start-only, with all paths beneath them. */
    private static final List<String> START_ONLY = List.of("deviceId", "device", "kafka", "store", "http.enabled",
            "http.host", "http.port", "workload.watchFile", "workload.options");
    /** Paths beneath a start-only one that a reload applies all the same. */
    private static final List<String> LIVE = List.of("store.maxSources");

    private StartOnlyFields() {
    }

    /**
     * The start-only fields {@code reloaded} changes against {@code inForce}, as sorted dotted paths (e.g.
     * {@code http.port}, {@code kafka.properties.sasl.jaas.config}); names only, never values.
     */
    public static List<String> changed(TunerConfig inForce, TunerConfig reloaded) {
        Map<String, String> before = leaves(inForce);
        Map<String, String> after = leaves(reloaded);
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        List<String> out = new ArrayList<>();
        for (String path : paths) {
            if (startOnly(path) && !Objects.equals(before.get(path), after.get(path))) {
                out.add(path);
            }
        }
        return out;
    }

    /** {@code reloaded} with every start-only field at its value in {@code inForce}: what a reload can apply. */
    public static TunerConfig applicable(TunerConfig inForce, TunerConfig reloaded) {
        HttpSettings was = inForce.http();
        HttpSettings http = new HttpSettings(was.enabled(), was.host(), was.port(), reloaded.http().token(),
                reloaded.http().tokenFile());
        return new TunerConfig(inForce.deviceId(), inForce.device(),
                reloaded.workload().withStartOnlyOf(inForce.workload()), reloaded.policy(), reloaded.retune(),
                inForce.kafka(), http, inForce.store().withMaxSources(reloaded.store().maxSources()));
    }

    private static boolean startOnly(String path) {
        return START_ONLY.stream().anyMatch(p -> under(path, p)) && LIVE.stream().noneMatch(p -> under(path, p));
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + ".");
    }

    /** Every leaf of the configuration tree (secrets included: only their paths leave this class). */
    private static Map<String, String> leaves(TunerConfig c) {
        Map<String, String> out = new TreeMap<>();
        flatten("", ConfigTree.toTree(c, false), out);
        return out;
    }

    private static void flatten(String path, JsonNode n, Map<String, String> out) {
        if (n.isObject() && n.size() > 0) {
            n.properties().forEach(e -> flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out));
        } else {
            out.put(path, n.toString());
        }
    }
}
