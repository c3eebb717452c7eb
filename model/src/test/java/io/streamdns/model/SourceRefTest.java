package io.streamdns.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** external-dns's {@code resource} label, per kind. */
class SourceRefTest {
    @Test
    void resourceLabelAsExternalDnsWritesIt() {
        assertThat(new SourceRef("c", "Service", "default", "web").resourceLabel()).isEqualTo("service/default/web");
        assertThat(new SourceRef("c", "HTTPRoute", "default", "web").resourceLabel()).isEqualTo("httproute/default/web");
        assertThat(new SourceRef("c", "DNSEndpoint", "default", "rec").resourceLabel()).isEqualTo("crd/default/rec");
        assertThat(new SourceRef("c", "Node", null, "n1").resourceLabel()).isEqualTo("node/n1");
        assertThat(SourceRef.parse(new SourceRef("c", "Node", null, "n1").identity()))
                .isEqualTo(new SourceRef("c", "Node", "", "n1"));
    }
}
