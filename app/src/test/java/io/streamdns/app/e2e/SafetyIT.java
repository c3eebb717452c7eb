package io.streamdns.app.e2e;

import static io.streamdns.app.e2e.EndToEndIT.hasA;
import static io.streamdns.app.e2e.EndToEndIT.lbService;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.app.Main;
import io.streamdns.app.TestStages;
import io.streamdns.app.demo.ZoneView;
import io.streamdns.model.ZoneRecord;
import io.streamdns.sandbox.k8s.KubernetesEmulator;
import io.streamdns.sandbox.route53.store.ChangeRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Safety I at pipeline level (issue 13), each test asserting on the zone in the Route 53 emulator: deletes wait for
 * complete knowledge, mass deletes for an operator, retired clusters lose their claims, a genuine delete stays fast.
 * One broker for the class; each test its own zone, clusters and consumer groups. The fresh deployment with an
 * unreachable API server is {@link UnsyncedStartIT}: it needs a broker no other cluster has synced on.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SafetyIT {
    @TempDir
    static Path dir;
    static SafetyRig rig;

    @BeforeAll
    static void start() {
        rig = new SafetyRig(dir);
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @Test
    void aClusterWhoseWatcherStaysDownKeepsItsRecordsAcrossAPlannerRestart() {
        ZoneView zone = rig.zone("two.com");
        KubernetesEmulator a = rig.pipeline.cluster(dir, "two-a");
        KubernetesEmulator b = rig.pipeline.cluster(dir, "two-b");
        rig.watcher("two-a", a, "two.com", true);
        Pipeline.Deployed watcherB = rig.watcher("two-b", b, "two.com", true);
        Pipeline.Deployed first = rig.planner("two.com", "planner-two");
        rig.applier("two.com", "applier-two");
        SafetyRig.service(a, "a1", "a1.two.com", "203.0.113.1");
        SafetyRig.service(a, "a2", "a2.two.com", "203.0.113.2");
        SafetyRig.service(b, "b1", "b1.two.com", "198.51.100.1");
        SafetyRig.service(b, "b2", "b2.two.com", "198.51.100.2");
        SafetyRig.await(zone, "four records", z -> SafetyRig.count(z, "A") == 4);

        rig.pipeline.undeploy(watcherB.id()); // cluster b's watcher stays down from here
        rig.pipeline.undeploy(first.id());
        rig.planner("two.com", "planner-two"); // restores from the topic: b's markers and states are there
        long t0 = System.nanoTime();
        a.client().services().inNamespace("default").withName("a1").delete();
        SafetyRig.await(zone, "a1 gone", z -> z.stream().noneMatch(r -> r.name().endsWith("a1.two.com")));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(millis).as("a genuine delete stays fast").isLessThan(5_000);
        SafetyRig.holds(zone, "b's records stay", z -> hasA(z, "b1.two.com", "198.51.100.1") && hasA(z, "b2.two.com", "198.51.100.2")
                && hasA(z, "a2.two.com", "203.0.113.2"), Duration.ofSeconds(2));
    }

    @Test
    void eightyPercentOfAClusterDeletedAtOnceWaitsForTheApproval() {
        ZoneView zone = rig.zone("mass.com");
        KubernetesEmulator k = rig.pipeline.cluster(dir, "mass");
        rig.watcher("mass", k, "mass.com", true);
        Pipeline.Deployed planner = rig.planner("mass.com", "planner-mass");
        rig.applier("mass.com", "applier-mass");
        for (int i = 0; i < 10; i++) {
            SafetyRig.service(k, "m" + i, "m" + i + ".mass.com", "203.0.113." + (i + 10));
        }
        SafetyRig.await(zone, "ten records", z -> SafetyRig.count(z, "A") == 10);

        for (int i = 0; i < 8; i++) {
            k.client().services().inNamespace("default").withName("m" + i).delete();
        }
        // 30% of 10 owned records go; the other 5 wait for an operator
        SafetyRig.await(zone, "three deleted", z -> SafetyRig.count(z, "A") == 7);
        SafetyRig.awaitTrue("5 held by the budget", () -> planner.gauge(SafetyRig.HELD, "reason", "delete-held-budget") == 5);
        SafetyRig.holds(zone, "the rest held", z -> SafetyRig.count(z, "A") == 7, Duration.ofSeconds(2));

        String[] approve = rig.cli("approve-deletes", "--shard", "mass.com", "--by", "alice", "--reason", "decommission");
        assertThat(approve[0]).as(approve[2]).isEqualTo("0");
        assertThat(approve[1]).contains("approved deletes of shard mass.com").contains("by alice");
        SafetyRig.await(zone, "the approved deletes out", z -> SafetyRig.count(z, "A") == 2);
        String[] history = rig.cli("audit", "history", "m7.mass.com", "--domain-filter=mass.com");
        assertThat(history[1]).contains("approved by alice").contains("decommission");
    }

    @Test
    void aRetiredClusterLosesItsClaims() {
        ZoneView zone = rig.zone("retire.com");
        KubernetesEmulator old = rig.pipeline.cluster(dir, "old-name");
        Pipeline.Deployed w = rig.watcher("old-name", old, "retire.com", true);
        rig.planner("retire.com", "planner-retire");
        rig.applier("retire.com", "applier-retire");
        SafetyRig.service(old, "r1", "r1.retire.com", "203.0.113.21");
        SafetyRig.service(old, "r2", "r2.retire.com", "203.0.113.22");
        SafetyRig.await(zone, "two records", z -> SafetyRig.count(z, "A") == 2);
        rig.pipeline.undeploy(w.id()); // renamed: nothing runs under the old name any more

        String[] list = rig.cli("clusters", "list");
        assertThat(list[0]).as(list[2]).isEqualTo("0");
        assertThat(list[1]).contains("cluster old-name").contains("scope default");
        String[] retire = rig.cli("clusters", "retire", "old-name", "--by", "bob");
        assertThat(retire[0]).as(retire[2]).isEqualTo("0");
        assertThat(retire[1]).contains("retired cluster old-name: 2 object keys");
        SafetyRig.await(zone, "the retired cluster's records gone", z -> SafetyRig.count(z, "A") == 0 && SafetyRig.count(z, "TXT") == 0);
        assertThat(rig.cli("clusters", "list")[1]).contains("cluster old-name  RETIRED");
        assertThat(Stream.of(list[1].split("\n"))).anyMatch(l -> l.contains("objects per partition"));
    }
}
