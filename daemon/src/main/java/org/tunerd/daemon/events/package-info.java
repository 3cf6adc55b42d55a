/**
 * The daemon's events: one {@link org.tunerd.daemon.events.EventType} per thing that happens, one record of
 * {@link org.tunerd.daemon.events.EventPayload} per type for its data, published through
 * {@link org.tunerd.daemon.events.EventPublisher} to the log, the local journal and Kafka.
 *
 * <h2>Wire format</h2>
 * CloudEvents 1.0, structured JSON mode, one line per event, on the events topic ({@code tunerd.events})
 * with key = device id and header {@code content-type: application/cloudevents+json}:
 * <pre>{@code
 * {"specversion":"1.0","id":"5f0c...","source":"urn:tunerd:tx2-01","type":"org.tunerd.sample.measured",
 *  "subject":"tx2_resnet50_224x224","dataschema":"urn:tunerd:schema:sample.measured:1",
 *  "datacontenttype":"application/json","time":"2026-11-22T00:10:54.272Z",
 *  "data":{"environmentId":"tx2_resnet50_224x224","index":3,"planned":19,
 *          "configuration":{"cores":2,"cpu_freq":2035200,"gpu_freq":1300500000,"emc_freq":1866000000},
 *          "latency":0.0412,"energy":0.381}}
 * }</pre>
 * {@code subject} is the id of the environment the event is about (absent for policy, command, sensor
 * and dead-letter events). {@code dataschema} names the type's data schema and its version; the schema of
 * each type is the Javadoc of its record in {@link org.tunerd.daemon.events.EventPayload}:
 * <pre>
 * environment.changed   previous, current (environments), source, differences, hardwareChange
 * tuning.started        environment, source (environment | null), extraSourceIds, coldStart, strategy, budget,
 *                       sequential, resumed
 * tuning.resumed        environmentId, sessionId, origin, measurements, checkpointed
 * sample.measured       environmentId, index, planned, configuration, latency, energy
 * model.fitted          environmentId, samples, latencyCvMape, energyCvMape
 * device.reconfigured   environmentId | null, configuration, predicted | null, pinned
 * tuning.verified       environmentId, configuration, predicted, measured, measurements, verifications, reason
 * tuning.failed         environmentId, phase, reason, rolledBack
 * tuning.cancelled      environmentId, reason
 * model.stored          environment, measurements, influence
 * model.imported        environmentId, originDeviceId, measurements
 * policy.reloaded       cause, policy {objective {kind, latencySlo, latencyWeight, energyWeight}, strategy,
 *                       learner, budget (integer count | decimal fraction), constraints [texts]}
 * policy.restart-needed file, cause, fields
 * policy.rejected       file, cause, problems, problemsOmitted, kept
 * command.rejected      origin, reason, problems, problemsOmitted, topic, partition, offset, key, commandId,
 *                       commandType, commandSource
 * sensor.missing        hardware, consequence
 * environment.shared    environmentId, document  (fleet sharing, on the models topic)
 * event.dead-lettered   eventId, eventType, bytes, reason, file
 * </pre>
 * An environment is the {@link org.tunerd.daemon.store.ModelJson} form ({@code id}, {@code hardware},
 * {@code dnn}, {@code width}, {@code height}, {@code attributes}); a configuration maps option names to values,
 * whole values as integers; a performance is {@code {"latency": seconds, "energy": number | null}}; an absent
 * value or a number that is not finite is {@code null}. Problem lists hold at most
 * {@value org.tunerd.daemon.events.Bounded#MAX_ITEMS} entries ({@code problemsOmitted} counts the rest) and
 * texts from outside input at most {@value org.tunerd.daemon.events.Bounded#MAX_CHARS} characters.
 *
 * <p>The journal ({@code events.jsonl} in the journal directory) holds the same lines; {@code events.delivered}
 * holds the byte offset of the first line Kafka has not acknowledged. Delivery is at least once and in order:
 * after a failure or a crash, delivery restarts at the stored offset.
 */
package org.tunerd.daemon.events;
