package io.streamdns.model.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** --regex-domain-filter / --regex-domain-exclusion, as external-dns's DomainFilter with a regex. */
class DomainFilterRegexTest {
    static DomainFilter re(String include, String exclude) {
        return DomainFilter.of(List.of("other.org"), List.of("example.org"), DomainFilter.Regex.of(include, exclude));
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("the regex overrides --domain-filter", re("(example\\.org|company\\.com)$", ""),
                        "a.example.org", true),
                Arguments.of("a name the regex does not match", re("(example\\.org|company\\.com)$", ""),
                        "a.other.org", false),
                Arguments.of("unanchored, as Go's MatchString", re("company", ""), "www.company.com.au", true),
                Arguments.of("the trailing dot is dropped first", re("company\\.com$", ""), "a.company.com.", true),
                Arguments.of("exclusion wins", re("example\\.org$", "^internal\\."), "internal.example.org", false),
                Arguments.of("exclusion alone: the rest is in, --domain-filter still ignored", re("", "^internal\\."),
                        "a.elsewhere.net", true),
                Arguments.of("exclusion alone excludes", re("", "^internal\\."), "internal.elsewhere.net", false),
                Arguments.of("matched in Unicode, as external-dns", re("^bücher\\.", ""), "xn--bcher-kva.example",
                        true),
                Arguments.of("no regex: the lists", DomainFilter.of(List.of("other.org"), List.of(),
                        DomainFilter.Regex.NONE), "a.other.org", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void matches(String title, DomainFilter f, String name, boolean managed) {
        assertThat(f.matches(name)).isEqualTo(managed);
        if (!managed) {
            assertThat(f.rejection(name)).contains("regex-domain");
        }
    }

    @Test
    void regexFilterShardsByRegistrableDomainAndComparesBySource() {
        assertThat(re("example\\.org$", "").longestInclude("a.example.org")).isEmpty();
        assertThat(re("a", "b")).isEqualTo(re("a", "b"));
        assertThat(re("a", "b")).isNotEqualTo(re("a", ""));
    }

    @Test
    void aBadRegexSaysWhy() {
        assertThatThrownBy(() -> DomainFilter.Regex.of("(example\\.org", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'(example\\.org' is not a regular "
                        + "expression");
    }
}
