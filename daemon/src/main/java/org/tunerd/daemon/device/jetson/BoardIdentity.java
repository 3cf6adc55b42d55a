package org.tunerd.daemon.device.jetson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the kernel says about the board: device-tree {@code model} and {@code compatible},
 * {@code tegra_chip_id} and {@code soc0/soc_id}. Missing files give empty values.
 *
 * @param model      {@code /proc/device-tree/model}, or empty
 * @param compatible the entries of {@code /proc/device-tree/compatible}
 * @param chipId     {@code /sys/module/tegra_fuse/parameters/tegra_chip_id} (decimal)
 * @param socId      {@code /sys/devices/soc0/soc_id} (decimal)
 */
public record BoardIdentity(Optional<String> model, List<String> compatible, OptionalInt chipId, OptionalInt socId) {

    public static final String MODEL = "/proc/device-tree/model";
    public static final String COMPATIBLE = "/proc/device-tree/compatible";
    public static final String CHIP_ID = "/sys/module/tegra_fuse/parameters/tegra_chip_id";
    public static final String SOC_ID = "/sys/devices/soc0/soc_id";

    public BoardIdentity {
        compatible = List.copyOf(compatible);
    }

    /** Reads the identity files under {@code files}' root. */
    public static BoardIdentity read(SysfsFiles files) {
        Optional<String> model = raw(files, MODEL).map(s -> s.replace('\0', ' ').trim()).filter(s -> !s.isEmpty());
        List<String> compatible = raw(files, COMPATIBLE)
                .map(s -> Arrays.stream(s.split("\0")).map(String::trim).filter(x -> !x.isEmpty()).toList())
                .orElse(List.of());
        return new BoardIdentity(model, compatible, number(files, CHIP_ID), number(files, SOC_ID));
    }

    private static Optional<String> raw(SysfsFiles files, String path) {
        Path file = files.resolve(path);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static OptionalInt number(SysfsFiles files, String path) {
        Optional<String> text = raw(files, path).map(s -> s.replace('\0', ' ').trim());
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        String t = text.get();
        try {
            return OptionalInt.of(t.startsWith("0x") || t.startsWith("0X") ? Integer.parseInt(t.substring(2), 16)
                    : Integer.parseInt(t));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The identity as text facts for {@code DeviceDescription.identity}. */
    public Map<String, String> facts() {
        Map<String, String> out = new LinkedHashMap<>();
        model.ifPresent(m -> out.put("model", m));
        if (!compatible.isEmpty()) {
            out.put("compatible", String.join(",", compatible));
        }
        chipId.ifPresent(id -> out.put("tegra_chip_id", Integer.toString(id)));
        socId.ifPresent(id -> out.put("soc_id", Integer.toString(id)));
        return out;
    }

    @Override
    public String toString() {
        return facts().toString();
    }
}
