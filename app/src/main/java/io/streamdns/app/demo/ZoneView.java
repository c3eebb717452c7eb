package io.streamdns.app.demo;

import io.streamdns.model.AliasTarget;
import io.streamdns.model.ZoneRecord;
import io.streamdns.runtime.Blocking;
import io.streamdns.sandbox.route53.Route53Emulator;
import io.streamdns.sandbox.route53.store.RecordSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.route53.Route53AsyncClient;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * What a zone holds right now, as the demo shows it. The built-in emulator is read in-process (it does not count
 * against the 5 requests/s the applier has); an outside endpoint is read through the SDK.
 */
@Blocking("the command's main thread: a CLI command, never an event loop")
public interface ZoneView {
    Set<String> HIDDEN = Set.of("SOA", "NS");

    /** The zone's records, SOA and NS left out. Blocking: call it off the event loop. */
    List<ZoneRecord> records();

    static ZoneView of(Route53Emulator emulator, String zoneId, String zoneName) {
        return () -> emulator.records(zoneId).stream().filter(r -> !HIDDEN.contains(r.type()))
                .map(r -> fromEmulator(zoneId, zoneName, r)).toList();
    }

    static ZoneView of(Route53AsyncClient client, String zoneId, String zoneName) {
        return () -> {
            List<ZoneRecord> out = new ArrayList<>();
            ListResourceRecordSetsRequest.Builder req = ListResourceRecordSetsRequest.builder().hostedZoneId(zoneId);
            while (true) {
                ListResourceRecordSetsResponse page = client.listResourceRecordSets(req.build()).join();
                for (ResourceRecordSet r : page.resourceRecordSets()) {
                    if (!HIDDEN.contains(r.typeAsString())) {
                        out.add(fromSdk(zoneId, zoneName, r));
                    }
                }
                if (!Boolean.TRUE.equals(page.isTruncated())) {
                    return out;
                }
                req.startRecordName(page.nextRecordName()).startRecordType(page.nextRecordTypeAsString())
                        .startRecordIdentifier(page.nextRecordIdentifier());
            }
        };
    }

    private static ZoneRecord fromEmulator(String zoneId, String zoneName, RecordSet r) {
        AliasTarget alias = r.alias() == null ? null
                : new AliasTarget(r.alias().hostedZoneId(), name(r.alias().dnsName()), r.alias().evaluateTargetHealth());
        return new ZoneRecord(zoneId, zoneName, name(r.name()), r.type(), r.ttl() == null ? 0 : r.ttl(),
                r.values() == null ? List.of() : r.values(), r.setIdentifier(), alias,
                r.weight() == null ? Map.of() : Map.of("aws/weight", Long.toString(r.weight())));
    }

    private static ZoneRecord fromSdk(String zoneId, String zoneName, ResourceRecordSet r) {
        AliasTarget alias = r.aliasTarget() == null ? null : new AliasTarget(r.aliasTarget().hostedZoneId(),
                name(r.aliasTarget().dnsName()), Boolean.TRUE.equals(r.aliasTarget().evaluateTargetHealth()));
        return new ZoneRecord(zoneId, zoneName, name(r.name()), r.typeAsString(), r.ttl() == null ? 0 : r.ttl(),
                r.resourceRecords().stream().map(ResourceRecord::value).toList(), r.setIdentifier(), alias,
                r.weight() == null ? Map.of() : Map.of("aws/weight", Long.toString(r.weight())));
    }

    private static String name(String raw) {
        String n = raw.replace("\\052", "*").toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
