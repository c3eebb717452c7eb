package io.streamdns.watcher.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.streamdns.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The node source's table, after external-dns's node_test.go. */
class NodeMapperTest {
    static Node node(String name, boolean unschedulable, Map<String, String> annotations, String... typeAndAddress) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).withAnnotations(annotations).endMetadata()
                .withNewSpec().withUnschedulable(unschedulable).endSpec().withNewStatus().endStatus();
        for (int i = 0; i + 1 < typeAndAddress.length; i += 2) {
            b.editStatus().addNewAddress().withType(typeAndAddress[i]).withAddress(typeAndAddress[i + 1]).endAddress()
                    .endStatus();
        }
        return b.build();
    }

    static Stream<Arguments> rows() {
        MappingOptions o = Fixtures.opts();
        MappingOptions template = o.withFqdnTemplate("{{.Name}}.nodes.example.com");
        return Stream.of(
                Arguments.of("external IP", node("n1.example.com", false, Map.of(), "ExternalIP", "1.2.3.4",
                        "InternalIP", "10.0.0.1"), o, true, false, List.of("n1.example.com A 1.2.3.4"), List.of()),
                Arguments.of("internal IP when no external one", node("n1.example.com", false, Map.of(), "InternalIP",
                        "10.0.0.1"), o, true, false, List.of("n1.example.com A 10.0.0.1"), List.of()),
                Arguments.of("IPv6 external", node("n1.example.com", false, Map.of(), "ExternalIP", "2001:db8::1"), o,
                        true, false, List.of("n1.example.com AAAA 2001:db8::1"), List.of()),
                Arguments.of("internal IPv6 only with --expose-internal-ipv6", node("n1.example.com", false, Map.of(),
                        "ExternalIP", "1.2.3.4", "InternalIP", "2001:db8::2"), o, true, true,
                        List.of("n1.example.com A 1.2.3.4", "n1.example.com AAAA 2001:db8::2"), List.of()),
                Arguments.of("internal IPv6 left out by default", node("n1.example.com", false, Map.of(),
                        "ExternalIP", "1.2.3.4", "InternalIP", "2001:db8::2"), o, true, false,
                        List.of("n1.example.com A 1.2.3.4"), List.of()),
                Arguments.of("fqdn template", node("ip-10-0-0-1", false, Map.of(), "ExternalIP", "1.2.3.4"), template,
                        true, false, List.of("ip-10-0-0-1.nodes.example.com A 1.2.3.4"), List.of()),
                Arguments.of("unschedulable excluded (default)", node("n1.example.com", true, Map.of(), "ExternalIP",
                        "1.2.3.4"), o, true, false, List.of(), List.of("skipped")),
                Arguments.of("unschedulable kept with --no-exclude-unschedulable", node("n1.example.com", true, Map.of(),
                        "ExternalIP", "1.2.3.4"), o, false, false, List.of("n1.example.com A 1.2.3.4"), List.of()),
                Arguments.of("target annotation overrides addresses", node("n1.example.com", false,
                        Map.of(Annotations.PREFIX + "target", "5.6.7.8"), "ExternalIP", "1.2.3.4"), o, true, false,
                        List.of("n1.example.com A 5.6.7.8"), List.of()),
                Arguments.of("ttl annotation; set-identifier not read on nodes", node("n1.example.com", false,
                        Map.of(Annotations.PREFIX + "ttl", "60", Annotations.PREFIX + "set-identifier", "x"),
                        "ExternalIP", "1.2.3.4"), o, true, false, List.of("n1.example.com A 1.2.3.4 ttl=60"), List.of()),
                Arguments.of("no address reported", node("n1.example.com", false, Map.of()), o, true, false, List.of(),
                        List.of("invalid-target n1.example.com")),
                Arguments.of("name outside the domain filter", node("n1.internal", false, Map.of(), "ExternalIP",
                        "1.2.3.4"), Fixtures.filter(List.of("example.com"), List.of()), true, false, List.of(),
                        List.of("domain-filter n1.internal")),
                Arguments.of("controller annotation of someone else", node("n1.example.com", false,
                        Map.of(Annotations.PREFIX + "controller", "other"), "ExternalIP", "1.2.3.4"), o, true, false,
                        List.of(), List.of("skipped")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void maps(String title, Node node, MappingOptions o, boolean exclude, boolean ipv6, List<String> expected,
              List<String> rejections) {
        MappingResult result = NodeMapper.map(node, o, exclude, ipv6);
        assertThat(result.endpoints().stream().map(Fixtures::fmt).toList()).containsExactlyInAnyOrderElementsOf(expected);
        List<String> got = new ArrayList<>(result.rejections().stream().map(r -> r.reason() + " " + r.name())
                .toList());
        if (result.skipped() != null) {
            got.add("skipped");
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(rejections);
        result.endpoints().forEach(e -> assertThat(e.labels()).containsEntry(Labels.RESOURCE, "node/" + node.getMetadata().getName()));
    }
}
