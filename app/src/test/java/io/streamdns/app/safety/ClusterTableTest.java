package io.streamdns.app.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.control.ClusterRetirement;
import io.streamdns.model.control.ControlKeys;
import io.streamdns.model.control.SyncMarker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code clusters list}'s table from the latest record per key of streamdns.sources. */
class ClusterTableTest {
    private static SourcesTopic.Latest rec(int p, String key, byte[] value) {
        return new SourcesTopic.Latest(p, 0, 0, key, value);
    }

    @Test
    void markersObjectsScopesRetirementsAndProblems() {
        SyncMarker m0 = new SyncMarker("kube-a", "uid-a", "default", Map.of("source", "service"), 0, 1000, 2, 0);
        SyncMarker m1 = new SyncMarker("kube-a", "uid-a", "default", Map.of("source", "service"), 1, 2000, 1, 3);
        ClusterTable t = ClusterTable.of(List.of(
                rec(0, ControlKeys.syncMarker("kube-a", "default"), JsonCodec.encode(m0)),
                rec(1, ControlKeys.syncMarker("kube-a", "default"), JsonCodec.encode(m1)),
                rec(0, "example.com|kube-a/Service/default/web", "{}".getBytes(StandardCharsets.UTF_8)),
                rec(0, "example.com|kube-a/Service/default/api", "{}".getBytes(StandardCharsets.UTF_8)),
                rec(1, "example.org|kube-a/Ingress/default/shop@internal", "{}".getBytes(StandardCharsets.UTF_8)),
                rec(1, "example.org|kube-a/Service/default/gone", null),
                rec(2, ControlKeys.retirement("old"), JsonCodec.encode(new ClusterRetirement("old", 5, "bob"))),
                rec(2, "!nonsense|x", "{}".getBytes(StandardCharsets.UTF_8))));
        assertThat(t.clusters).containsOnlyKeys("kube-a", "old");
        ClusterTable.Scope def = t.clusters.get("kube-a").scopes.get("default");
        assertThat(def.objects).isEqualTo(Map.of(0, 2));
        assertThat(def.lastSync()).isEqualTo(2000);
        assertThat(def.held()).isEqualTo(3);
        assertThat(def.newest()).contains(m1);
        assertThat(t.clusters.get("kube-a").scopes.get("internal").objects).isEqualTo(Map.of(1, 1));
        assertThat(t.clusters.get("kube-a").scopes.get("internal").markers).isEmpty();
        assertThat(t.clusters.get("old").retired.retiredBy()).isEqualTo("bob");
        assertThat(t.problems).singleElement().asString().contains("malformed control key !nonsense|x");
    }
}
