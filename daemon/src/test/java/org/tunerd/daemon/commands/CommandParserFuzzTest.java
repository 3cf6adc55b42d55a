package org.tunerd.daemon.commands;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the Kafka command parser (CloudEvent JSON bytes to {@link Command}): any input is a command or a
 * {@link CommandRejectedException} with a reason; anything else, or a hang, is a finding.
 */
class CommandParserFuzzTest {

    @FuzzTest(maxExecutions = 30_000)
    void parse(byte[] input) {
        try {
            CommandParser.parse(input, "fuzz[0]@0");
        } catch (CommandRejectedException documented) {
            if (documented.getMessage() == null || documented.getMessage().isBlank()) {
                throw new AssertionError("a rejection without a reason", documented);
            }
        }
    }
}
