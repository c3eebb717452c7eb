package io.streamdns.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamdns.runtime.ops.ExternalDnsMetrics;
import io.streamdns.runtime.ops.Metrics;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** external-dns's names, types and labels come out of a scrape; parts of one process add up. */
class ExternalDnsMetricsTest {
    private static String scrape(PrometheusMeterRegistry r) {
        return r.scrape() + ExternalDnsMetrics.of(r).exposition();
    }

    @Test
    void namesTypesAndLabelsAreExternalDnss() {
        PrometheusMeterRegistry r = Metrics.newRegistry();
        ExternalDnsMetrics m = ExternalDnsMetrics.of(r);
        assertThat(ExternalDnsMetrics.of(r)).isSameAs(m);
        m.counter("registry_errors", "Number of Registry errors.").increment();
        m.gauge("source_endpoints_total", "Number of Endpoints in all sources", Tags.empty(), "w", () -> 4);
        m.gauge("source_records", "Number of source records partitioned by label name (vector).",
                Tags.of("record_type", "A"), "w", () -> 3);
        String text = scrape(r);
        assertThat(text).contains("# TYPE external_dns_registry_errors_total counter", "external_dns_registry_errors_total 1.0",
                "# TYPE external_dns_source_endpoints_total gauge", "external_dns_source_endpoints_total 4.0",
                "external_dns_source_records{record_type=\"A\"} 3.0",
                "# TYPE external_dns_controller_last_sync_timestamp_seconds gauge",
                "external_dns_controller_last_sync_timestamp_seconds 0.0",
                "external_dns_controller_last_reconcile_timestamp_seconds 0.0",
                "# TYPE external_dns_build_info gauge")
                .containsPattern("external_dns_build_info\\{arch=\"[^\"]*\",go_version=\"java[^\"]+\",os=\"[^\"]*\","
                        + "revision=\"[^\"]*\",version=\"[^\"]+\"} 1.0")
                .doesNotContain("external_dns_source_endpoints ", "external_dns_build{");
    }

    @Test
    void partsOfOneProcessAddUpAndTimestampsOnlyMoveForward() {
        PrometheusMeterRegistry r = Metrics.newRegistry();
        ExternalDnsMetrics m = ExternalDnsMetrics.of(r);
        AtomicLong a = new AtomicLong(2);
        m.gauge("source_endpoints_total", "h", Tags.empty(), "watcher-a", a::get);
        m.gauge("source_endpoints_total", "h", Tags.empty(), "watcher-b", () -> 5);
        assertThat(scrape(r)).contains("external_dns_source_endpoints_total 7.0");
        a.set(10);
        assertThat(scrape(r)).contains("external_dns_source_endpoints_total 15.0");
        m.withdraw("watcher-b");
        assertThat(scrape(r)).contains("external_dns_source_endpoints_total 10.0");

        m.synced(5_000);
        m.synced(3_000); // the planner's older sync after the applier's newer one
        m.reconciled(9_000);
        assertThat(scrape(r)).contains("external_dns_controller_last_sync_timestamp_seconds 5.0",
                "external_dns_controller_last_reconcile_timestamp_seconds 9.0");
    }
}
