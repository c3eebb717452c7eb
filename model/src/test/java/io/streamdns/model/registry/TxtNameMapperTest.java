package io.streamdns.model.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** external-dns's TXT names, both ways, including the fixed cases (dotted suffix, upper-case wildcard replacement). */
class TxtNameMapperTest {

    static Stream<Arguments> names() {
        return Stream.of(
                // title, prefix, suffix, wildcard, record name, type, current-format TXT name, legacy TXT name
                Arguments.of("plain", "", "", "", "www.ex.com", "A", "a-www.ex.com", "www.ex.com"),
                Arguments.of("cname", "", "", "", "www.ex.com", "CNAME", "cname-www.ex.com", "www.ex.com"),
                Arguments.of("aaaa", "", "", "", "www.ex.com", "AAAA", "aaaa-www.ex.com", "www.ex.com"),
                Arguments.of("apex", "", "", "", "ex.com", "A", "a-ex.com", "ex.com"),
                Arguments.of("prefix with dot", "txt.", "", "", "www.ex.com", "A", "txt.a-www.ex.com", "txt.www.ex.com"),
                Arguments.of("prefix no dot", "p-", "", "", "www.ex.com", "A", "p-a-www.ex.com", "p-www.ex.com"),
                Arguments.of("suffix", "", "-s", "", "www.ex.com", "A", "a-www-s.ex.com", "www-s.ex.com"),
                Arguments.of("suffix with dot (fixed)", "", ".txt", "", "www.ex.com", "A", "a-www.txt.ex.com", "www.txt.ex.com"),
                Arguments.of("template prefix", "%{record_type}-p.", "", "", "www.ex.com", "CNAME", "cname-p.www.ex.com", "-p.www.ex.com"),
                Arguments.of("template suffix", "", "-%{record_type}", "", "www.ex.com", "AAAA", "www-aaaa.ex.com", "www-.ex.com"),
                Arguments.of("template suffix with dot (fixed)", "", "-%{record_type}.o", "", "www.ex.com", "A", "www-a.o.ex.com", "www-.o.ex.com"),
                Arguments.of("wildcard", "", "", "wc", "*.ex.com", "A", "a-wc.ex.com", "wc.ex.com"),
                Arguments.of("wildcard upper-case replacement (fixed)", "", "", "WC", "*.ex.com", "A", "a-wc.ex.com", "wc.ex.com"),
                Arguments.of("wildcard with prefix", "txt.", "", "any", "*.ex.com", "A", "txt.a-any.ex.com", "txt.any.ex.com"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void mapsBothWays(String title, String prefix, String suffix, String wildcard, String name, String type,
                      String txtName, String legacyName) {
        TxtNameMapper mapper = new TxtNameMapper(prefix, suffix, wildcard);
        assertThat(mapper.txtName(name, type)).isEqualTo(txtName);
        assertThat(mapper.ownedBy(txtName)).contains(new TxtNameMapper.Owned(name, type));
        assertThat(mapper.legacyTxtName(name)).isEqualTo(legacyName);
        assertThat(mapper.legacyOwnedName(legacyName)).contains(name);
    }

    static Stream<Arguments> notOurs() {
        return Stream.of(
                Arguments.of("no type marker", "", "", "www.ex.com"),
                Arguments.of("unknown type", "", "", "zz-www.ex.com"),
                Arguments.of("marker only", "", "", "a-.ex.com"),
                Arguments.of("prefix missing", "txt.", "", "a-www.ex.com"),
                Arguments.of("suffix missing", "", ".txt", "a-www.ex.com"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notOurs")
    void rejectsNamesOfOtherShapes(String title, String prefix, String suffix, String txtName) {
        assertThat(new TxtNameMapper(prefix, suffix, "").ownedBy(txtName)).isEqualTo(Optional.empty());
    }
}
