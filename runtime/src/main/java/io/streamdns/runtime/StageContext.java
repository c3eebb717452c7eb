package io.streamdns.runtime;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamdns.runtime.ops.Readiness;

/**
 * What every stage verticle is given by whoever deploys it (the CLI, {@code run}, {@code demo}, tests):
 * where Kafka is, the shared metrics registry and readiness checks, and a name for this instance.
 */
public record StageContext(String bootstrapServers, PrometheusMeterRegistry registry, Readiness readiness,
                           String instanceId) {
}
