package io.streamdns.planner.plan;

import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.ProviderProperties;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.registry.TxtRecordFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A compact notation for endpoints in table-driven plan tests, and a renderer of changes in the same spirit. */
final class Fixtures {
    static final String OWNER = "default";
    static final String CLUSTER = "c1";
    static final String RESOURCE = "service/default/web";

    private Fixtures() {
    }

    /**
     * {@code "www.ex.com A 1.2.3.4,5.6.7.8 ttl=60 set=x alias=true aws/weight=1"}: name, type, comma-separated
     * targets, then options: ttl, set (identifier), anything else a provider property.
     */
    static Endpoint ep(String spec) {
        String[] t = spec.trim().split("\\s+");
        List<String> targets = t.length > 2 && !t[2].contains("=") ? Arrays.asList(t[2].split(",")) : List.of();
        long ttl = 0;
        String set = null;
        Map<String, String> props = new TreeMap<>();
        for (int i = targets.isEmpty() ? 2 : 3; i < t.length; i++) {
            String[] kv = t[i].split("=", 2);
            switch (kv[0]) {
                case "ttl" -> ttl = Long.parseLong(kv[1]);
                case "set" -> set = kv[1];
                default -> props.put(kv[0], kv[1]);
            }
        }
        return new Endpoint(t[0], t[1], targets, ttl, set, props, Map.of());
    }

    /** A desired endpoint of {@code cluster}'s {@code resource}. */
    static Endpoint want(String cluster, String resource, String spec) {
        return ep(spec).withLabels(Map.of(Labels.CLUSTER, cluster, Labels.RESOURCE, resource));
    }

    /** An ownership TXT record with these labels (e.g. "owner=default,resource=service/default/web"). */
    static Endpoint txt(String name, String labels, String... opts) {
        Map<String, String> m = new TreeMap<>();
        for (String kv : labels.split(",")) {
            String[] p = kv.split("=", 2);
            m.put(p[0], p[1]);
        }
        Endpoint base = ep(name + " TXT " + String.join(" ", opts));
        return new Endpoint(name, RecordTypes.TXT, List.of(TxtRecordFormat.value(m)), base.ttl() == 0 ? 300 : base.ttl(),
                base.setIdentifier(), base.providerSpecific(), Map.of());
    }

    static Endpoint rawTxt(String name, String value) {
        return new Endpoint(name, RecordTypes.TXT, List.of(value), 300, null, Map.of(), Map.of());
    }

    static List<String> render(List<Endpoint> endpoints) {
        List<String> out = new ArrayList<>();
        for (Endpoint e : endpoints) {
            out.add(render(e));
        }
        return out;
    }

    static List<String> renderUpdates(Changes c) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < c.updateNew().size(); i++) {
            out.add(render(c.updateOld().get(i)) + " -> " + render(c.updateNew().get(i)));
        }
        return out;
    }

    static List<String> renderSkipped(Changes c) {
        return c.skipped().stream().map(s -> s.name() + "/" + s.type() + (s.setIdentifier() == null ? "" : "/"
                + s.setIdentifier()) + " " + s.reason().tag()).toList();
    }

    /**
     * {@code "A www.ex.com 1.2.3.4 ttl=60 [alias eth=true aws/weight=1]"}; an ownership TXT as
     * {@code "TXT a-www.ex.com ours"} when it holds the default owner, resource and cluster, else its labels.
     */
    static String render(Endpoint e) {
        StringBuilder sb = new StringBuilder(e.recordType()).append(' ').append(e.dnsName());
        if (e.setIdentifier() != null) {
            sb.append('/').append(e.setIdentifier());
        }
        if (e.recordType().equals(RecordTypes.TXT) && e.targets().size() == 1
                && TxtRecordFormat.parse(e.targets().get(0)).isPresent()) {
            Map<String, String> l = new TreeMap<>(TxtRecordFormat.parse(e.targets().get(0)).get());
            if (l.equals(Map.of(Labels.OWNER, OWNER, Labels.RESOURCE, RESOURCE, Labels.CLUSTER, CLUSTER))) {
                sb.append(" ours");
            } else {
                sb.append(' ').append(String.join(",", l.entrySet().stream().map(x -> x.getKey() + "=" + x.getValue()).toList()));
            }
            if (e.ttl() != 300) {
                sb.append(" ttl=").append(e.ttl());
            }
        } else {
            sb.append(' ').append(String.join(",", e.targets()));
            if (e.ttl() > 0) {
                sb.append(" ttl=").append(e.ttl());
            }
        }
        Map<String, String> props = new TreeMap<>(e.providerSpecific());
        if (!props.isEmpty()) {
            List<String> p = new ArrayList<>();
            if ("true".equals(props.remove(ProviderProperties.ALIAS))) {
                p.add("alias");
            }
            String eth = props.remove(ProviderProperties.AWS_EVALUATE_TARGET_HEALTH);
            if (eth != null) {
                p.add("eth=" + eth);
            }
            props.forEach((k, v) -> p.add(k + "=" + v));
            sb.append(" [").append(String.join(" ", p)).append(']');
        }
        return sb.toString();
    }
}
