package io.streamdns.app.audit.core;

/**
 * One record of a topic partition as audit read it: where it sits, when Kafka stamped it, and its decoded value
 * ({@code null}: a tombstone).
 */
public record TrailRecord<T>(String topic, int partition, long offset, long timestamp, String key, T value) {
}
