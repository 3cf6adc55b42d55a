package org.tunerd.daemon.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tunerd.daemon.config.ConfigException;
import org.tunerd.daemon.config.ConfigLoader;
import org.tunerd.daemon.detect.InvalidWorkloadException;
import org.tunerd.daemon.detect.WorkloadAnnouncement;
import org.tunerd.daemon.detect.WorkloadAnnouncementParser;

/**
 * Issue 11's hostile inputs at the entry points the HTTP tests do not reach, each with its expected answer: input
 * sizes of 1e9 pixels in a Kafka {@code workload.announce}, in the configuration file and in the workload file are
 * refused naming the field and the limit ({@link WorkloadAnnouncement#MAX_SIDE}, the one rule of every entry
 * point; for a Kafka command it applies when the command becomes an announcement, and the consumer answers
 * {@code command.rejected}), and a command record with trailing garbage after its JSON is rejected rather than
 * half-read (it was taken: the CloudEvents reader stops after the first JSON value; fixed in
 * {@code CloudEventJson.decode}).
 */
class HostileCommandsTest {

    private static byte[] command(String type, String data, String after) {
        return ("{\"specversion\":\"1.0\",\"id\":\"h-1\",\"source\":\"urn:test:hostile\",\"type\":\"" + type
                + "\",\"datacontenttype\":\"application/json\",\"data\":" + data + "}" + after)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String rejected(byte[] value) {
        return assertThrows(CommandRejectedException.class, () -> CommandParser.parse(value, "test")).getMessage();
    }

    @Test
    void aKafkaAnnouncementOfABillionPixelsASideIsRejectedNamingTheField() throws Exception {
        // the parser checks the form; the one size rule is WorkloadAnnouncement's, applied where the command
        // becomes an announcement (CommandDispatcher), whose IllegalArgumentException CommandConsumer turns into
        // command.rejected "not applied: width: ..."
        Command.AnnounceWorkload w = (Command.AnnounceWorkload) CommandParser.parse(command("workload.announce",
                "{\"dnn\":\"x\",\"width\":1000000000,\"height\":1000000000}", ""), "test");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WorkloadAnnouncement(w.dnn(), w.width(), w.height(), w.attributes()));
        assertTrue(e.getMessage().startsWith("width:") && e.getMessage().contains(
                Integer.toString(WorkloadAnnouncement.MAX_SIDE)), e.getMessage());
        String tooBig = rejected(command("workload.announce", "{\"dnn\":\"x\",\"width\":1e9,\"height\":1e9}", ""));
        assertTrue(tooBig.contains("width"), tooBig);
        String overflow = rejected(command("workload.announce",
                "{\"dnn\":\"x\",\"width\":10000000000,\"height\":2}", ""));
        assertTrue(overflow.contains("width"), overflow);
    }

    @Test
    void aCommandWithTrailingGarbageIsRejected() {
        String valid = "{\"dnn\":\"x\",\"width\":224,\"height\":224}";
        for (String after : new String[] {" trailing", "{}", ",{\"type\":\"retune\"}"}) {
            String m = rejected(command("workload.announce", valid, after));
            assertTrue(!m.isBlank(), "a reason is given for " + after);
        }
    }

    @Test
    void aConfigurationFileAskingForABillionPixelsIsRefusedNamingTheField() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().parse(
                "workload: {dnn: x, width: 1000000000, height: 224}\n", "tunerd.yaml"));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).toString().contains("workload.width"), e.getMessage());
    }

    @Test
    void aWorkloadFileAskingForABillionPixelsIsRefusedNamingTheField() {
        InvalidWorkloadException e = assertThrows(InvalidWorkloadException.class, () -> WorkloadAnnouncementParser.parse(
                "dnn: x\nwidth: 1000000000\nheight: 1000000000\n", "workload.yaml"));
        assertEquals("width", e.field(), e.getMessage());
        InvalidWorkloadException size = assertThrows(InvalidWorkloadException.class,
                () -> WorkloadAnnouncementParser.parse("dnn: x\nsize: 1000000000x2\n", "workload.yaml"));
        assertEquals("size", size.field(), size.getMessage());
    }
}
