package io.streamdns.watcher.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The object → endpoints table: one row per external-dns behaviour we reproduce. */
class MappingTableTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource({"io.streamdns.watcher.core.ServiceRows#rows", "io.streamdns.watcher.core.IngressRows#rows",
            "io.streamdns.watcher.core.CrdRows#rows", "io.streamdns.watcher.core.BadInputRows#rows",
            "io.streamdns.watcher.core.ShapingRows#rows"})
    void maps(Fixtures.Row row) {
        MappingResult result = row.object() instanceof Service svc
                ? ServiceMapper.map(svc, row.slices(), row.nodes(), row.options())
                : row.object() instanceof GenericKubernetesResource dns ? CrdMapper.map(dns, row.options())
                : IngressMapper.map((Ingress) row.object(), row.options());

        // sorted and compared whole: rows of 20,000 endpoints, where a match in any order is quadratic
        assertThat(result.endpoints().stream().map(Fixtures::fmt).sorted().toList())
                .isEqualTo(row.expected().stream().sorted().toList());
        List<String> rejections = new ArrayList<>(result.rejections().stream()
                .map(r -> r.code() + " " + r.dnsName()).toList());
        if (result.skipped() != null) {
            rejections.add("skipped");
        }
        assertThat(rejections).containsExactlyInAnyOrderElementsOf(row.rejections());

        String kind = row.object() instanceof GenericKubernetesResource ? CrdMapper.RESOURCE_KIND
                : row.object().getKind().toLowerCase();
        String resource = kind + "/" + row.object().getMetadata().getNamespace()
                + "/" + row.object().getMetadata().getName();
        for (Endpoint e : result.endpoints()) {
            assertThat(e.labels()).containsEntry(Labels.RESOURCE, resource)
                    .containsEntry(Labels.CLUSTER, row.options().clusterName());
        }
    }
}
