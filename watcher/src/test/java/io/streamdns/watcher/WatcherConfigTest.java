package io.streamdns.watcher;

import io.streamdns.runtime.config.InvalidFlagException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Flag parsing, defaults, and which informers a configuration needs. */
class WatcherConfigTest {

    @Test
    void defaults() {
        WatcherConfig c = WatcherConfig.fromMap(Map.of("cluster-name", "eu-1"));
        assertThat(c.sources()).containsExactlyInAnyOrder("service", "ingress");
        assertThat(c.namespace()).isNull();
        assertThat(c.resyncPeriod()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.needsEndpointSlices()).isTrue();
        assertThat(c.needsNodes()).isTrue();
        assertThat(c.mappingOptions().clusterName()).isEqualTo("eu-1");
    }

    static Stream<Arguments> informerNeeds() {
        return Stream.of(
                Arguments.of("ingress only", Map.of("source", "ingress"), false, false),
                Arguments.of("load balancers only", Map.of("service-type-filter", "LoadBalancer"), false, false),
                Arguments.of("ClusterIP (headless) reads slices", Map.of("service-type-filter", "clusterip"), true, false),
                Arguments.of("NodePort reads slices and nodes", Map.of("service-type-filter", "NodePort,LoadBalancer"),
                        true, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("informerNeeds")
    void informersOnlyWhenNeeded(String title, Map<String, String> flags, boolean slices, boolean nodes) {
        var m = new java.util.HashMap<>(flags);
        m.put("cluster-name", "c1");
        WatcherConfig c = WatcherConfig.fromMap(m);
        assertThat(c.needsEndpointSlices()).isEqualTo(slices);
        assertThat(c.needsNodes()).isEqualTo(nodes);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(Map.of(), "cluster-name"),
                Arguments.of(Map.of("cluster-name", "a|b"), "cluster-name"),
                Arguments.of(Map.of("cluster-name", "c", "source", "crd"), "source"),
                Arguments.of(Map.of("cluster-name", "c", "service-type-filter", "Foo"), "service-type-filter"),
                Arguments.of(Map.of("cluster-name", "c", "emit-events", "yes"), "emit-events"),
                Arguments.of(Map.of("cluster-name", "c", "exclude-domains", "a..b"), "exclude-domains"),
                Arguments.of(Map.of("cluster-name", "c", "resync-period", "soon"), "resync-period"),
                Arguments.of(Map.of("cluster-name", "c", "fqdn-template", "{{.Kind}}.example.com"), "fqdn-template"));
    }

    @ParameterizedTest(name = "--{1}: {0}")
    @MethodSource("invalid")
    void invalidValuesNameTheFlag(Map<String, String> flags, String flag) {
        assertThatThrownBy(() -> WatcherConfig.fromMap(flags))
                .isInstanceOfSatisfying(InvalidFlagException.class,
                        e -> assertThat(e.flag()).isEqualTo(flag))
                .hasMessageStartingWith("--" + flag + ": ");
    }
}
