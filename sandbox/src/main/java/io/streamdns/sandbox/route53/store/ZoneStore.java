package io.streamdns.sandbox.route53.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The emulated account's hosted zones, record sets, changes and tags, in memory. Pure (no I/O); every
 * method is synchronized, so the HTTP layer and in-process callers may share one store. Each zone keeps
 * its record sets in a TreeMap in Route 53's list order.
 */
public final class ZoneStore {
    public static final int MAX_RECORD_ITEMS = 300;
    public static final int MAX_ZONE_ITEMS = 100;
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final Clock clock;
    private final Random random;
    private final LinkedHashMap<String, Zone> zones = new LinkedHashMap<>();
    private final Map<String, String> zoneByCallerReference = new HashMap<>();
    private final Map<String, ChangeRecord> changes = new HashMap<>();
    private final List<JournalEntry> journal = new ArrayList<>();
    private Duration changeDelay;
    private boolean priorRequestCheck;

    /**
     * One accepted change, in the order Route 53 applied them: what fault tests count (duplicate writes, foreign
     * records touched). Bounded to the last {@link #JOURNAL_LIMIT} entries.
     */
    public record JournalEntry(Instant at, String zoneId, Change.Action action, RecordSet set) {
    }

    public static final int JOURNAL_LIMIT = 1_000_000;

    private record ChangeRecord(String id, Instant submittedAt, Instant insyncAt, String comment) {
        ChangeInfo info(Instant now) {
            ChangeInfo.Status status = now.isBefore(insyncAt) ? ChangeInfo.Status.PENDING : ChangeInfo.Status.INSYNC;
            return new ChangeInfo(id, status, submittedAt, comment);
        }
    }

    public ZoneStore(Clock clock, Duration changeDelay, boolean priorRequestCheck, long seed) {
        this.clock = clock;
        this.changeDelay = changeDelay;
        this.priorRequestCheck = priorRequestCheck;
        this.random = new Random(seed);
    }

    public synchronized void changeDelay(Duration delay) {
        this.changeDelay = delay;
    }

    public synchronized void priorRequestCheck(boolean on) {
        this.priorRequestCheck = on;
    }

    public synchronized Duration changeDelay() {
        return changeDelay;
    }

    public synchronized boolean priorRequestCheck() {
        return priorRequestCheck;
    }

    public synchronized Pages.CreatedZone createZone(String rawName, String callerReference, String comment,
                                                     boolean privateZone, List<ZoneInfo.Vpc> vpcs) {
        if (callerReference == null || callerReference.isEmpty()) {
            throw ChangeValidator.incomplete("CreateHostedZoneRequest", "CallerReference");
        }
        DnsName.Parsed name = DnsName.parse(rawName);
        if (!name.ok() || name.name().equals(".")) {
            throw Route53Error.sender(400, Route53Error.INVALID_DOMAIN_NAME,
                    rawName + " is not a valid domain name" + (name.ok() ? "" : ": " + name.problem()));
        }
        if (zoneByCallerReference.containsKey(callerReference)) {
            throw Route53Error.hostedZoneAlreadyExists(callerReference);
        }
        if (privateZone && vpcs.isEmpty()) {
            throw Route53Error.sender(400, Route53Error.INVALID_VPC_ID, "Invalid or missing VPC Id.");
        }
        for (Zone other : zones.values()) {
            if (privateZone && other.header().privateZone() && other.name().equals(name.name())) {
                for (ZoneInfo.Vpc vpc : vpcs) {
                    if (other.header().vpcs().contains(vpc)) {
                        throw Route53Error.sender(400, Route53Error.CONFLICTING_DOMAIN_EXISTS, "The VPC " + vpc.id()
                                + " is already associated with a hosted zone named " + name.name());
                    }
                }
            }
        }
        String id = newId('Z');
        List<String> nameServers = nameServers(privateZone);
        Zone zone = new Zone(new ZoneInfo.Header(id, name.name(), callerReference, comment, privateZone, vpcs,
                privateZone ? List.of() : nameServers));
        RecordSet soa = RecordSet.simple(name.name(), "SOA", 900, List.of(nameServers.get(0)
                + ". awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"));
        RecordSet ns = RecordSet.simple(name.name(), "NS", 172800, nameServers.stream().map(n -> n + ".").toList());
        zone.records().put(soa.key(), soa);
        zone.records().put(ns.key(), ns);
        zones.put(id, zone);
        zoneByCallerReference.put(callerReference, id);
        ChangeInfo change = newChange(null);
        return new Pages.CreatedZone(zone.info(), change);
    }

    public synchronized ZoneInfo zone(String id) {
        return require(id).info();
    }

    public synchronized List<ZoneInfo> zones() {
        return zones.values().stream().map(Zone::info).toList();
    }

    public synchronized ChangeInfo deleteZone(String id) {
        Zone zone = require(id);
        if (!zone.isEmpty()) {
            throw Route53Error.hostedZoneNotEmpty();
        }
        zones.remove(id);
        zoneByCallerReference.remove(zone.header().callerReference());
        return newChange(null);
    }

    /** ListHostedZones: creation order; the marker is the id of the first zone of the page. */
    public synchronized Pages.ZonePage listZones(String marker, int maxItems, Boolean privateOnly) {
        int max = clampItems(maxItems, MAX_ZONE_ITEMS);
        List<Zone> all = zones.values().stream()
                .filter(z -> privateOnly == null || z.header().privateZone() == privateOnly).toList();
        int start = 0;
        if (marker != null) {
            start = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id().equals(marker)) {
                    start = i;
                }
            }
            if (start < 0) {
                throw Route53Error.invalidInput("Invalid request: marker " + marker + " is not a hosted zone ID");
            }
        }
        int end = Math.min(all.size(), start + max);
        boolean truncated = end < all.size();
        return new Pages.ZonePage(all.subList(start, end).stream().map(Zone::info).toList(), marker, truncated,
                truncated ? all.get(end).id() : null, max);
    }

    /** ListHostedZonesByName: by name with labels reversed, then id; starts at (dnsName, hostedZoneId). */
    public synchronized Pages.ZoneByNamePage listZonesByName(String dnsName, String hostedZoneId, int maxItems) {
        int max = clampItems(maxItems, MAX_ZONE_ITEMS);
        if (hostedZoneId != null && dnsName == null) {
            throw Route53Error.invalidInput("Invalid request: hostedzoneid requires dnsname");
        }
        Comparator<Zone> order = Comparator.comparing((Zone z) -> DnsName.sortKey(z.name())).thenComparing(Zone::id);
        List<Zone> all = new ArrayList<>(zones.values());
        all.sort(order);
        int start = 0;
        if (dnsName != null) {
            DnsName.Parsed from = DnsName.parse(dnsName);
            if (!from.ok()) {
                throw Route53Error.invalidInput("FATAL problem: " + from.problem() + " encountered with '" + dnsName + "'");
            }
            String fromId = hostedZoneId == null ? "" : hostedZoneId;
            while (start < all.size()) {
                Zone z = all.get(start);
                int c = DnsName.sortKey(z.name()).compareTo(from.sortKey());
                if (c > 0 || (c == 0 && z.id().compareTo(fromId) >= 0)) {
                    break;
                }
                start++;
            }
        }
        int end = Math.min(all.size(), start + max);
        boolean truncated = end < all.size();
        return new Pages.ZoneByNamePage(all.subList(start, end).stream().map(Zone::info).toList(), dnsName,
                hostedZoneId, truncated, truncated ? all.get(end).name() : null, truncated ? all.get(end).id() : null,
                max);
    }

    /** ListResourceRecordSets from (name, type, identifier) in Route 53's order, at most 300 per page. */
    public synchronized Pages.RecordPage listRecords(String zoneId, String name, String type, String identifier,
                                                     int maxItems) {
        Zone zone = require(zoneId);
        int max = clampItems(maxItems, MAX_RECORD_ITEMS);
        if (type != null && name == null) {
            throw Route53Error.invalidInput("Invalid request: a start record type requires a start record name");
        }
        if (identifier != null && type == null) {
            throw Route53Error.invalidInput("Invalid request: a start record identifier requires a start record"
                    + " name and type");
        }
        if (type != null && !ChangeValidator.TYPES.contains(type)) {
            throw Route53Error.invalidInput("Invalid request: '" + type + "' is not a valid record type");
        }
        if (name == null) {
            return page(zone.records().values(), max);
        }
        DnsName.Parsed from = DnsName.parse(name);
        if (!from.ok()) {
            throw Route53Error.invalidInput("FATAL problem: " + from.problem() + " encountered with '" + name + "'");
        }
        return page(zone.records().tailMap(RecordKey.lowerBound(from, type, identifier), true).values(), max);
    }

    private static Pages.RecordPage page(Collection<RecordSet> from, int max) {
        List<RecordSet> sets = new ArrayList<>(Math.min(max, 64));
        RecordSet next = null;
        for (RecordSet set : from) {
            if (sets.size() == max) {
                next = set;
                break;
            }
            sets.add(set);
        }
        return next == null ? new Pages.RecordPage(sets, false, null, null, null, max)
                : new Pages.RecordPage(sets, true, next.name(), next.type(), next.setIdentifier(), max);
    }

    /** ChangeResourceRecordSets: validates, applies atomically, records a PENDING change. */
    public synchronized ChangeInfo changeRecords(String zoneId, List<ChangeRequest> requests, String comment) {
        Zone zone = require(zoneId);
        if (priorRequestCheck && zone.lastChangeId() != null) {
            ChangeRecord last = changes.get(zone.lastChangeId());
            if (last != null && last.info(clock.instant()).status() == ChangeInfo.Status.PENDING) {
                throw Route53Error.priorRequestNotComplete();
            }
        }
        List<Change> changes = ChangeValidator.validate(requests);
        ZoneBatch batch = new ZoneBatch(zone, zones::containsKey);
        List<String> messages = batch.apply(changes);
        if (!messages.isEmpty()) {
            throw Route53Error.invalidChangeBatch(messages);
        }
        batch.commit();
        Instant now = clock.instant();
        for (Change c : changes) {
            if (journal.size() >= JOURNAL_LIMIT) {
                journal.remove(0);
            }
            journal.add(new JournalEntry(now, zoneId, c.action(), c.set()));
        }
        ChangeInfo info = newChange(comment);
        zone.lastChangeId(info.id()); // only record changes count for PriorRequestNotComplete
        return info;
    }

    public synchronized ChangeInfo change(String id) {
        ChangeRecord record = changes.get(id);
        if (record == null) {
            throw Route53Error.noSuchChange(id);
        }
        return record.info(clock.instant());
    }

    /** All record sets of a zone in Route 53's order. */
    public synchronized List<RecordSet> records(String zoneId) {
        return require(zoneId).snapshot();
    }

    public synchronized Map<String, String> tags(String zoneId) {
        return Map.copyOf(require(zoneId).tags());
    }

    public synchronized void changeTags(String zoneId, Map<String, String> add, List<String> removeKeys) {
        Zone zone = require(zoneId);
        zone.tags().putAll(add);
        removeKeys.forEach(zone.tags()::remove);
    }

    /** Every accepted change since the start (or the last {@link #clear}), oldest first. */
    public synchronized List<JournalEntry> journal() {
        return List.copyOf(journal);
    }

    public synchronized void clear() {
        journal.clear();
        zones.clear();
        zoneByCallerReference.clear();
        changes.clear();
    }

    private Zone require(String id) {
        Zone zone = zones.get(id);
        if (zone == null) {
            throw Route53Error.noSuchHostedZone(id);
        }
        return zone;
    }

    private ChangeInfo newChange(String comment) {
        Instant now = clock.instant();
        ChangeRecord record = new ChangeRecord(newId('C'), now, now.plus(changeDelay), comment);
        changes.put(record.id(), record);
        return record.info(now);
    }

    private static int clampItems(int maxItems, int limit) {
        if (maxItems < 1) {
            throw Route53Error.invalidInput("Invalid request: maxitems must be at least 1");
        }
        return Math.min(maxItems, limit);
    }

    private String newId(char prefix) {
        StringBuilder id = new StringBuilder().append(prefix);
        for (int i = 0; i < 20; i++) {
            id.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
        }
        return id.toString();
    }

    private List<String> nameServers(boolean privateZone) {
        if (privateZone) {
            return List.of("ns-0.awsdns-00.com", "ns-512.awsdns-00.net", "ns-1024.awsdns-00.org",
                    "ns-1536.awsdns-00.co.uk");
        }
        int group = random.nextInt(64);
        String g = String.format("%02d", group);
        int base = random.nextInt(512);
        return List.of("ns-" + base + ".awsdns-" + g + ".com", "ns-" + (base + 512) + ".awsdns-" + g + ".net",
                "ns-" + (base + 1024) + ".awsdns-" + g + ".org", "ns-" + (base + 1536) + ".awsdns-" + g + ".co.uk");
    }
}
