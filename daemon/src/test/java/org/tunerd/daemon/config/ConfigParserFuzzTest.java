package org.tunerd.daemon.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fuzzes the configuration parser (YAML text to {@link TunerConfig}): any input either parses or is a
 * {@link ConfigException} naming the problems; any other exception, or a hang, is a finding. Regression mode
 * (the seeds in {@code ConfigParserFuzzTestInputs}) in every test run; {@code JAZZER_FUZZ=1} fuzzes, bounded.
 */
class ConfigParserFuzzTest {

    private static final ConfigLoader LOADER = new ConfigLoader(Map.of(), Path.of("/tmp/tunerd-fuzz"), () -> "fuzz");

    @FuzzTest(maxExecutions = 20_000)
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            LOADER.parse(text, "fuzz");
        } catch (ConfigException documented) {
            if (documented.problems().isEmpty()) {
                throw new AssertionError("a rejection names no problem", documented);
            }
        }
    }
}
