package io.streamdns.app.demo;

import io.streamdns.model.ZoneRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Renders a zone's records as an aligned text table, in a stable order (name, type, set identifier). */
public final class ZoneTable {
    private static final String[] HEADER = {"NAME", "TYPE", "TTL", "SET-ID", "VALUE"};

    private ZoneTable() {
    }

    public static String render(List<ZoneRecord> records) {
        List<String[]> rows = new ArrayList<>();
        records.stream()
                .sorted(Comparator.comparing(ZoneRecord::name).thenComparing(ZoneRecord::type)
                        .thenComparing(r -> r.setIdentifier() == null ? "" : r.setIdentifier()))
                .forEach(r -> rows.add(new String[] {r.name(), r.type(), r.alias() != null ? "alias" : Long.toString(r.ttl()),
                        r.setIdentifier() == null ? "-" : r.setIdentifier(), value(r)}));
        int[] widths = new int[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) {
            widths[i] = HEADER[i].length();
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, HEADER, widths);
        for (String[] row : rows) {
            appendRow(sb, row, widths);
        }
        return sb.toString();
    }

    private static String value(ZoneRecord r) {
        if (r.alias() != null) {
            return "ALIAS " + r.alias().dnsName() + " (" + r.alias().hostedZoneId() + ")";
        }
        String weight = r.providerSpecific().get("aws/weight");
        return String.join(" ", r.values().stream().sorted().toList()) + (weight == null ? "" : "  weight=" + weight);
    }

    private static void appendRow(StringBuilder sb, String[] row, int[] widths) {
        sb.append("  ");
        for (int i = 0; i < row.length; i++) {
            sb.append(row[i]);
            if (i < row.length - 1) {
                sb.append(" ".repeat(widths[i] - row[i].length() + 2));
            }
        }
        sb.append('\n');
    }
}
