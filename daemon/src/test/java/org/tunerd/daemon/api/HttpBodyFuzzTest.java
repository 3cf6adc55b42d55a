package org.tunerd.daemon.api;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Fuzzes the HTTP request-body parsers ({@code POST /retune}, {@code POST /workload}, {@code PUT /pin}): any body
 * is accepted or refused with a {@link BadRequestException} (answered 400 naming the field) or an
 * {@link IllegalArgumentException} (also 400); anything else, or a hang, is a finding.
 */
class HttpBodyFuzzTest {

    @FuzzTest(maxExecutions = 30_000)
    void parse(byte[] input) {
        JsonNode body;
        try {
            body = ApiJson.body(input, input.length % 2 == 0);
        } catch (BadRequestException documented) {
            return;
        }
        for (int endpoint = 0; endpoint < 3; endpoint++) {
            try {
                switch (endpoint) {
                    case 0 -> ApiJson.reason(body);
                    case 1 -> ApiJson.announcement(body);
                    default -> ApiJson.pin(body);
                }
            } catch (BadRequestException | IllegalArgumentException documented) {
                // 400
            }
        }
    }
}
