package org.tunerd.daemon.device.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The DNNs the simulated board can run. Operation counts and parameter sizes are the published figures of
 * each network; memory traffic per pixel, GPU efficiency and CPU costs are estimates chosen so that the
 * networks span memory-bound (MobileNetV2), balanced (YOLOv5s) and compute-bound (ResNet50, InceptionV3,
 * Xception) behaviour, and so that YOLOv5s carries a heavy CPU post-processing (box decoding, NMS).
 */
public final class DnnCatalogue {

    private static final double MB = 1e6;

    private static final Map<String, DnnProfile> PROFILES = build();

    private DnnCatalogue() {
    }

    private static Map<String, DnnProfile> build() {
        Map<String, DnnProfile> m = new LinkedHashMap<>();
        // name, ref W, ref H, GFLOP, weights, activation B/px, GPU eff., kernels, CPU cycles/px, fixed CPU, serial
        add(m, new DnnProfile("mobilenetv2", 224, 224, 0.60, 14 * MB, 9000, 0.10, 150, 100, 3e6, 0.3));
        add(m, new DnnProfile("resnet50", 224, 224, 8.2, 102 * MB, 6500, 0.35, 180, 100, 3e6, 0.3));
        add(m, new DnnProfile("inceptionv3", 299, 299, 11.4, 95 * MB, 8500, 0.30, 310, 100, 3e6, 0.3));
        add(m, new DnnProfile("xception", 299, 299, 16.8, 92 * MB, 15700, 0.25, 200, 100, 3e6, 0.3));
        add(m, new DnnProfile("yolov5s", 640, 640, 16.5, 29 * MB, 5000, 0.30, 250, 150, 30e6, 0.2));
        return Map.copyOf(m);
    }

    private static void add(Map<String, DnnProfile> m, DnnProfile p) {
        m.put(p.name(), p);
    }

    /** The catalogue's DNN names, sorted. */
    public static List<String> names() {
        return PROFILES.keySet().stream().sorted().toList();
    }

    /** The profile of {@code dnn} (case-insensitive), if catalogued. */
    public static Optional<DnnProfile> find(String dnn) {
        return Optional.ofNullable(PROFILES.get(dnn.trim().toLowerCase(Locale.ROOT)));
    }

    /** The profile of {@code dnn}; fails naming the DNN and listing the catalogue. */
    public static DnnProfile require(String dnn) {
        return find(dnn).orElseThrow(() -> new IllegalArgumentException(
                "the simulated board does not know DNN '" + dnn + "'; its catalogue has " + names()));
    }
}
