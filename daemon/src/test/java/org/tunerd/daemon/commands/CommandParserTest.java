package org.tunerd.daemon.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tunerd.daemon.api.PinRequest;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.Option;

class CommandParserTest {

    private static byte[] ce(String type, String data) {
        String s = "{\"specversion\":\"1.0\",\"id\":\"c-1\",\"source\":\"urn:ops:console\",\"type\":\"" + type + "\""
                + (data == null ? "" : ",\"datacontenttype\":\"application/json\",\"data\":" + data) + "}";
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Command parse(String type, String data) throws CommandRejectedException {
        return CommandParser.parse(ce(type, data), "test");
    }

    private static String reject(byte[] value) {
        return assertThrows(CommandRejectedException.class, () -> CommandParser.parse(value, "test")).getMessage();
    }

    @Test
    void parsesEveryCommandType() throws Exception {
        Command.Retune r = (Command.Retune) parse("org.tunerd.command.retune", "{\"reason\":\"drift\"}");
        assertEquals(Optional.of("drift"), r.reason());
        assertEquals("c-1", r.meta().id());
        assertEquals("urn:ops:console", r.meta().source().toString());
        assertEquals(Optional.empty(), ((Command.Retune) parse("retune", null)).reason());

        Command.AnnounceWorkload w = (Command.AnnounceWorkload) parse("workload.announce",
                "{\"dnn\":\"xception\",\"width\":600,\"height\":600,\"attributes\":{\"batch\":4,\"fw\":\"tf1.14\"}}");
        assertEquals(new Environment("TX2", "xception", 600, 600, Map.of("batch", "4", "fw", "tf1.14")),
                w.environment("TX2"));

        Command.OverridePolicy p = (Command.OverridePolicy) parse("org.tunerd.policy.override",
                "{\"objective\":\"min-energy\",\"slo\":{\"latency\":0.5},\"budget\":20}");
        assertEquals(20, p.policy().get("budget").asInt());

        Command.PinConfiguration pin = (Command.PinConfiguration) parse("configuration.pin",
                "{\"configuration\":{\"cores\":4,\"gpu_freq\":1.3E9}}");
        assertEquals(Configuration.of("cores", 4, "gpu_freq", 1.3e9),
                pin.request().in(new ConfigurationSpace(List.of(Option.ordinal("cores", List.of(2.0, 4.0)),
                        Option.ordinal("gpu_freq", List.of(1.3e9))))));

        assertEquals(CommandType.CONFIGURATION_RELEASE, parse("configuration.release", "{}").type());
    }

    @Test
    void malformedCommandsAreRejectedWithTheReason() {
        assertTrue(reject("{\"oops".getBytes(StandardCharsets.UTF_8)).contains("not a CloudEvent"));
        assertTrue(reject(new byte[0]).contains("empty"));
        assertTrue(reject("{\"id\":\"x\",\"type\":\"retune\"}".getBytes(StandardCharsets.UTF_8))
                .contains("not a CloudEvent"));
        assertTrue(reject(ce("reboot", "{}")).contains("unknown command type 'reboot'"));
        assertTrue(reject(ce("workload.announce", "{\"dnn\":\"x\",\"width\":600}")).contains("'height' is missing"));
        assertTrue(reject(ce("workload.announce", "{\"dnn\":\"x\",\"width\":-1,\"height\":2}")).contains("'width'"));
        assertTrue(reject(ce("workload.announce", "{\"dnn\":\"x\",\"width\":1,\"height\":2,\"size\":3}"))
                .contains("unknown field 'size'"));
        assertTrue(reject(ce("workload.announce", null)).contains("data is missing"));
        assertTrue(reject(ce("workload.announce", "[1]")).contains("must be a JSON object"));
        assertTrue(reject(ce("configuration.pin", "{\"configuration\":{\"cores\":true}}"))
                .contains("option 'cores' must be a number or a label"));
        assertTrue(reject(ce("configuration.pin", "{\"configuration\":{\"cores\":[4]}}"))
                .contains("option 'cores' must be a number or a label"));
        assertTrue(reject(ce("configuration.pin", "{\"configuration\":{}}")).contains("non-empty"));
        assertTrue(reject(ce("policy.override", "{}")).contains("nothing to override"));
        assertTrue(reject(ce("retune", "{\"reason\":5}")).contains("'reason' must be a string"));
    }

    /** A device space with a categorical software option, as a board with a precision option offers. */
    private static final ConfigurationSpace PRECISION = new ConfigurationSpace(List.of(
            Option.ordinal("cores", List.of(2.0, 4.0)), Option.categorical("precision", List.of("fp32", "fp16"))));

    private static PinRequest pin(String configuration) throws CommandRejectedException {
        return ((Command.PinConfiguration) parse("configuration.pin", "{\"configuration\":" + configuration + "}"))
                .request();
    }

    @Test
    void aPinGivesACategoricalOptionByItsLabel() throws Exception {
        assertEquals(Configuration.of("cores", 4, "precision", 1), pin("{\"cores\":4,\"precision\":\"fp16\"}")
                .in(PRECISION));
        assertEquals(Configuration.of("cores", 2, "precision", 0), pin("{\"precision\":\"fp32\",\"cores\":2}")
                .in(PRECISION), "in the space's option order");
    }

    @Test
    void aPinMayStillGiveACategoricalOptionByItsCode() throws Exception {
        assertEquals(Configuration.of("cores", 4, "precision", 1), pin("{\"cores\":4,\"precision\":1}").in(PRECISION));
        assertEquals(pin("{\"cores\":4,\"precision\":\"fp16\"}").in(PRECISION),
                pin("{\"cores\":4,\"precision\":1}").in(PRECISION), "label and code are the same pin");
    }

    @Test
    void aPinOfALabelTheDeviceDoesNotOfferIsRejectedNamingTheOptionTheLabelAndThoseOffered() throws Exception {
        PinRequest unknown = pin("{\"cores\":4,\"precision\":\"int4\"}");
        assertEquals("configuration.precision: option 'precision' does not offer 'int4'; it offers [fp32, fp16]",
                assertThrows(IllegalArgumentException.class, () -> unknown.in(PRECISION)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> pin("{\"cores\":4,\"precision\":7}").in(PRECISION)).getMessage()
                .contains("option 'precision' does not offer 7"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> pin("{\"cores\":\"four\",\"precision\":0}").in(PRECISION)).getMessage()
                .startsWith("configuration.cores: must be a finite number"), "a numeric option takes no label");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> pin("{\"cores\":4,\"turbo\":\"on\"}").in(PRECISION)).getMessage()
                .contains("configuration.turbo: unknown option"));
    }
}
