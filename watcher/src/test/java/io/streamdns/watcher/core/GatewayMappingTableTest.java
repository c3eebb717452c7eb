package io.streamdns.watcher.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Gateway API route → endpoints table ({@link GatewayRows}), and the host intersection on its own. */
class GatewayMappingTableTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.streamdns.watcher.core.GatewayRows#rows")
    void maps(GatewayRows.Row row) {
        Map<String, Gateway> gateways = new HashMap<>();
        row.gateways().forEach(g -> gateways.put(g.getMetadata().getNamespace() + "/" + g.getMetadata().getName(), g));
        MappingResult result = GatewayRouteMapper.map(row.route(),
                new GatewayRouteMapper.Lookups(gateways::get, row.namespaces()::get), row.options(), row.gatewayOptions());

        assertThat(result.endpoints().stream().map(Fixtures::fmt).toList())
                .containsExactlyInAnyOrderElementsOf(row.expected());
        List<String> rejections = new ArrayList<>(result.rejections().stream()
                .map(r -> r.code() + " " + r.dnsName()).toList());
        if (result.skipped() != null) {
            rejections.add("skipped");
        }
        assertThat(rejections).containsExactlyInAnyOrderElementsOf(row.rejections());
        String resource = row.route().kind().toLowerCase() + "/" + row.route().meta().getNamespace() + "/"
                + row.route().meta().getName();
        for (Endpoint e : result.endpoints()) {
            assertThat(e.labels()).containsEntry(Labels.RESOURCE, resource);
        }
    }

    @Test
    void hostIntersectionAsExternalDns() {
        assertThat(GatewayRouteMapper.matchingHost("", "a.example.com")).isEqualTo("a.example.com");
        assertThat(GatewayRouteMapper.matchingHost("a.example.com", "")).isEqualTo("a.example.com");
        assertThat(GatewayRouteMapper.matchingHost("A.Example.com", "a.example.com")).isEqualTo("a.example.com");
        assertThat(GatewayRouteMapper.matchingHost("*.example.com", "a.b.example.com")).isEqualTo("a.b.example.com");
        assertThat(GatewayRouteMapper.matchingHost("a.example.com", "*.example.com")).isEqualTo("a.example.com");
        assertThat(GatewayRouteMapper.matchingHost("*.example.com", "*.example.com")).isEqualTo("*.example.com");
        assertThat(GatewayRouteMapper.matchingHost("*.example.com", "example.com")).isNull();
        assertThat(GatewayRouteMapper.matchingHost("a.example.com", "b.example.com")).isNull();
        assertThat(GatewayRouteMapper.matchingHost("10.0.0.1", "a.example.com")).isNull();
        assertThat(GatewayRouteMapper.matchingHost("bad_label.example.com", "")).isNull();
    }

    @Test
    void protocolsAsExternalDns() {
        assertThat(GatewayRouteMapper.protocolMatches("HTTP", "HTTPS")).isTrue();
        assertThat(GatewayRouteMapper.protocolMatches("HTTPS", "HTTP")).isTrue();
        assertThat(GatewayRouteMapper.protocolMatches("TCP", "TLS")).isTrue();
        assertThat(GatewayRouteMapper.protocolMatches("TLS", "TCP")).isFalse();
        assertThat(GatewayRouteMapper.protocolMatches("UDP", "TCP")).isFalse();
    }
}
