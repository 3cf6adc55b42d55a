/**
 * Opt-in fleet sharing: {@link org.tunerd.daemon.fleet.FleetShare} publishes stored environments to the
 * compacted models topic ({@code tunerd.models}, key = environment id) and hands the environments other
 * devices published to a listener. Value = a CloudEvent of type {@code org.tunerd.environment.shared}
 * (schema {@code urn:tunerd:schema:environment.shared:1}), source {@code urn:tunerd:<deviceId>}, subject =
 * environment id, data = {@code {"environmentId": "...", "document": {...}}} with the store's
 * stored-environment document ({@link org.tunerd.daemon.store.StoredModelJson}). Compaction keeps the latest
 * document per environment id, whichever device published it.
 */
package org.tunerd.daemon.fleet;
