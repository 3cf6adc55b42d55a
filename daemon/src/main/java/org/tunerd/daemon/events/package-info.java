/**
 * The daemon's events: typed ({@link org.tunerd.daemon.events.EventType}), published through
 * {@link org.tunerd.daemon.events.EventPublisher} to the log, the local journal and Kafka.
 *
 * <h2>Wire format</h2>
 * CloudEvents 1.0, structured JSON mode, one line per event, on the events topic ({@code tunerd.events})
 * with key = device id and header {@code content-type: application/cloudevents+json}:
 * <pre>{@code
 * {"specversion":"1.0","id":"5f0c...","source":"urn:tunerd:tx2-01","type":"org.tunerd.sample.measured",
 *  "datacontenttype":"application/json","time":"2026-11-22T00:10:54.272Z","data":{...}}
 * }</pre>
 * The journal ({@code events.jsonl} in the journal directory) holds the same lines; {@code events.delivered}
 * holds the byte offset of the first line Kafka has not acknowledged. Delivery is at least once and in order:
 * after a failure or a crash, delivery restarts at the stored offset.
 */
package org.tunerd.daemon.events;
