package io.streamdns.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.Endpoint;
import io.streamdns.model.SourceState;
import io.streamdns.model.ZoneRecord;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A 100,000-name shard: the full plan and an incremental plan are correct at that size. Timings are printed for
 * information only (performance is measured in bench, never asserted here).
 */
class ShardPlannerScaleTest {
    private static final int NAMES = 100_000;

    @Test
    void plansAHundredThousandNames() {
        ShardPlanner p = new ShardPlanner("ex.com", new Planner(PlanSettings.defaults()));
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        String txt = "\"heritage=external-dns,external-dns/cluster=c1,external-dns/owner=default,"
                + "external-dns/resource=service/default/svc%d\"";
        for (int i = 0; i < NAMES; i++) {
            String name = "n" + i + ".ex.com";
            SourceState s = new SourceState("c1", "Service", "default", "svc" + i, "u" + i, "1", 1L,
                    List.of(Endpoint.of(name, "A", "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255))));
            p.putSource(s.ref().identity(), s);
            if (i % 2 == 0) { // half already in the zone, owned
                ZoneRecord r = new ZoneRecord("Z1", "ex.com", name, "A", 300, s.endpoints().get(0).targets(), null, null, Map.of());
                ZoneRecord t = new ZoneRecord("Z1", "ex.com", "a-" + name, "TXT", 300, List.of(String.format(txt, i)), null, null, Map.of());
                p.putRecord(r.identity(), r);
                p.putRecord(t.identity(), t);
            }
        }
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();

        ShardPlanner.ShardPlan full = null;
        List<String> runs = new ArrayList<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int k = 0; k < 3; k++) { // the first runs include JIT warm-up; CPU time is immune to a busy machine
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            full = p.planAll();
            runs.add((System.nanoTime() - t0) / 1_000_000 + "/" + (threads.getCurrentThreadCpuTime() - c0) / 1_000_000);
        }
        assertThat(full.changes().create()).hasSize(NAMES); // 50,000 records and their TXT
        assertThat(full.changes().updateNew()).isEmpty();

        long t1 = System.nanoTime();
        ShardPlanner.ShardPlan one = p.plan(Set.of("n1.ex.com", "n2.ex.com"));
        long incrementalUs = (System.nanoTime() - t1) / 1_000;
        assertThat(one.changes().create()).hasSize(2);

        System.out.printf("[scale] %d names: full plan runs (wall/cpu) %s ms, incremental plan of 2 names %d us, ~%d bytes/name held%n",
                NAMES, runs, incrementalUs, (after - before) / NAMES);
    }
}
