package io.streamdns.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.app.demo.ZoneView;
import io.streamdns.sandbox.k8s.KubernetesEmulator;
import io.streamdns.sandbox.route53.store.ChangeRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's first story: a zone holding 20 records owned by {@code safety} (as external-dns wrote them), streamdns
 * started on a fresh broker while its Kubernetes API is unreachable. After the applier listed the zone and the
 * planner went live, nothing is deleted; the held deletes show in the metric and in {@code audit why}. Its own
 * broker: no cluster may ever have synced on it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UnsyncedStartIT {
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
    void anOwnedZoneWithAFreshDataDirAndAnUnreachableApiServerLosesNothing() {
        String zoneId = rig.pipeline.route53.createZone("owned.com", false);
        ZoneView zone = ZoneView.of(rig.pipeline.route53, zoneId, "owned.com");
        List<ChangeRequest> owned = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // as external-dns wrote them: no cluster label
            owned.add(ChangeRequest.of("CREATE", "n" + i + ".owned.com", "A", 300, List.of("192.0.2." + (i + 1))));
            owned.add(ChangeRequest.of("CREATE", "a-n" + i + ".owned.com", "TXT", 300, List.of("\"heritage=external-dns,"
                    + "external-dns/owner=safety,external-dns/resource=service/default/s" + i + "\"")));
        }
        rig.pipeline.route53.change(zoneId, owned);
        KubernetesEmulator gone = rig.pipeline.cluster(dir, "unreachable");
        gone.close(); // its kubeconfig now points at nothing
        rig.watcher("unreachable", gone, "owned.com", false);
        Pipeline.Deployed planner = rig.planner("owned.com", "planner-owned");
        rig.applier("owned.com", "applier-owned");

        SafetyRig.awaitTrue("20 deletes held in the metric", () -> planner.gauge(SafetyRig.HELD, "reason", "delete-held-unsynced") == 20);
        SafetyRig.holds(zone, "all 20 records and their TXTs kept", z -> SafetyRig.count(z, "A") == 20 && SafetyRig.count(z, "TXT") == 20,
                Duration.ofSeconds(3));
        String[] why = rig.cli("audit", "why", "n7.owned.com", "--domain-filter=owned.com");
        assertThat(why[0]).isEqualTo("0");
        assertThat(why[1]).contains("DELETE_HELD").contains("delete held: no cluster has synced on partition");
    }

}
