/** Kafka connection settings shared by the event producer, the command consumer and fleet sharing. */
package org.tunerd.daemon.kafka;
