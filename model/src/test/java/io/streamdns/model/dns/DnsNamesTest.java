package io.streamdns.model.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DnsNamesTest {

    static Stream<Arguments> names() {
        String label63 = "a".repeat(63);
        String label64 = "a".repeat(64);
        String long253 = String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(57), "com");
        String long255 = "e." + long253;
        return Stream.of(
                // title, raw, expected normal form (null when invalid), reason fragment
                Arguments.of("plain", "www.example.com", "www.example.com", null),
                Arguments.of("upper case", "WWW.Example.COM", "www.example.com", null),
                Arguments.of("trailing dot", "www.example.com.", "www.example.com", null),
                Arguments.of("surrounding spaces", "  api.example.com ", "api.example.com", null),
                Arguments.of("apex", "example.com", "example.com", null),
                Arguments.of("digits", "1.2.example.com", "1.2.example.com", null),
                Arguments.of("hyphen inside", "my-app.example.com", "my-app.example.com", null),
                Arguments.of("underscore (SRV)", "_http._tcp.example.com", "_http._tcp.example.com", null),
                Arguments.of("wildcard", "*.example.com", "*.example.com", null),
                Arguments.of("wildcard deep", "*.apps.example.com", "*.apps.example.com", null),
                Arguments.of("IDN", "bücher.example.com", "xn--bcher-kva.example.com", null),
                Arguments.of("IDN upper", "BÜCHER.example.com", "xn--bcher-kva.example.com", null),
                Arguments.of("IDN tld", "例え.テスト", "xn--r8jz45g.xn--zckzah", null),
                Arguments.of("punycode already", "xn--bcher-kva.example.com", "xn--bcher-kva.example.com", null),
                Arguments.of("label of 63", label63 + ".example.com", label63 + ".example.com", null),
                Arguments.of("name of 253", long253, long253, null),
                Arguments.of("co.uk", "shop.example.co.uk", "shop.example.co.uk", null),
                Arguments.of("many labels", "a.b.c.d.e.f.example.com", "a.b.c.d.e.f.example.com", null),
                Arguments.of("numeric first label", "123.example.com", "123.example.com", null),
                Arguments.of("internal tld", "svc.cluster.local", "svc.cluster.local", null),
                Arguments.of("null", null, null, "empty name"),
                Arguments.of("empty", "", null, "empty name"),
                Arguments.of("blank", "   ", null, "empty name"),
                Arguments.of("only dot", ".", null, "empty name"),
                Arguments.of("leading dot", ".example.com", null, "empty label"),
                Arguments.of("double dot", "a..example.com", null, "empty label"),
                Arguments.of("two trailing dots", "example.com..", null, "empty label"),
                Arguments.of("single label", "localhost", null, "at least two labels"),
                Arguments.of("label of 64", label64 + ".example.com", null, "longer than 63"),
                Arguments.of("name of 255", long255, null, "longer than 253"),
                Arguments.of("wildcard in middle", "a.*.example.com", null, "only allowed as the leftmost label"),
                Arguments.of("partial wildcard", "a*.example.com", null, "must be a whole label"),
                Arguments.of("wildcard suffix", "*a.example.com", null, "must be a whole label"),
                Arguments.of("space inside", "my app.example.com", null, "not allowed"),
                Arguments.of("slash", "a/b.example.com", null, "not allowed"),
                Arguments.of("at sign", "user@example.com", null, "not allowed"),
                Arguments.of("colon", "host:80.example.com", null, "not allowed"),
                Arguments.of("leading hyphen", "-web.example.com", null, "hyphen"),
                Arguments.of("trailing hyphen", "web-.example.com", null, "hyphen"),
                Arguments.of("IPv4 address", "10.0.0.1", null, "numeric"),
                Arguments.of("numeric tld", "example.123", null, "numeric"),
                Arguments.of("comma list not split", "a.example.com,b.example.com", null, "not allowed"),
                Arguments.of("bad IDN", "a\u0000b.example.com", null, "not"),
                Arguments.of("exclamation", "hello!.example.com", null, "not allowed"),
                Arguments.of("control character shown by code", "a\u0007b.example.com", null, "U+0007"));
    }

    /** UTS #46 / IDNA2008: the normal form is what was written (up to case), else a reason that names the change. */
    static Stream<Arguments> internationalNames() {
        return Stream.of(
                // title, raw, expected normal form (null when refused), reason fragment
                Arguments.of("IDN", "bücher.example.com", "xn--bcher-kva.example.com", null),
                Arguments.of("IDN capitals (a visible case change)", "BÜCHER.Example.COM", "xn--bcher-kva.example.com", null),
                Arguments.of("sharp s is its own letter (IDNA2008)", "straße.example.com", "xn--strae-oqa.example.com", null),
                Arguments.of("final sigma kept", "ς.example.com", "xn--3xa.example.com", null),
                Arguments.of("Cyrillic", "пример.испытание", "xn--e1afmkfd.xn--80akhbyknj4f", null),
                Arguments.of("Japanese", "例え.テスト", "xn--r8jz45g.xn--zckzah", null),
                Arguments.of("Hebrew label (bidi ok)", "שלום.example.com", "xn--9dbne9b.example.com", null),
                Arguments.of("joiner after virama (CONTEXTJ ok)", "क्\u200Dष.example.com", "xn--11b2ezcw70k.example.com", null),
                Arguments.of("wildcard over IDN", "*.bücher.example.com", "*.xn--bcher-kva.example.com", null),
                Arguments.of("underscore over IDN", "_http._tcp.bücher.example.com", "_http._tcp.xn--bcher-kva.example.com", null),
                Arguments.of("punycode upper case", "XN--BCHER-KVA.example.com", "xn--bcher-kva.example.com", null),
                Arguments.of("trailing dot", "bücher.example.com.", "xn--bcher-kva.example.com", null),
                Arguments.of("fullwidth letters", "ＷＷＷ.example.com", null, "fullwidth characters"),
                Arguments.of("fullwidth names the fold", "ＷＷＷ.example.com", null, "mapped to a different name: 'ＷＷＷ.example.com' → 'www.example.com'"),
                Arguments.of("fullwidth small letters", "ｗｗｗ.example.com", null, "fullwidth characters"),
                Arguments.of("zero-width joiner", "www\u200D.example.com", null, "zero-width joiner (U+200D) not allowed here"),
                Arguments.of("zero-width non-joiner", "pay\u200Cpal.example.com", null, "zero-width non-joiner (U+200C) not allowed here"),
                Arguments.of("soft hyphen vanishes", "bü\u00ADcher.example.com", null, "would vanish"),
                Arguments.of("soft hyphen shown by code", "bü\u00ADcher.example.com", null, "\\u00AD"),
                Arguments.of("Kelvin sign", "\u212Aelvin.example.com", null, "KELVIN SIGN"),
                Arguments.of("Angstrom sign", "\u212Bngstrom.example.com", null, "ANGSTROM SIGN"),
                Arguments.of("capital sharp s", "STRAẞE.example.com", null, "would become 'ß'"),
                Arguments.of("dotted capital I", "İstanbul.example.com", null, "mapped to a different name"),
                Arguments.of("ideographic full stop", "www。example。com", null, "would be read as a dot"),
                Arguments.of("fullwidth full stop", "www．example.com", null, "fullwidth characters"),
                Arguments.of("decomposed accent", "bu\u0308cher.example.com", null, "U+0308 COMBINING DIAERESIS"),
                Arguments.of("ligature", "ﬁle.example.com", null, "would become 'fi'"),
                Arguments.of("superscript digit", "a².example.com", null, "would become '2'"),
                Arguments.of("circled letter", "ⓐpple.example.com", null, "would become 'a'"),
                Arguments.of("bidi: left and right mixed", "aא.example.com", null, "bidi rule"),
                Arguments.of("disallowed symbol", "a\u2028b.example.com", null, "not allowed"),
                Arguments.of("invalid punycode", "xn--a-ecp.example.com", null, "punycode"),
                Arguments.of("punycode of a fold", "xn--8i7caa.example.com", null, "punycode"),
                Arguments.of("ASCII hyphens beside an IDN", "ab--cd.bücher.example.com", "ab--cd.xn--bcher-kva.example.com", null),
                Arguments.of("ASCII hyphens beside punycode (the normal form is stable)",
                        "ab--cd.xn--strae-oqa.example.com", "ab--cd.xn--strae-oqa.example.com", null),
                Arguments.of("hyphens 3-4 in a U-label", "bü--cher.example.com", null, "third and fourth positions"),
                Arguments.of("leading combining mark", "\u0301a.example.com", null, "combining mark"),
                Arguments.of("control character inside an IDN", "bü\u0001cher.example.com", null, "U+0001"),
                Arguments.of("middle dot out of context", "a·b.example.com", null, "context"),
                Arguments.of("label too long after punycode", "ü".repeat(60) + ".example.com", null, "longer than 63"),
                Arguments.of("huge name refused early", "ü".repeat(5000) + ".example.com", null, "longer than 253"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("internationalNames")
    void internationalNamesFollowUts46(String title, String raw, String expected, String reason) {
        normalisesOrRejectsWithReason(title, raw, expected, reason);
        if (expected != null) {
            // the planner checks published names again: a normal form must be its own normal form
            assertThat(DnsNames.check(expected).name()).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void normalisesOrRejectsWithReason(String title, String raw, String expected, String reason) {
        NameCheck check = DnsNames.check(raw);
        if (expected != null) {
            assertThat(check.isValid()).as(check.reason()).isTrue();
            assertThat(check.name()).isEqualTo(expected);
        } else {
            assertThat(check.isValid()).isFalse();
            assertThat(check.reason()).contains(reason);
        }
    }

    static Stream<Arguments> targets() {
        return Stream.of(
                Arguments.of("10.0.0.1", Targets.Kind.IPV4, "10.0.0.1"),
                Arguments.of(" 192.168.1.20 ", Targets.Kind.IPV4, "192.168.1.20"),
                Arguments.of("2001:DB8:0:0:0:0:0:1", Targets.Kind.IPV6, "2001:db8::1"),
                Arguments.of("::1", Targets.Kind.IPV6, "::1"),
                Arguments.of("lb-1.us-east-1.elb.amazonaws.com", Targets.Kind.HOSTNAME, "lb-1.us-east-1.elb.amazonaws.com"),
                Arguments.of("LB.Example.com.", Targets.Kind.HOSTNAME, "lb.example.com"),
                Arguments.of("999.1.1.1", Targets.Kind.INVALID, null),
                Arguments.of("10.0.0", Targets.Kind.INVALID, null),
                Arguments.of("2001:db8::zz", Targets.Kind.INVALID, null),
                Arguments.of("*.example.com", Targets.Kind.INVALID, null),
                Arguments.of("", Targets.Kind.INVALID, null),
                Arguments.of("not a host", Targets.Kind.INVALID, null));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("targets")
    void classifiesTargets(String raw, Targets.Kind kind, String value) {
        Targets.Classified c = Targets.classify(raw);
        assertThat(c.kind()).isEqualTo(kind);
        assertThat(c.value()).isEqualTo(value);
        if (kind == Targets.Kind.INVALID) {
            assertThat(c.reason()).isNotBlank();
        }
    }

    @Test
    void domainFilterRefusesAFoldedDomain() {
        Assertions.assertThatThrownBy(() -> DomainFilter.of(List.of("ｅｘａｍｐｌｅ.com"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fullwidth characters");
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of("no filter manages all", new DomainFilter(null, null), "a.example.org", true),
                Arguments.of("apex included", DomainFilter.of(List.of("example.com"), null), "example.com", true),
                Arguments.of("sub included", DomainFilter.of(List.of("example.com"), null), "a.b.example.com", true),
                Arguments.of("label boundary", DomainFilter.of(List.of("example.com"), null), "badexample.com", false),
                Arguments.of("other domain", DomainFilter.of(List.of("example.com"), null), "example.org", false),
                Arguments.of("excluded", DomainFilter.of(List.of("example.com"), List.of("int.example.com")), "a.int.example.com", false),
                Arguments.of("beside excluded", DomainFilter.of(List.of("example.com"), List.of("int.example.com")), "a.example.com", true),
                Arguments.of("filter with dots", DomainFilter.of(List.of(".Example.COM."), null), "www.example.com", true),
                Arguments.of("IDN filter as punycode", DomainFilter.of(List.of("Bücher.example."), null), "www.xn--bcher-kva.example", true),
                Arguments.of("IDN name under IDN filter", DomainFilter.of(List.of("bücher.example"), null), DnsNames.normalize("shop.bücher.example"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void domainFilter(String title, DomainFilter filter, String name, boolean matches) {
        assertThat(filter.matches(name)).isEqualTo(matches);
        assertThat(filter.rejection(name) == null).isEqualTo(matches);
    }
}
