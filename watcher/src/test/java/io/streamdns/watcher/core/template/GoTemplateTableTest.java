package io.streamdns.watcher.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.streamdns.watcher.core.FqdnTemplate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-world --fqdn-template values (external-dns's docs/advanced/fqdn-templating.md and source/template tests) on
 * objects, with the names external-dns makes of them.
 */
class GoTemplateTableTest {
    static final HasMetadata SVC = new ServiceBuilder().withNewMetadata().withName("my-service")
            .withNamespace("my-namespace")
            .withLabels(Map.of("environment", "staging", "app", "nginx", "department", "Sales", "env", "prod",
                    "region", "us-east-1", "records", "[{\"dns\":\"entry1.internal.tld\",\"target\":\"10.10.10.10\"},"
                            + "{\"dns\":\"entry2.example.tld\",\"target\":\"my.cluster.local\"}]"))
            .withAnnotations(Map.of("dns.company.com/label", "my-org-tld-v2", "dns.example.com/primary",
                    "api.example.com", "dns.example.com/secondary", "api-backup.example.com",
                    "kubernetes.io/ingress-class", "nginx", "external-dns.kubernetes.io/hostname", "a.example.com"))
            .endMetadata().withNewSpec().withType("ExternalName").withExternalName("db.example.org")
            .withSelector(Map.of("app", "nginx", "tier", "frontend")).withClusterIP("10.0.0.7").endSpec().build();
    static final HasMetadata BARE = new ServiceBuilder().withNewMetadata().withName("the-web-v2")
            .withNamespace("default").endMetadata().build();
    static final HasMetadata NODE = new NodeBuilder().withNewMetadata().withName("node-1").endMetadata()
            .withNewStatus().addNewAddress().withType("InternalIP").withAddress("10.0.0.1").endAddress()
            .addNewAddress().withType("ExternalIP").withAddress("2001:db8::1").endAddress()
            .addNewAddress().withType("ExternalIP").withAddress("203.0.113.9").endAddress().endStatus().build();
    static final HasMetadata ING = new IngressBuilder().withNewMetadata().withName("shop").withNamespace("web")
            .endMetadata().withNewSpec().addNewRule().withHost("shop.example.com").endRule().addNewTl()
            .withHosts("shop.example.com").endTl().endSpec().build();

    static Stream<Arguments> rows() {
        return Stream.of(
                row("name", "{{ .Name }}.example.com", SVC, "my-service.example.com"),
                row("name and namespace", "{{.Name}}.{{.Namespace}}.example.com", SVC,
                        "my-service.my-namespace.example.com"),
                row("two templates, comma separated", "{{.Name}}.example.com, {{.Name}}.example.org", SVC,
                        "my-service.example.com", "my-service.example.org"),
                row("duplicates and trailing comma dropped", "{{ .Name }}.example.com,{{ .Name }}.example.com,", SVC,
                        "my-service.example.com"),
                row("trim and the trailing dot", "  {{ trim .Name}}.example.com. ", SVC, "my-service.example.com"),
                row("label by field", "{{ .Labels.environment }}.{{ .Name }}.example.com", SVC,
                        "staging.my-service.example.com"),
                row("a missing label prints <no value> (an invalid name later)", "{{ .Labels.nope }}.example.com",
                        SVC, "<no value>.example.com"),
                row("index on ObjectMeta.Annotations",
                        "{{ index .ObjectMeta.Annotations \"dns.company.com/label\" }}.{{ .Namespace }}.company.local",
                        SVC, "my-org-tld-v2.my-namespace.company.local"),
                row("index on a missing key is empty", "x{{ index .Labels \"nope\" }}.example.com", SVC,
                        "x.example.com"),
                row("toLower", "{{ toLower .Labels.department }}.example.org", SVC, "sales.example.org"),
                row("trimPrefix", "{{ trimPrefix .Name \"the-\" }}.example.com", BARE, "web-v2.example.com"),
                row("trimSuffix", "{{ trimSuffix .Name \"-v2\" }}.example.com", BARE, "the-web.example.com"),
                row("replace", "{{ replace \"-\" \".\" .Name }}.example.com", BARE, "the.web.v2.example.com"),
                row("pipe into replace", "{{\"hello.world\" | replace \".\" \"-\"}}.ext-dns.test.com", SVC,
                        "hello-world.ext-dns.test.com"),
                row("contains and if", "{{ if contains (index .ObjectMeta.Annotations "
                        + "\"external-dns.kubernetes.io/hostname\") \"example.com\" }}{{ toLower .Labels.department }}"
                        + "{{end}}", SVC, "sales"),
                row("eq on the name, false", "{{ if eq .Name \"other\" }}{{ .Name }}.example.com{{ end }}", SVC),
                row("Kind", "{{ if eq .Kind \"Service\" }}{{ .Name }}.svc.example.com{{ end }}{{ if eq .Kind \"Pod\" }}"
                        + "{{ .Name }}.pod.example.com{{ end }}", SVC, "my-service.svc.example.com"),
                row("Kind of an Ingress", "{{ .Kind }}.{{ .APIVersion }}", ING, "Ingress.networking.k8s.io/v1"),
                row("Spec.Type", "{{ if eq .Kind \"Service\" }}{{ if eq .Spec.Type \"ExternalName\" }}{{ .Name }}"
                        + ".external.example.com{{ end }}{{ end }}", SVC, "my-service.external.example.com"),
                row("Spec.Type of a Service without one is empty", "x{{ .Spec.Type }}.example.com", BARE,
                        "x.example.com"),
                row("index on Spec.Selector", "{{ if index .Spec.Selector \"app\" }}{{ .Name }}.{{ index .Spec.Selector "
                        + "\"app\" }}.example.com{{ end }}", SVC, "my-service.nginx.example.com"),
                row("index on a nil selector", "{{ if index .Spec.Selector \"app\" }}yes{{ else }}no{{ end }}.x.com",
                        BARE, "no.x.com"),
                row("Spec.ClusterIP (Go's initialism)", "{{ replace \".\" \"-\" .Spec.ClusterIP }}.ip.example.com", SVC,
                        "10-0-0-7.ip.example.com"),
                row("range over labels with $", "{{ range $key, $value := .Labels }}{{ if contains $key \"app\" }}"
                        + "{{ $.Name }}.{{ $value }}.example.com{{ printf \",\" }}{{ end }}{{ end }}", SVC,
                        "my-service.nginx.example.com"),
                row("range over annotations by key", "{{ range $key, $value := .Annotations }}{{ if contains $key "
                        + "\"dns.example.com/\" }}{{ $value }}{{ printf \",\" }}{{ end }}{{ end }}", SVC,
                        "api-backup.example.com", "api.example.com"),
                row("and of two contains", "{{ range $k, $v := .Annotations }}{{ if and (contains $k \"dns.example.com/\") "
                        + "(contains $v \"example.com\") }}{{ $v }},{{ end }}{{ end }}", SVC, "api-backup.example.com",
                        "api.example.com"),
                row("multi-variant", "{{ .Name }}.{{ .Labels.env }}.{{ .Labels.region }}.example.com, {{ if eq "
                        + ".Labels.env \"prod\" }}{{ .Name }}.my-company.tld{{ end }}", SVC,
                        "my-service.my-company.tld", "my-service.prod.us-east-1.example.com"),
                row("or with a default", "{{ or .Annotations.dns \"invalid\" }}.example.com", SVC,
                        "invalid.example.com"),
                row("hasKey true", "{{ if hasKey .Labels \"app\" }}{{ .Name }}.{{ index .Labels \"app\" }}.example.com"
                        + "{{ end }}", SVC, "my-service.nginx.example.com"),
                row("hasKey on a nil map", "{{if hasKey .Labels \"service.kubernetes.io/headless\"}}{{ .Name }}"
                        + ".example.com,{{end}}", BARE),
                row("fromJson and range", "{{ if hasKey .Labels \"records\" }}{{ range $entry := (index .Labels "
                        + "\"records\" | fromJson) }}{{ index $entry \"dns\" }},{{ end }}{{ end }}", SVC,
                        "entry1.internal.tld", "entry2.example.tld"),
                row("fromJson of a literal", "{{ index (fromJson \"{\\\"env\\\":\\\"prod\\\"}\") \"env\" }}.x.com", SVC,
                        "prod.x.com"),
                row("isIPv4 / isIPv6", "{{if isIPv4 \"192.168.1.1\"}}v4{{end}}{{if isIPv6 \"2001:db8::1\"}}v6{{end}}"
                        + "{{if isIPv6 \"not:ipv6:addr\"}}bad{{end}}.ext-dns.test.com", SVC, "v4v6.ext-dns.test.com"),
                row("isSource", "{{ if isSource \"service\" }}yes{{ else }}no{{ end }}.example.com", SVC,
                        "yes.example.com"),
                row("node addresses, range, break", "{{range .Status.Addresses}}{{if and (eq .Type \"ExternalIP\") "
                        + "(isIPv4 .Address)}}{{.Address | replace \".\" \"-\"}}{{break}}{{end}}{{end}}.example.com",
                        NODE, "203-0-113-9.example.com"),
                row("ingress rules", "{{ range .Spec.Rules }}{{ .Host }},{{ end }}{{ range .Spec.TLS }}"
                        + "{{ index .Hosts 0 }}{{ end }}", ING, "shop.example.com"),
                row("unstructured retry: JSON keys", "{{ .Name }}.{{ .Spec.type }}.example.com", SVC,
                        "my-service.ExternalName.example.com"),
                row("else if, with, variables", "{{ $n := .Name }}{{ with .Labels.app }}{{ . }}-{{ $n }}{{ end }}"
                        + "{{ if eq .Labels.env \"dev\" }}.dev{{ else if eq .Labels.env \"prod\" }}.prod{{ else }}"
                        + ".other{{ end }}.example.com", SVC, "nginx-my-service.prod.example.com"),
                row("trim markers and comments", "{{- /* a comment */ -}}  {{ .Name -}} .example.com", SVC,
                        "my-service.example.com"),
                row("printf, len, slice", "{{ printf \"%s-%d\" .Name (len .Labels) }}.{{ slice .Namespace 0 2 }}.com",
                        SVC, "my-service-6.my.com"),
                row("range over a number, continue", "{{ range $i := 3 }}{{ if eq $i 1 }}{{ continue }}{{ end }}"
                        + "n{{ $i }}.x.com,{{ end }}", SVC, "n0.x.com", "n2.x.com"));
    }

    static Arguments row(String title, String template, HasMetadata obj, String... names) {
        return Arguments.of(Named.of(title, template), obj, List.of(names));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void renders(String template, HasMetadata obj, List<String> names) {
        FqdnTemplate.Rendered r = FqdnTemplate.parse(template).render(obj, "service");
        assertThat(r.error()).isNull();
        assertThat(r.names()).containsExactlyElementsOf(names);
    }

    static Stream<Arguments> badTemplates() {
        return Stream.of(
                Arguments.of("{{name}}.uat.example.com", "1:3: function \"name\" not defined"),
                Arguments.of("{{.Name}.example.com", "unrecognized character in action: '}'"),
                Arguments.of("{{ .Name }}.example.com{{", "unclosed action"),
                Arguments.of("{{ if .Name }}x", "{{if}} without {{end}}"),
                Arguments.of("{{ end }}", "unexpected {{end}}"),
                Arguments.of("{{ $x }}", "undefined variable \"$x\""),
                Arguments.of("{{ break }}", "{{break}} outside {{range}}"),
                Arguments.of("{{ define \"foo\" }}bar{{ end }}{{ template \"foo\" }}", "not supported"),
                Arguments.of("{{ \"abc }}", "unterminated quoted string"),
                Arguments.of("{{ (.Name }}", "unclosed left paren"),
                Arguments.of("{{/* open", "unclosed comment"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTemplates")
    void refusesAtParse(String template, String message) {
        assertThatThrownBy(() -> FqdnTemplate.parse(template)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message).hasMessageContaining(template);
    }

    static Stream<Arguments> failing() {
        return Stream.of(
                Arguments.of("{{ .Nope }}.example.com", "can't evaluate field Nope"),
                Arguments.of("{{ toLower .Labels.nope }}.example.com", "error calling toLower"),
                Arguments.of("{{ if eq .Labels.nope \"x\" }}a{{ end }}", "error calling eq"),
                Arguments.of("{{ if isSource \"servics\" }}a{{ end }}", "unknown source \"servics\""),
                Arguments.of("{{ index .Spec.Ports 3 }}", "index out of range"),
                Arguments.of("{{ .Name \"x\" }}", "cannot take arguments"),
                Arguments.of("{{ range .Name }}{{ end }}", "range can't iterate over my-service"),
                Arguments.of("{{ range $i := 100000000 }}{{ end }}", "too long"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failing")
    void failsOnTheObjectWithAReason(String template, String message) {
        FqdnTemplate.Rendered r = FqdnTemplate.parse(template).render(SVC, "service");
        assertThat(r.names()).isEmpty();
        assertThat(r.error()).contains("Service my-namespace/my-service").contains(message);
    }

    @Test
    void outputIsBounded() {
        FqdnTemplate t = FqdnTemplate.parse("{{ range $i := 100000 }}{{ $.Name }}-{{ $i }}.example.com,{{ end }}");
        assertThat(t.render(SVC, "service").error()).contains("longer than");
    }

    @Test
    void templatesOfTheRepeatedFlagAreJoinedByCommas() {
        FqdnTemplate t = FqdnTemplate.parse(List.of("{{ .Name }}.example.com", " ", "{{ .Name }}.svc.example.com",
                "{{ .Name }}.example.com"));
        assertThat(t.templates()).hasSize(2);
        assertThat(t.render(SVC, "service").names()).containsExactly("my-service.example.com",
                "my-service.svc.example.com");
        assertThatThrownBy(() -> FqdnTemplate.parse(List.of("{{.Name}}.a.com", "{{ bad }}")))
                .hasMessageContaining("template 2 '{{ bad }}'");
    }

    @Test
    void goFloatsAndPrinting() {
        assertThat(GoValues.formatFloat(8080)).isEqualTo("8080");
        assertThat(GoValues.formatFloat(0.5)).isEqualTo("0.5");
        assertThat(GoValues.formatFloat(1e6)).isEqualTo("1e+06");
        assertThat(GoValues.formatFloat(1234567)).isEqualTo("1.234567e+06");
        assertThat(GoValues.formatFloat(0.00001)).isEqualTo("1e-05");
        assertThat(GoValues.print(GoValues.GoMap.strings(Map.of("b", "2", "a", "1")))).isEqualTo("map[a:1 b:2]");
        assertThat(GoValues.print(List.of("a", 1L))).isEqualTo("[a 1]");
    }
}
