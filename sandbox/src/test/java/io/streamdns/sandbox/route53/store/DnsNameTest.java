package io.streamdns.sandbox.route53.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DnsNameTest {

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("relative name gets its trailing dot", "www.example.com", "www.example.com.", null),
                Arguments.of("absolute name kept", "www.example.com.", "www.example.com.", null),
                Arguments.of("upper case folded", "WWW.Example.COM", "www.example.com.", null),
                Arguments.of("wildcard written as octal escape", "*.example.com", "\\052.example.com.", null),
                Arguments.of("escaped wildcard read", "\\052.example.com.", "\\052.example.com.", null),
                Arguments.of("underscore and hyphen kept", "_acme-challenge.a-b.example.com", "_acme-challenge.a-b.example.com.", null),
                Arguments.of("other printable characters escaped", "a!b.example.com", "a\\041b.example.com.", null),
                Arguments.of("escaped upper case folded", "\\101.example.com", "a.example.com.", null),
                Arguments.of("empty label", "a..example.com", null, "DomainLabelEmpty (Domain label is empty)"),
                Arguments.of("leading dot", ".example.com", null, "DomainLabelEmpty (Domain label is empty)"),
                Arguments.of("empty name", "", null, "DomainLabelEmpty (Domain label is empty)"),
                Arguments.of("label of 64 characters", "a".repeat(64) + ".example.com", null,
                        "DomainLabelTooLong (Domain label is too long)"),
                Arguments.of("label of 63 characters", "a".repeat(63) + ".com", "a".repeat(63) + ".com.", null),
                Arguments.of("name over 255 octets", (("a".repeat(60) + ".").repeat(5)), null,
                        "DomainNameTooLong (Domain name is too long)"),
                Arguments.of("space not allowed", "a b.example.com", null,
                        "InvalidCharacter (Value contains a character that is not permitted)"),
                Arguments.of("non-ASCII not allowed", "ä.example.com", null,
                        "InvalidCharacter (Value contains a character that is not permitted)"),
                Arguments.of("bad escape", "\\9.example.com", null,
                        "InvalidEscape (Escape sequence is not a three-digit octal code)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void parses(String title, String raw, String canonical, String problem) {
        DnsName.Parsed parsed = DnsName.parse(raw);
        assertThat(parsed.name()).isEqualTo(canonical);
        assertThat(parsed.problem()).isEqualTo(problem);
    }

    static Stream<Arguments> orders() {
        return Stream.of(
                Arguments.of("labels compared right to left",
                        List.of("b.example.com.", "a.example.com.", "example.com.", "a.b.example.com."),
                        List.of("example.com.", "a.example.com.", "b.example.com.", "a.b.example.com.")),
                Arguments.of("hyphen sorts before the dot (ASCII 45 < 46)",
                        List.of("a.example.com.", "a-b.example.com.", "ab.example.com."),
                        List.of("a-b.example.com.", "a.example.com.", "ab.example.com.")),
                Arguments.of("wildcard sorts before letters",
                        List.of("z.example.com.", "\\052.example.com.", "a.example.com."),
                        List.of("\\052.example.com.", "a.example.com.", "z.example.com.")),
                Arguments.of("parent before children",
                        List.of("x.a.example.com.", "a.example.com.", "b.example.com."),
                        List.of("a.example.com.", "x.a.example.com.", "b.example.com.")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orders")
    void sortsAsRoute53(String title, List<String> names, List<String> expected) {
        List<String> sorted = new ArrayList<>(names);
        sorted.sort((x, y) -> RecordKey.of(x, "A", null).compareTo(RecordKey.of(y, "A", null)));
        assertThat(sorted).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withins")
    void within(String title, String name, String zone, boolean expected) {
        assertThat(DnsName.within(name, zone)).isEqualTo(expected);
    }

    static Stream<Arguments> withins() {
        return Stream.of(
                Arguments.of("apex", "example.com.", "example.com.", true),
                Arguments.of("child", "a.b.example.com.", "example.com.", true),
                Arguments.of("suffix without a dot is outside", "badexample.com.", "example.com.", false),
                Arguments.of("other zone", "example.org.", "example.com.", false));
    }
}
