package io.streamdns.bench;

import io.streamdns.model.Endpoint;
import io.streamdns.model.SourceState;
import io.streamdns.model.ZoneRecord;
import io.streamdns.planner.PlannerConfig;
import io.streamdns.planner.plan.Planner;
import io.streamdns.planner.plan.ShardPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One shard of {@code n} LoadBalancer Services built from the real parts: the watcher's mapping turns each Service
 * into its SourceState, the planner's own plan says what the zone must hold, and that becomes the zone state an
 * applier would publish (A record and ownership TXT per name).
 */
public final class ShardFixture {
    public static final String ZONE = "plan.bench.example";
    public static final String ZONE_ID = "ZBENCHPLAN";

    private ShardFixture() {
    }

    public static Planner planner() {
        return new Planner(PlannerConfig.fromMap(Map.of("domain-filter", ZONE, "txt-owner-id", Pipeline.OWNER,
                "policy", "sync")).planSettings());
    }

    /** Service i's state, its address {@code ip}, as the watcher publishes it. */
    public static SourceState source(int i, String ip) {
        return Fixtures.sourceState("bench", i, ZONE, ip);
    }

    public static String identity(SourceState s) {
        return s.ref().identity();
    }

    /** Desired only: every name still to be created. */
    public static ShardPlanner desiredOnly(Planner planner, int n) {
        ShardPlanner shard = new ShardPlanner(ZONE, planner);
        for (int i = 0; i < n; i++) {
            SourceState s = source(i, Fixtures.ip(i));
            shard.putSource(identity(s), s);
        }
        return shard;
    }

    /** Desired and current agree: the zone holds every record and its ownership TXT (a restart, a resync). */
    public static ShardPlanner inSync(Planner planner, int n) {
        ShardPlanner shard = desiredOnly(planner, n);
        for (ZoneRecord r : asZone(shard.planAll().changes().create())) {
            shard.putRecord(r.identity(), r);
        }
        return shard;
    }

    /** Created endpoints as the zone holds them once applied (a TTL of 300 where none was set, like Route 53's default here). */
    public static List<ZoneRecord> asZone(List<Endpoint> created) {
        List<ZoneRecord> out = new ArrayList<>(created.size());
        for (Endpoint e : created) {
            out.add(new ZoneRecord(ZONE_ID, ZONE, e.dnsName(), e.recordType(), e.ttl() == 0 ? 300 : e.ttl(), e.targets(),
                    e.setIdentifier(), null, e.providerSpecific()));
        }
        return out;
    }
}
