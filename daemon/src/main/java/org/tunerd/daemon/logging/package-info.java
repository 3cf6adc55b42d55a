/**
 * Logging for people and for journald: {@link org.tunerd.daemon.logging.ConsoleLayout} (syslog priority
 * prefixes and one entry per message under systemd) and {@link org.tunerd.daemon.logging.KafkaWarningLimiter}
 * (one Kafka client warning a minute during an outage, with the event backlog). Both are configured in
 * {@code logback.xml}.
 */
package org.tunerd.daemon.logging;
