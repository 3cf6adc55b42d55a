package org.tunerd.daemon.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Option;

class PinStoreTest {

    @TempDir
    Path dir;

    private static ConfigurationSpace space(String... precision) {
        return new ConfigurationSpace(List.of(Option.ordinal("cores", List.of(2.0, 4.0)),
                Option.categorical("precision", List.of(precision))));
    }

    private Path pin() {
        return dir.resolve("pin.json");
    }

    @Test
    void aPinKeepsItsLabelWhenTheValuesAreReordered() throws IOException {
        new PinStore(pin()).save(space("fp32", "fp16"), Configuration.of("cores", 4, "precision", 1));

        String written = Files.readString(pin());
        assertTrue(written.contains("\"formatVersion\":2"), written);
        assertTrue(written.contains("\"precision\":\"fp16\""), written);
        Optional<Configuration> back = new PinStore(pin()).load(space("int8", "fp16", "fp32"));
        assertEquals(Optional.of(Configuration.of("cores", 4, "precision", 1)), back, "fp16 is code 1 in both");
        assertEquals(Optional.of(Configuration.of("cores", 4, "precision", 0)),
                new PinStore(pin()).load(space("fp16", "fp32")), "fp16 is now code 0");
    }

    @Test
    void aVersion1FileOfCodesStillLoads() throws IOException {
        Files.writeString(pin(), "{\"formatVersion\":1,\"configuration\":{\"cores\":2,\"precision\":1}}");
        assertEquals(Optional.of(Configuration.of("cores", 2, "precision", 1)),
                new PinStore(pin()).load(space("fp32", "fp16")));
        assertTrue(Files.exists(pin()), "a restored pin stays recorded");
    }

    @Test
    void aLabelTheSpaceNoLongerOffersIsMovedAside() throws IOException {
        new PinStore(pin()).save(space("fp32", "int8"), Configuration.of("cores", 2, "precision", 1));

        assertEquals(Optional.empty(), new PinStore(pin()).load(space("fp32", "fp16")));

        assertFalse(Files.exists(pin()));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().startsWith("pin.json.corrupt-")).count());
        }
    }

    @Test
    void anUnknownLabelIsNamedWithItsOption() throws IOException {
        var n = new ObjectMapper().readTree("{\"cores\":2,\"precision\":\"int8\"}");
        StoreFormatException e = assertThrows(StoreFormatException.class,
                () -> ModelJson.configurationByLabel(n, "configuration", space("fp32", "fp16")));
        assertTrue(e.getMessage().contains("configuration.precision") && e.getMessage().contains("'int8'"),
                e.getMessage());
    }

    @Test
    void aCodeWhereALabelIsExpectedIsRejected() throws IOException {
        var n = new ObjectMapper().readTree("{\"cores\":2,\"precision\":1}");
        StoreFormatException e = assertThrows(StoreFormatException.class,
                () -> ModelJson.configurationByLabel(n, "configuration", space("fp32", "fp16")));
        assertTrue(e.getMessage().contains("[fp32, fp16]"), e.getMessage());
    }
}
