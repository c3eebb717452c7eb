package io.streamdns.model.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.SourceRef;
import io.streamdns.model.codec.JsonCodec;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ControlKeysTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            "'!sync|a/default',      SYNC_MARKER,      a, default, -",
            "'!sync|a/ingress-nginx', SYNC_MARKER,     a, ingress-nginx, -",
            "'!retired|b',           RETIREMENT,       b, -, -",
            "'!approve|b',           CLUSTER_APPROVAL, b, -, -",
            "'example.com|!approve-deletes', SHARD_APPROVAL, -, -, example.com",
    })
    void parsesWellFormedKeys(String key, ControlKeys.Kind kind, String cluster, String scope, String shard) {
        assertThat(ControlKeys.parse(key)).contains(new ControlKeys.Control(kind, cluster, scope, shard));
        assertThat(ControlKeys.isControl(key)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'!sync|a'", "'!sync|/x'", "'!sync|a/'", "'!sync|a/b/c'", "'!retired|'", "'!nope|a'", "'!'",
            "'!retired|a/b'", "'!x|!approve-deletes'"})
    void refusesMalformedControlKeys(String key) {
        assertThat(ControlKeys.isControl(key)).isTrue();
        assertThat(ControlKeys.parse(key)).isEmpty();
    }

    @Test
    void objectKeysAreNotControlKeys() {
        assertThat(ControlKeys.isControl("example.com|a/Service/default/web")).isFalse();
        assertThat(ControlKeys.parse("example.com|a/Service/default/web")).isEqualTo(Optional.empty());
    }

    @Test
    void buildersRoundTrip() {
        assertThat(ControlKeys.parse(ControlKeys.syncMarker("a", "s1")).orElseThrow().scope()).isEqualTo("s1");
        assertThat(ControlKeys.parse(ControlKeys.retirement("a")).orElseThrow().cluster()).isEqualTo("a");
        assertThat(ControlKeys.parse(ControlKeys.clusterApproval("a")).orElseThrow().kind())
                .isEqualTo(ControlKeys.Kind.CLUSTER_APPROVAL);
        assertThat(ControlKeys.parse(ControlKeys.shardApproval("example.com")).orElseThrow().shard())
                .isEqualTo("example.com");
    }

    @Test
    void sourceIdentityCarriesANamedScopeOnly() {
        SourceRef ref = new SourceRef("a", "Ingress", "web", "shop");
        assertThat(ControlKeys.sourceIdentity(ref, "default")).isEqualTo("a/Ingress/web/shop");
        String scoped = ControlKeys.sourceIdentity(ref, "nginx");
        assertThat(scoped).isEqualTo("a/Ingress/web/shop@nginx");
        assertThat(ControlKeys.scopeOf(scoped)).isEqualTo("nginx");
        assertThat(ControlKeys.objectIdentity(scoped)).isEqualTo("a/Ingress/web/shop");
        assertThat(ControlKeys.clusterOf(scoped)).isEqualTo("a");
        assertThat(ControlKeys.scopeOf("a/Ingress/web/shop")).isEqualTo("default");
    }

    @Test
    void valuesRoundTripThroughTheCodec() throws Exception {
        SyncMarker m = new SyncMarker("a", "uid-1", null, Map.of("source", "service"), 3, 42L, 7, 0);
        assertThat(m.scope()).isEqualTo("default");
        assertThat(JsonCodec.decode(JsonCodec.encode(m), SyncMarker.class)).isEqualTo(m);
        DeleteApproval ap = new DeleteApproval("example.com", 1, 2, "ops", "cluster rebuilt");
        assertThat(JsonCodec.decode(JsonCodec.encode(ap), DeleteApproval.class)).isEqualTo(ap);
        assertThat(ap.validAt(2)).isTrue();
        assertThat(ap.validAt(3)).isFalse();
        ClusterRetirement r = new ClusterRetirement("b", 5, "ops");
        assertThat(JsonCodec.decode(JsonCodec.encode(r), ClusterRetirement.class)).isEqualTo(r);
    }
}
