package io.streamdns.sandbox.route53.store;

import java.util.List;

/** Result pages of the list operations, with Route 53's continuation fields (null when absent). */
public final class Pages {
    private Pages() {
    }

    public record RecordPage(List<RecordSet> sets, boolean truncated, String nextName, String nextType,
                             String nextIdentifier, int maxItems) {
    }

    public record ZonePage(List<ZoneInfo> zones, String marker, boolean truncated, String nextMarker, int maxItems) {
    }

    public record ZoneByNamePage(List<ZoneInfo> zones, String dnsName, String hostedZoneId, boolean truncated,
                                 String nextDnsName, String nextHostedZoneId, int maxItems) {
    }

    /** CreateHostedZone's answer. */
    public record CreatedZone(ZoneInfo zone, ChangeInfo change) {
    }
}
