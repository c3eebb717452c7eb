package io.streamdns.app.audit.core;

import io.streamdns.model.AliasTarget;
import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Provenance;
import io.streamdns.model.Rejection;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.registry.TxtRecordFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Renders a {@link History} as a compact aligned timeline and an {@link Explanation} as a short report. Pure. */
public final class TextReport {
    private static final String TIME_HEADER = "TIME";
    private static final int TIME_WIDTH = 24;
    private static final int STAGE_WIDTH = 6;
    private static final String INDENT = " ".repeat(TIME_WIDTH + STAGE_WIDTH + 4) + "  ";

    private TextReport() {
    }

    public static String history(History h) {
        StringBuilder sb = new StringBuilder();
        sb.append("history of ").append(h.name()).append("  (shard ").append(h.shard()).append("; ")
                .append(partitions(h.partitions())).append(")\n");
        if (h.since() != null || h.until() != null) {
            sb.append("window ").append(h.since() == null ? "…" : h.since()).append(" .. ")
                    .append(h.until() == null ? "now" : h.until()).append('\n');
        }
        sb.append(pad(TIME_HEADER, TIME_WIDTH)).append("  ").append(pad("STAGE", STAGE_WIDTH)).append("  WHAT\n");
        for (Step s : h.steps()) {
            List<String> lines = describe(s);
            sb.append(pad(s.at(), TIME_WIDTH)).append("  ").append(pad(stage(s), STAGE_WIDTH)).append("  ")
                    .append(lines.get(0)).append('\n');
            for (String line : lines.subList(1, lines.size())) {
                sb.append(INDENT).append(line).append('\n');
            }
        }
        if (h.steps().isEmpty()) {
            sb.append("(no steps)\n");
        }
        h.notes().forEach(n -> sb.append("note: ").append(n).append('\n'));
        return sb.toString();
    }

    public static String why(Explanation e) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.name()).append(": ").append(e.verdict()).append('\n');
        sb.append("  ").append(e.summary()).append('\n');
        e.details().forEach(d -> sb.append("  ").append(d).append('\n'));
        sb.append("\nRoute 53 now (zone-state; shard ").append(e.shard()).append("; ")
                .append(partitions(e.partitions())).append("):\n");
        if (e.records().isEmpty() && e.ownership().isEmpty()) {
            sb.append("  (no record of this name)\n");
        }
        e.records().forEach(r -> sb.append("  ").append(zoneRecord(r)).append('\n'));
        e.ownership().forEach(r -> sb.append("  ").append(zoneRecord(r)).append("  (ownership)\n"));
        sb.append("Objects asking for it now:\n");
        if (e.claims().isEmpty()) {
            sb.append("  (none)\n");
        }
        for (Claim c : e.claims()) {
            sb.append("  ").append(c.object()).append(" rv ").append(c.resourceVersion())
                    .append(" (observed ").append(Step.iso(c.observedAt())).append(")\n");
            c.wants().forEach(w -> sb.append("    wants     ").append(endpoint(w)).append('\n'));
            c.ownership().forEach(w -> sb.append("    ownership ").append(endpoint(w)).append('\n'));
            c.rejected().forEach(r -> sb.append("    rejected  ").append(rejection(r)).append('\n'));
        }
        if (e.plan() != null) {
            sb.append("Latest plan (").append(e.plan().at()).append("): ");
            List<String> lines = describe(e.plan());
            sb.append(lines.get(0)).append('\n');
            lines.subList(1, lines.size()).forEach(l -> sb.append("  ").append(l).append('\n'));
        }
        if (e.result() != null) {
            sb.append("Latest result (").append(e.result().at()).append("): ");
            List<String> lines = describe(e.result());
            sb.append(lines.get(0)).append('\n');
            lines.subList(1, lines.size()).forEach(l -> sb.append("  ").append(l).append('\n'));
        }
        return sb.toString();
    }

    static String stage(Step s) {
        if (s instanceof Step.Source) {
            return "source";
        }
        if (s instanceof Step.Approval) {
            return "ok-del"; // fits the stage column
        }
        return s instanceof Step.Plan ? "plan" : "result";
    }

    static List<String> describe(Step s) {
        List<String> lines = new ArrayList<>();
        if (s instanceof Step.Approval a) {
            lines.add("deletes of shard " + a.shard() + " approved by " + a.approvedBy() + " from " + a.validFrom()
                    + " until " + a.validUntil() + (a.reason() == null ? "" : ": " + a.reason()));
            return lines;
        }
        if (s instanceof Step.Source src) {
            String rv = src.resourceVersion() == null ? "" : " rv " + src.resourceVersion();
            String observed = src.observedAt() > 0 ? " (observed " + Step.iso(src.observedAt()) + ")" : "";
            lines.add(src.object() + rv + " " + src.event() + observed);
            src.wants().forEach(e -> lines.add("wants      " + endpoint(e)));
            src.ownership().forEach(e -> lines.add("ownership  " + endpoint(e)));
            src.rejected().forEach(r -> lines.add("rejected   " + rejection(r)));
        } else if (s instanceof Step.Plan p) {
            String objects = p.objects().isEmpty() ? "" : " for " + p.objects().stream().map(TextReport::object)
                    .distinct().collect(Collectors.joining(", "));
            lines.add(p.planId() + objects);
            for (Step.PlannedChange c : p.changes()) {
                lines.add(pad(c.action(), 10) + " " + change(c) + (c.ownership() ? "  (ownership)" : ""));
            }
            p.skipped().forEach(r -> lines.add("skipped    " + rejection(r)));
        } else if (s instanceof Step.Result r) {
            StringBuilder head = new StringBuilder(r.planId() + " " + r.status());
            if (!r.changeIds().isEmpty()) {
                head.append(" change ").append(String.join(", ", r.changeIds()));
            }
            head.append(", ").append(r.attempts()).append(r.attempts() == 1 ? " attempt" : " attempts");
            if (r.endToEndMillis() >= 0) {
                head.append(", end-to-end ").append(r.endToEndMillis()).append(" ms");
            }
            lines.add(head.toString());
            for (ChangeOutcome o : r.outcomes()) {
                lines.add(pad(o.status().name(), 10) + " " + o.action() + " " + o.recordType() + " " + o.dnsName()
                        + (o.setIdentifier() == null ? "" : " set " + o.setIdentifier())
                        + (o.zoneId() == null ? "" : " zone " + o.zoneId())
                        + (o.message() == null ? "" : ": " + o.message()));
            }
        }
        return lines;
    }

    static String change(Step.PlannedChange c) {
        if (c.from() != null && c.to() != null) {
            String ttl = c.from().ttl() == c.to().ttl() ? "" : " ttl " + c.from().ttl() + " -> " + c.to().ttl();
            return c.to().recordType() + " " + c.to().dnsName() + set(c.to()) + " " + c.from().targets()
                    + " -> " + c.to().targets() + ttl;
        }
        return endpoint(c.endpoint());
    }

    static String endpoint(Endpoint e) {
        StringBuilder sb = new StringBuilder(e.recordType()).append(' ').append(e.dnsName()).append(set(e))
                .append(' ').append(values(e.targets()));
        if (e.ttl() > 0) {
            sb.append(" ttl ").append(e.ttl());
        }
        if (!e.providerSpecific().isEmpty()) {
            sb.append(' ').append(new TreeMap<>(e.providerSpecific()));
        }
        return sb.toString();
    }

    static String zoneRecord(ZoneRecord r) {
        StringBuilder sb = new StringBuilder(pad(r.type(), 5)).append(' ').append(r.name());
        if (r.setIdentifier() != null) {
            sb.append(" set ").append(r.setIdentifier());
        }
        AliasTarget alias = r.alias();
        if (alias != null) {
            sb.append(" ALIAS ").append(alias.dnsName());
        } else {
            sb.append(' ').append(values(r.values())).append(" ttl ").append(r.ttl());
        }
        return sb.append(" zone ").append(r.zoneId()).toString();
    }

    /** Values as a list; an external-dns ownership value shows as its labels, which is what a reader wants. */
    static String values(List<String> values) {
        return values.stream().map(v -> TxtRecordFormat.parse(v)
                        .map(l -> "ownership{" + new TreeMap<>(l).entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")) + "}")
                        .orElse(v))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String set(Endpoint e) {
        return e.setIdentifier() == null ? "" : " set " + e.setIdentifier();
    }

    static String rejection(Rejection r) {
        return (r.recordType() == null ? "" : r.recordType() + " ") + r.dnsName() + ": " + r.reason();
    }

    static String object(Provenance p) {
        return p.cluster() + "/" + p.kind() + "/" + p.namespace() + "/" + p.name() + " rv " + p.resourceVersion();
    }

    private static String partitions(Map<String, Integer> partitions) {
        Map<Integer, List<String>> byPartition = new TreeMap<>();
        partitions.forEach((t, p) -> byPartition.computeIfAbsent(p, k -> new ArrayList<>()).add(t));
        return byPartition.entrySet().stream().map(e -> "partition " + e.getKey() + " of "
                + e.getValue().stream().sorted().map(t -> t.replaceFirst("^streamdns\\.", ""))
                .collect(Collectors.joining(", "))).collect(Collectors.joining("; "));
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
