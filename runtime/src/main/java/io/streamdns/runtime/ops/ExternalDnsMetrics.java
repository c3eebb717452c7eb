package io.streamdns.runtime.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * external-dns's metrics ({@code external_dns_*}, names, types and labels of its docs/monitoring/metrics.md) beside
 * streamdns's own, so alerts and dashboards written for external-dns keep working. One instance per registry: the
 * stages of one process ({@code run}, {@code demo}) share it, so a gauge two watchers feed is their sum and a
 * timestamp the planner and the applier both set is the later one. The README's metrics table says what each means
 * in a pipeline that has no sync loop.
 *
 * <p>Gauges whose external-dns name ends in {@code _total} or {@code _info} ({@code external_dns_source_endpoints_total},
 * {@code external_dns_build_info}) cannot go through Micrometer: its Prometheus client strips those suffixes from
 * gauges (OpenMetrics reserves them). They are written by {@link #exposition}, which {@link OpsServer} appends to the
 * scrape.
 */
public final class ExternalDnsMetrics {
    public static final String P = "external_dns_";
    private static final Map<MeterRegistry, ExternalDnsMetrics> BY_REGISTRY =
            Collections.synchronizedMap(new WeakHashMap<>());

    /** Weak: this object is the value of a weak map keyed by the registry, which must stay collectable. */
    private final WeakReference<MeterRegistry> registry;
    private final AtomicLong lastSyncMillis = new AtomicLong();
    private final AtomicLong lastReconcileMillis = new AtomicLong();
    /** Summed gauges by name and tags; the parts by contributor. */
    private final Map<String, Summed> summed = new ConcurrentHashMap<>();
    private final String buildInfo;

    private record Summed(String name, String help, Tags tags, Map<Object, DoubleSupplier> parts) {
        double value() {
            double v = 0;
            for (DoubleSupplier s : parts.values()) {
                v += s.getAsDouble();
            }
            return v;
        }
    }

    private ExternalDnsMetrics(MeterRegistry registry) {
        this.registry = new WeakReference<>(registry);
        Gauge.builder(P + "controller_last_sync_timestamp_seconds", () -> lastSyncMillis.get() / 1000.0)
                .description("Timestamp of last successful sync with the DNS provider").register(registry);
        Gauge.builder(P + "controller_last_reconcile_timestamp_seconds", () -> lastReconcileMillis.get() / 1000.0)
                .description("Timestamp of last attempted sync with the DNS provider").register(registry);
        this.buildInfo = buildInfo();
    }

    public static ExternalDnsMetrics of(MeterRegistry registry) {
        synchronized (BY_REGISTRY) {
            return BY_REGISTRY.computeIfAbsent(registry, ExternalDnsMetrics::new);
        }
    }

    /** A successful sync at {@code epochMillis} (it also counts as an attempt); an earlier one never moves it back. */
    public void synced(long epochMillis) {
        lastSyncMillis.accumulateAndGet(epochMillis, Math::max);
        reconciled(epochMillis);
    }

    /** An attempted sync at {@code epochMillis}. */
    public void reconciled(long epochMillis) {
        lastReconcileMillis.accumulateAndGet(epochMillis, Math::max);
    }

    /** {@code external_dns_<name>_total}: give the name without {@code _total}, as Micrometer adds it. */
    public Counter counter(String name, String help) {
        return Counter.builder(P + name).description(help).register(registry());
    }

    /**
     * Adds {@code who}'s part to the gauge {@code external_dns_<name>{tags}} (the sum of every part); a part given
     * again replaces the earlier one.
     */
    public void gauge(String name, String help, Tags tags, Object who, DoubleSupplier part) {
        String key = P + name + tags;
        Summed s = summed.computeIfAbsent(key, k -> {
            Summed fresh = new Summed(P + name, help, tags, new ConcurrentHashMap<>());
            if (!reserved(fresh.name())) {
                Gauge.builder(fresh.name(), fresh, Summed::value).description(help).tags(tags).register(registry());
            }
            return fresh;
        });
        s.parts().put(who, part);
    }

    /** {@code who}'s part of the gauge {@code external_dns_<name>{tags}} as a counter to move ({@link #gauge}). */
    public AtomicLong part(String name, String help, Tags tags, Object who) {
        AtomicLong holder = new AtomicLong();
        gauge(name, help, tags, who, holder::get);
        return holder;
    }

    private MeterRegistry registry() {
        MeterRegistry r = registry.get();
        if (r == null) {
            throw new IllegalStateException("the registry is gone");
        }
        return r;
    }

    /** Takes {@code who}'s parts out of every gauge (a stage that stopped). */
    public void withdraw(Object who) {
        summed.values().forEach(s -> s.parts().remove(who));
    }

    /** The gauges Micrometer cannot name, in the text exposition format, to append to a scrape. */
    public String exposition() {
        StringBuilder b = new StringBuilder(buildInfo);
        Map<String, List<Summed>> byName = new TreeMap<>();
        summed.values().stream().filter(s -> reserved(s.name()))
                .forEach(s -> byName.computeIfAbsent(s.name(), n -> new ArrayList<>()).add(s));
        byName.forEach((name, series) -> {
            b.append("# HELP ").append(name).append(' ').append(series.get(0).help()).append('\n');
            b.append("# TYPE ").append(name).append(" gauge\n");
            for (Summed s : series) {
                b.append(name).append(labels(s.tags())).append(' ').append(s.value()).append('\n');
            }
        });
        return b.toString();
    }

    private static boolean reserved(String name) {
        return name.endsWith("_total") || name.endsWith("_info");
    }

    /** external-dns's labels; go_version carries the Java runtime's version, revision is unknown in a plain build. */
    private static String buildInfo() {
        String version = ExternalDnsMetrics.class.getPackage().getImplementationVersion();
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        arch = switch (arch) {
            case "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
        Tags tags = Tags.of("arch", arch, "go_version", "java" + Runtime.version(),
                "os", System.getProperty("os.name", "").toLowerCase(Locale.ROOT),
                "revision", "unknown", "version", version == null ? "dev" : version);
        String name = P + "build_info";
        return "# HELP " + name + " A metric with a constant '1' value labeled with 'version' and 'revision' of "
                + "streamdns and the 'go_version' (the Java runtime's), 'os' and the 'arch' used the build.\n"
                + "# TYPE " + name + " gauge\n" + name + labels(tags) + " 1.0\n";
    }

    private static String labels(Tags tags) {
        List<Tag> list = tags.stream().toList();
        if (list.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("{");
        for (Tag t : list) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(t.getKey()).append("=\"").append(t.getValue().replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", "\\n")).append('"');
        }
        return b.append('}').toString();
    }
}
