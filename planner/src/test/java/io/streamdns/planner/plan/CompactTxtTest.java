package io.streamdns.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.Endpoint;
import io.streamdns.model.SourceState;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.registry.OwnershipValue;
import io.streamdns.model.registry.TxtNameMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The index holds an ownership TXT of ours without its value string only when its labels rebuild the value
 * exactly; whatever it holds, a plan's DELETE or update of the TXT carries the value zone state holds, byte for byte.
 */
class CompactTxtTest {
    private static final String Z = "Z1";
    private static final String OWNER = PlanSettings.DEFAULT_OWNER;
    private static final String RESOURCE = "external-dns/resource=service/default/web";

    static Stream<Arguments> values() {
        return Stream.of(
                // value as zone state holds it, held compact
                Arguments.of("\"heritage=external-dns,external-dns/cluster=c1,external-dns/owner=" + OWNER + "," + RESOURCE + "\"", true),
                Arguments.of("\"heritage=external-dns,external-dns/owner=" + OWNER + "," + RESOURCE + "\"", true),
                Arguments.of("\"heritage=external-dns,external-dns/owner=" + OWNER + ",external-dns/cluster=c1," + RESOURCE + "\"", false),
                Arguments.of("heritage=external-dns,external-dns/cluster=c1,external-dns/owner=" + OWNER + "," + RESOURCE, false),
                Arguments.of("\"heritage=external-dns,external-dns/cluster=c1,external-dns/owner=" + OWNER + "," + RESOURCE + ",x=1\"", false),
                Arguments.of("\"heritage=external-dns, external-dns/owner=" + OWNER + "," + RESOURCE + "\"", false));
    }

    private static String json(Object o) throws Exception {
        return JsonCodec.mapper().writeValueAsString(o);
    }

    private static ZoneRecord txt(String value) {
        return new ZoneRecord(Z, "ex.com", "a-www.ex.com", "TXT", 300, List.of(value), null, null, Map.of());
    }

    private static ZoneRecord a() {
        return new ZoneRecord(Z, "ex.com", "www.ex.com", "A", 300, List.of("192.0.2.1"), null, null, Map.of());
    }

    @ParameterizedTest
    @MethodSource("values")
    void heldCompactOnlyWhenItsLabelsRebuildItExactly(String value, boolean compact) {
        CurrentIndex index = new CurrentIndex(TxtNameMapper.defaults(), OWNER);
        index.put(txt(value).identity(), txt(value));

        Endpoint held = index.at("a-www.ex.com").get(0);

        assertThat(held.targets() instanceof OwnershipValue).as("held compact").isEqualTo(compact);
        assertThat(held.targets().get(0)).isEqualTo(value);
        assertThat(index.parsed().labels(held)).containsEntry("owner", OWNER);
        assertThat(index.ownedRecords(OWNER)).isEqualTo(1);
        index.put(txt(value).identity(), null);
        assertThat(index.ownedRecords(OWNER)).isZero();
        assertThat(index.at("a-www.ex.com")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("values")
    void anotherOwnersValueKeepsItsString(String value, boolean compactIfOurs) {
        CurrentIndex index = new CurrentIndex(TxtNameMapper.defaults(), "someone-else");
        index.put(txt(value).identity(), txt(value));
        List<String> held = index.at("a-www.ex.com").get(0).targets();
        assertThat(held).isNotInstanceOf(OwnershipValue.class).containsExactly(value);
    }

    @ParameterizedTest
    @MethodSource("values")
    void aDeleteCarriesTheValueZoneStateHolds(String value, boolean compact) throws Exception {
        ShardPlanner p = new ShardPlanner("ex.com", new Planner(PlanSettings.defaults()));
        p.putRecord(a().identity(), a());
        p.putRecord(txt(value).identity(), txt(value));

        Changes c = p.plan(Set.of("www.ex.com")).changes();

        assertThat(c.delete()).extracting(Endpoint::recordKey).containsExactlyInAnyOrder("www.ex.com/A", "a-www.ex.com/TXT");
        Endpoint delete = c.delete().stream().filter(e -> e.recordType().equals("TXT")).findFirst().orElseThrow();
        assertThat(delete.targets()).containsExactly(value);
        assertThat(delete.targets().get(0)).isEqualTo(value);
        assertThat(JsonCodec.encodeToString(delete)).contains(json(List.of(value)));
    }

    @ParameterizedTest
    @MethodSource("values")
    void anUpdateReplacesTheValueZoneStateHolds(String value, boolean compact) throws Exception {
        ShardPlanner p = new ShardPlanner("ex.com", new Planner(PlanSettings.defaults()));
        p.putRecord(a().identity(), a());
        p.putRecord(txt(value).identity(), txt(value));
        SourceState web = new SourceState("c2", "Service", "default", "web", "uid", "1", 1000L,
                List.of(new Endpoint("www.ex.com", "A", List.of("192.0.2.2"), 300, null, Map.of(), Map.of())));
        p.putSource(web.ref().identity(), web);

        Changes c = p.plan(Set.of("www.ex.com")).changes();

        List<Endpoint> oldTxt = c.updateOld().stream().filter(e -> e.recordType().equals("TXT")).toList();
        assertThat(oldTxt).hasSize(1);
        assertThat(oldTxt.get(0).targets()).containsExactly(value);
        assertThat(JsonCodec.encodeToString(oldTxt.get(0))).contains(json(List.of(value)));
    }
}
