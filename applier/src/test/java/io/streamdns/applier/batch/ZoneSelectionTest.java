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
                Arguments.of("a filtered sub-domain's parent zone is not managed without --aws-zone-match-parent",
                        new ZoneSelection("public", Set.of(), DomainFilter.of(List.of("app.example.com"), List.of())),
                        List.of()),
                Arguments.of("--aws-zone-match-parent: a filtered sub-domain's parent zone is managed",
                        new ZoneSelection("public", Set.of(), DomainFilter.of(List.of("app.example.com"), List.of()),
                                List.of(), true), List.of("Z1")),
                Arguments.of("--aws-zone-match-parent: every zone holding the filtered domain, private ones too",
                        new ZoneSelection("", Set.of(), DomainFilter.of(List.of("a.sub.example.com"), List.of()),
                                List.of(), true), List.of("Z1", "Z2", "Z3")),
                Arguments.of("a zone equal to the filter: managed, its parents not",
                        new ZoneSelection("", Set.of(), DomainFilter.of(List.of("sub.example.com"), List.of())),
                        List.of("Z3")),
                Arguments.of("--aws-zone-match-parent: a zone equal to the filter and its parents",
                        new ZoneSelection("", Set.of(), DomainFilter.of(List.of("sub.example.com"), List.of()),
                                List.of(), true), List.of("Z1", "Z2", "Z3")),
                Arguments.of("--aws-zone-match-parent: an excluded parent zone stays unmanaged",
                        new ZoneSelection("", Set.of(), DomainFilter.of(List.of("a.sub.example.com"), List.of("example.com")),
                                List.of(), true), List.of()),
                Arguments.of("--aws-zone-match-parent: a zone that does not hold the filtered domain stays unmanaged",
                        new ZoneSelection("", Set.of(), DomainFilter.of(List.of("app.example.net"), List.of()),
                                List.of(), true), List.of()),
                Arguments.of("--aws-zone-match-parent with --aws-zone-type=private", new ZoneSelection("private", Set.of(),
                        DomainFilter.of(List.of("app.example.com"), List.of()), List.of(), true), List.of("Z2")),
                Arguments.of("excluded domain drops its zones", new ZoneSelection("public", Set.of(),
                        DomainFilter.of(List.of("example.com"), List.of("sub.example.com"))), List.of("Z1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selections")
    void selectsZones(String title, ZoneSelection selection, List<String> ids) {
        assertThat(selection.select(ALL)).extracting(Zone::id).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void theRejectionNamesTheFlagThatWouldManageAParentZone() {
        ZoneSelection s = new ZoneSelection("", Set.of(), DomainFilter.of(List.of("app.example.com"), List.of()));
        assertThat(s.rejection(PUB)).contains("outside the domain filter").contains("--aws-zone-match-parent");
        assertThat(s.rejection(ORG)).contains("outside the domain filter").doesNotContain("--aws-zone-match-parent");
    }

    @Test
    void suitableZonesAreEveryPrivateZoneHoldingTheNameAndTheBestPublicOne() {
        ZoneIndex index = new ZoneIndex(ALL);
        assertThat(index.zonesFor("www.example.com")).extracting(Zone::id).containsExactly("Z1", "Z2");
        // the private parent zone gets it too; the public parent does not (sub.example.com is the better public zone)
        assertThat(index.zonesFor("a.sub.example.com")).extracting(Zone::id).containsExactly("Z2", "Z3");
        assertThat(new ZoneIndex(List.of(PUB, SUB)).zonesFor("a.sub.example.com")).extracting(Zone::id)
                .containsExactly("Z3");
        // two public zones of one name: one of them, the same one every time
        Zone twin = new Zone("Z0", "example.com", false);
        assertThat(new ZoneIndex(List.of(PUB, twin)).zonesFor("www.example.com")).extracting(Zone::id)
                .containsExactly("Z0");
        assertThat(index.zonesFor("*.sub.example.com")).extracting(Zone::id).containsExactly("Z2", "Z3");
        assertThat(index.zonesFor("example.net")).isEmpty();
    }
}
