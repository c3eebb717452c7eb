package io.streamdns.runtime.ops;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * One Prometheus registry per process, with JVM meters. Meter names are {@code streamdns.<stage>.<name>}, and
 * external-dns's {@code external_dns_*} ({@link ExternalDnsMetrics}).
 */
public final class Metrics {
    private Metrics() {
    }

    public static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        ExternalDnsMetrics.of(registry); // build info and the controller timestamps, from the start
        return registry;
    }
}
