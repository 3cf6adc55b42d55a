package org.tunerd.daemon.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadAnnouncementParserTest {

    @Test
    void parsesYamlAndJson() {
        assertEquals(new WorkloadAnnouncement("xception", 600, 400, Map.of("precision", "fp16")),
                WorkloadAnnouncementParser.parse("dnn: xception\nwidth: 600\nheight: 400\nattributes: {precision: fp16}\n", "f"));
        assertEquals(new WorkloadAnnouncement("resnet50", 224, 224, Map.of()),
                WorkloadAnnouncementParser.parse("{\"dnn\":\"resnet50\",\"size\":\"224x224\"}", "f"));
    }

    @Test
    void errorsNameOriginAndField() {
        assertMessage("workload.yaml: field 'width' must be a positive integer", "dnn: x\nwidth: -3\nheight: 4");
        assertMessage("workload.yaml: field 'dnn' must be a non-empty string", "width: 3\nheight: 4");
        assertMessage("workload.yaml: field 'widht' is unknown", "dnn: x\nwidht: 3\nheight: 4");
        assertMessage("workload.yaml: field 'size' must be WIDTHxHEIGHT", "dnn: x\nsize: big");
        assertMessage("workload.yaml: not valid JSON/YAML", "{dnn: [");
        assertMessage("workload.yaml: expected an object", "- a\n- b");
        assertMessage("workload.yaml: field 'height' must be a positive integer", "dnn: x\nwidth: 3\nheight: 2.5");
    }

    private static void assertMessage(String prefix, String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> WorkloadAnnouncementParser.parse(text, "workload.yaml"));
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    }

    @Test
    void anUnknownSizeIsBothZeroAndReachesTheDevicesWorkload() {
        WorkloadAnnouncement unknown = new WorkloadAnnouncement("xception", 0, 0, Map.of());
        assertEquals("NA", unknown.on("TX2").size());
        assertEquals(org.tunerd.models.space.Environment.withUnknownSize("TX2", "xception", Map.of()),
                org.tunerd.daemon.device.Workload.of(unknown.on("TX2")).environment("TX2"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new WorkloadAnnouncement("xception", 0, 224, Map.of()));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> org.tunerd.daemon.device.Workload.of("xception", 224, 0));
    }
}
