package io.streamdns.model.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TxtRegistryFormatTest {

    @Test
    void valueIsExternalDnsFormatSortedAndQuoted() {
        String value = TxtRecordFormat.value(Map.of("resource", "service/default/web", "owner", "prod", "cluster", "c1"));
        assertThat(value).isEqualTo(
                "\"heritage=external-dns,external-dns/cluster=c1,external-dns/owner=prod,external-dns/resource=service/default/web\"");
        assertThat(TxtRecordFormat.parse(value)).contains(
                Map.of("cluster", "c1", "owner", "prod", "resource", "service/default/web"));
    }

    @Test
    void parsesExternalDnsValuesAndRejectsForeignOnes() {
        assertThat(TxtRecordFormat.parse("\"heritage=external-dns,external-dns/owner=default,external-dns/resource=ingress/ns/x\""))
                .contains(Map.of("owner", "default", "resource", "ingress/ns/x"));
        assertThat(TxtRecordFormat.parse("heritage=external-dns,external-dns/owner=o")).contains(Map.of("owner", "o"));
        assertThat(TxtRecordFormat.parse("\"v=spf1 include:_spf.google.com ~all\"")).isEmpty();
        assertThat(TxtRecordFormat.parse("\"external-dns/owner=o\"")).isEmpty();
        assertThat(TxtRecordFormat.parse(null)).isEmpty();
    }

    static Stream<Arguments> names() {
        return Stream.of(
                // prefix, suffix, wildcard replacement, name, type, expected TXT name
                Arguments.of("", "", "", "www.example.com", "A", "a-www.example.com"),
                Arguments.of("", "", "", "www.example.com", "CNAME", "cname-www.example.com"),
                Arguments.of("", "", "", "example.com", "AAAA", "aaaa-example.com"),
                Arguments.of("p.", "", "", "www.example.com", "A", "p.a-www.example.com"),
                Arguments.of("txt-", "", "", "www.example.com", "A", "txt-a-www.example.com"),
                Arguments.of("", "-own", "", "www.example.com", "A", "a-www-own.example.com"),
                Arguments.of("%{record_type}.", "", "", "www.example.com", "A", "a.www.example.com"),
                Arguments.of("", ".%{record_type}", "", "www.example.com", "CNAME", "www.cname.example.com"),
                Arguments.of("", "", "any", "*.example.com", "A", "a-any.example.com"),
                Arguments.of("", "", "", "*.example.com", "A", "a-*.example.com"));
    }

    @ParameterizedTest(name = "{3} {4} prefix={0} suffix={1}")
    @MethodSource("names")
    void mapsNamesBothWays(String prefix, String suffix, String wildcard, String name, String type, String txt) {
        TxtNameMapper mapper = new TxtNameMapper(prefix, suffix, wildcard);
        assertThat(mapper.txtName(name, type)).isEqualTo(txt);
        assertThat(mapper.ownedBy(txt)).contains(new TxtNameMapper.Owned(name, type));
    }

    @Test
    void legacyNamesAndForeignNames() {
        TxtNameMapper mapper = TxtNameMapper.defaults();
        assertThat(mapper.legacyTxtName("www.example.com")).isEqualTo("www.example.com");
        assertThat(new TxtNameMapper("p.", "", "").legacyTxtName("www.example.com")).isEqualTo("p.www.example.com");
        assertThat(mapper.ownedBy("www.example.com")).isEqualTo(Optional.empty());
        assertThat(new TxtNameMapper("p.", "", "").ownedBy("a-www.example.com")).isEmpty();
    }
}
