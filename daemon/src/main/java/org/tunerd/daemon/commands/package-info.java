/**
 * Commands from the commands topic ({@code tunerd.commands}), consumed by
 * {@link org.tunerd.daemon.commands.CommandConsumer} and handed to a {@link org.tunerd.daemon.commands.CommandHandler}.
 *
 * <h2>Wire format</h2>
 * Key = the target device id, or no key for every device. Value = a CloudEvent 1.0 in structured JSON
 * whose {@code type} is {@code org.tunerd.command.<name>} (or {@code org.tunerd.<name>}, or the bare name):
 * <pre>{@code
 * retune                 data optional: {"reason": "..."}
 * workload.announce      data: {"dnn": "xception", "width": 600, "height": 600, "attributes": {"batch": 4}}
 * policy.override        data: any non-empty JSON object, validated by the configuration layer
 * configuration.pin      data: {"configuration": {"cores": 4, "cpu_freq": 2035200, "gpu_freq": 1300500000}}
 *                        a categorical software option by its label ("precision": "fp16") or its code; a label
 *                        the device does not offer is rejected naming the option, the label and those offered
 * configuration.release  data optional: {"reason": "..."}
 * }</pre>
 * Unknown fields are rejected. Every rejected command produces an {@code org.tunerd.command.rejected} event
 * ({@link org.tunerd.daemon.events.EventPayload.CommandRejected}) with {@code origin}, {@code reason},
 * {@code problems} (e.g. every invalid field of a policy override; at most 20, {@code problemsOmitted} counts
 * the rest), {@code topic}, {@code partition}, {@code offset}, {@code key}, and the command's id, type and
 * source when it could be parsed ({@code null} otherwise). A {@code policy.override} is validated like the
 * file and checked against the device, exactly as at start-up.
 *
 * <p>Each command is applied at most once ({@link org.tunerd.daemon.commands.ReplayGuard}): one whose
 * {@code source} and {@code id} were seen within the last 10 minutes is rejected as {@code duplicate}, one
 * whose {@code time} is older than that or more than a minute ahead of the device's clock as {@code stale}.
 * Write access to the commands topic is the authority over the devices; restrict it with Kafka ACLs
 * ({@code systemd/README.md}, "Replays, and who may command the boards").
 */
package org.tunerd.daemon.commands;
