package io.streamdns.applier.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.dns.DomainFilter;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ZoneSelectionTest {
    static final Zone PUB = new Zone("Z1", "example.com", false);
    static final Zone PRIV = new Zone("Z2", "example.com", true);
    static final Zone SUB = new Zone("Z3", "sub.example.com", false);
    static final Zone ORG = new Zone("Z4", "example.org", false);
    static final List<Zone> ALL = List.of(PUB, PRIV, SUB, ORG);

    static Stream<Arguments> selections() {
        return Stream.of(
                Arguments.of("no filter", new ZoneSelection("", Set.of(), DomainFilter.ALL), List.of("Z1", "Z2", "Z3", "Z4")),
                Arguments.of("public only", new ZoneSelection("public", Set.of(), DomainFilter.ALL), List.of("Z1", "Z3", "Z4")),
                Arguments.of("private only", new ZoneSelection("private", Set.of(), DomainFilter.ALL), List.of("Z2")),
                Arguments.of("zone id filter, any spelling", new ZoneSelection("", Set.of("/hostedzone/Z3", "Z4"), DomainFilter.ALL),
                        List.of("Z3", "Z4")),
                Arguments.of("domain filter keeps zones under it", new ZoneSelection("", Set.of(),
                        DomainFilter.of(List.of("example.org"), List.of())), List.of("Z4")),
                Arguments.of("domain filter keeps the parent zone of a filtered sub-domain", new ZoneSelection("public", Set.of(),
                        DomainFilter.of(List.of("app.example.com"), List.of())), List.of("Z1")),
                Arguments.of("excluded domain drops its zones", new ZoneSelection("public", Set.of(),
                        DomainFilter.of(List.of("example.com"), List.of("sub.example.com"))), List.of("Z1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selections")
    void selectsZones(String title, ZoneSelection selection, List<String> ids) {
        assertThat(selection.select(ALL)).extracting(Zone::id).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void splitHorizonZonesBothGetTheName() {
        ZoneIndex index = new ZoneIndex(ALL);
        assertThat(index.zonesFor("www.example.com")).extracting(Zone::id).containsExactly("Z1", "Z2");
        assertThat(index.zonesFor("a.sub.example.com")).extracting(Zone::id).containsExactly("Z3");
        assertThat(index.zonesFor("*.sub.example.com")).extracting(Zone::id).containsExactly("Z3");
        assertThat(index.zonesFor("example.net")).isEmpty();
    }
}
