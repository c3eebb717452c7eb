package io.streamdns.watcher.core;

import static io.streamdns.watcher.core.Fixtures.eps;
import static io.streamdns.watcher.core.Fixtures.opts;
import static io.streamdns.watcher.core.Fixtures.row;

import io.streamdns.watcher.core.Fixtures.Ing;
import io.streamdns.watcher.core.Fixtures.Svc;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Rows of the mapping table for bad input: look-alike names (UTS #46, DESIGN rule W7), huge lists and values
 * (mapped in linear time; the bound on what an object may publish is the publisher's, rule W8), and the mapping's
 * own work ceiling.
 */
final class BadInputRows {
    private BadInputRows() {
    }

    private static String hosts(int n, String pattern) {
        return IntStream.range(0, n).mapToObj(i -> pattern.formatted(i)).collect(Collectors.joining(","));
    }

    private static List<String> eachA(int n, String pattern, String target) {
        return IntStream.range(0, n).mapToObj(i -> pattern.formatted(i) + " A " + target).toList();
    }

    static Stream<Arguments> rows() {
        String longName = "a".repeat(100_000) + ".example.com";
        String[] rules = IntStream.range(0, 10_000).mapToObj(i -> "r" + (i % 5_000) + ".example.com")
                .toArray(String[]::new);
        String targets201 = IntStream.range(0, 201).mapToObj(i -> "10.0." + (i / 200) + "." + (i % 200 + 1))
                .collect(Collectors.joining(","));
        return Stream.of(
                row("UTS46: fullwidth look-alike refused, the plain name kept", Svc.lb("ＷＷＷ.example.com,ok.example.com",
                        "1.2.3.4"), opts(), eps("ok.example.com A 1.2.3.4"), "invalid-name ＷＷＷ.example.com"),
                row("UTS46: sharp s is its own name, not strasse", Svc.lb("straße.example.com", "1.2.3.4"), opts(),
                        eps("xn--strae-oqa.example.com A 1.2.3.4")),
                row("UTS46: zero-width joiner refused", Svc.lb("www\u200D.example.com", "1.2.3.4"), opts(), eps(),
                        "invalid-name www\u200D.example.com"),
                row("UTS46: Kelvin sign refused", Svc.lb("\u212Aube.example.com", "1.2.3.4"), opts(), eps(),
                        "invalid-name \u212Aube.example.com"),
                row("UTS46: fullwidth target refused", Svc.lb("www.example.com", "1.2.3.4")
                        .ann("target", "ｌｂ.example.net"), opts(), eps(), "invalid-target www.example.com"),
                row("UTS46: valid IDN published as punycode", Svc.lb("bücher.example.com", "1.2.3.4"), opts(),
                        eps("xn--bcher-kva.example.com A 1.2.3.4")),
                row("bound: 1,000 names, as many as --max-endpoints-per-object allows, are published",
                        Svc.lb(hosts(1_000, "h%d.example.com"), "192.0.2.1"), opts(),
                        eachA(1_000, "h%d.example.com", "192.0.2.1")),
                row("bound: 1,001 names → the object refused whole", Svc.lb(hosts(1_001, "h%d.example.com"),
                        "192.0.2.1"), opts(), eps(), "too-many-endpoints service/default/web"),
                row("bound: 20,000 names → refused whole, without mapping them all",
                        Svc.lb(hosts(20_000, "h%d.example.com"), "192.0.2.1"), opts(), eps(),
                        "too-many-endpoints service/default/web"),
                row("bound: 20,000 names under a bound of 20,000 map, each once", Svc.lb(hosts(20_000,
                        "h%d.example.com"), "192.0.2.1"), opts().withMaxEndpoints(20_000),
                        eachA(20_000, "h%d.example.com", "192.0.2.1")),
                row("bound: counts endpoints, not names (alias: an A and an AAAA each)", Svc.lb(hosts(600,
                        "h%d.example.com"), "lb.elb.amazonaws.com").ann("alias", "true"), opts(), eps(),
                        "too-many-endpoints service/default/web"),
                row("huge: 20,000 names, half of them repeated with trailing dots", Svc.lb(hosts(10_000,
                        "h%d.example.com") + "," + hosts(10_000, "h%d.example.com..."), "192.0.2.1"),
                        opts().withMaxEndpoints(10_000), eachA(10_000, "h%d.example.com", "192.0.2.1")),
                row("huge: a name of 100,000 characters refused, abbreviated in the rejection", Svc.lb(longName,
                        "1.2.3.4"), opts(), eps(), "invalid-name " + MappingRejection.abbreviate(longName, MappingRejection.MAX_NAME)),
                row("huge: a run of 50,000 trailing dots", Svc.lb("a.example.com" + ".".repeat(50_000), "1.2.3.4"),
                        opts(), eps("a.example.com A 1.2.3.4")),
                row("huge: 1,000 names × 201 targets is over the work ceiling → the object refused whole",
                        Svc.lb(hosts(1_000, "n%d.example.com"), "1.2.3.4").ann("target", targets201), opts(), eps(),
                        "too-many-endpoints service/default/web"),
                row("huge: Ingress with 10,000 rules, 5,000 distinct hosts", Ing.of("shop").rules(rules)
                        .status("192.0.2.2"), opts().withMaxEndpoints(5_000),
                        eachA(5_000, "r%d.example.com", "192.0.2.2")),
                row("bound: Ingress with 5,000 hosts → refused whole", Ing.of("shop").rules(rules)
                        .status("192.0.2.2"), opts(), eps(), "too-many-endpoints ingress/shop/shop"),
                row("huge: Ingress host of fullwidth letters refused", Ing.of("shop").rules("ｓｈｏｐ.example.com")
                        .status("192.0.2.2"), opts(), eps(), "invalid-name ｓｈｏｐ.example.com"));
    }
}
