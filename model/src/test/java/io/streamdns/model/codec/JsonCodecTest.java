package io.streamdns.model.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdns.model.AliasTarget;
import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.DeadLetter;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Provenance;
import io.streamdns.model.Rejection;
import io.streamdns.model.SourceState;
import io.streamdns.model.ZoneRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonCodecTest {

    // ---- generated round trips -------------------------------------------------------------------

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12).list().ofMinSize(2).ofMaxSize(4)
                .map(labels -> String.join(".", labels));
    }

    @Provide
    Arbitrary<Endpoint> endpoints() {
        Arbitrary<String> type = Arbitraries.of("A", "AAAA", "CNAME", "TXT", "SRV");
        Arbitrary<List<String>> targets = Arbitraries.strings().ofMinLength(1).ofMaxLength(20).list().ofMaxSize(4);
        Arbitrary<Long> ttl = Arbitraries.longs().between(0, 2_147_483_647L);
        Arbitrary<String> setId = Arbitraries.strings().alpha().ofMaxLength(6).injectNull(0.5);
        Arbitrary<Map<String, String>> props = Arbitraries.maps(Arbitraries.of("alias", "aws/weight", "aws/region"),
                Arbitraries.strings().alpha().ofMaxLength(5)).ofMaxSize(3);
        Arbitrary<Map<String, String>> labels = Arbitraries.maps(Arbitraries.of("owner", "resource", "cluster"),
                Arbitraries.strings().ofMaxLength(10)).ofMaxSize(3);
        return Combinators.combine(names(), type, targets, ttl, setId, props, labels).as(Endpoint::new);
    }

    @Property(tries = 300)
    void endpointRoundTrip(@ForAll("endpoints") Endpoint e) throws Exception {
        assertThat(JsonCodec.decode(JsonCodec.encode(e), Endpoint.class)).isEqualTo(e);
    }

    @Property(tries = 200)
    void sourceStateRoundTrip(@ForAll("endpoints") Endpoint e, @ForAll("names") String name,
                              @ForAll long observedAt) throws Exception {
        SourceState s = new SourceState("c1", "Service", "ns", name, "uid-1", "42", observedAt, List.of(e, e.withTtl(60)));
        assertThat(JsonCodec.decode(JsonCodec.encode(s), SourceState.class)).isEqualTo(s);
    }

    @Property(tries = 200)
    void zoneRecordRoundTrip(@ForAll("names") String name, @ForAll boolean alias, @ForAll boolean evaluate) throws Exception {
        ZoneRecord r = new ZoneRecord("Z1", "example.com", name, "A", alias ? 0 : 300, alias ? List.of() : List.of("10.0.0.1"),
                alias ? "c1" : null, alias ? new AliasTarget("Z35SXDOTRQ7X7K", "lb.elb.amazonaws.com", evaluate) : null,
                alias ? Map.of("aws/weight", "1") : Map.of());
        assertThat(JsonCodec.decode(JsonCodec.encode(r), ZoneRecord.class)).isEqualTo(r);
    }

    @Property(tries = 200)
    void planAndResultRoundTrip(@ForAll("endpoints") Endpoint a, @ForAll("endpoints") Endpoint b) throws Exception {
        ChangePlan plan = new ChangePlan("p1", "example.com", 10, 5, List.of(a), List.of(a), List.of(b), List.of(b),
                List.of(new Provenance(a.dnsName(), "c1", "Service", "ns", "web", "7", 5)));
        assertThat(JsonCodec.decode(JsonCodec.encode(plan), ChangePlan.class)).isEqualTo(plan);
        ApplyResult result = new ApplyResult("p1", "example.com", ApplyResult.Status.PARTIAL, List.of("C1"),
                List.of(new ChangeOutcome(ChangeOutcome.Action.CREATE, a.dnsName(), a.recordType(), a.setIdentifier(),
                        ChangeOutcome.Status.REJECTED, "Z1", "[Tried to create ...]")), 3, 1, 2, 0, -1);
        assertThat(JsonCodec.decode(JsonCodec.encode(result), ApplyResult.class)).isEqualTo(result);
        ApplyResult noted = new ApplyResult("p2", "example.com", ApplyResult.Status.NOTHING_TO_DO, List.of(), List.of(),
                0, 1, 0, 0, -1, "no name inside the domain filter");
        assertThat(JsonCodec.decode(JsonCodec.encode(noted), ApplyResult.class)).isEqualTo(noted);
    }

    @Test
    void rejectionsRoundTrip() throws Exception {
        SourceState s = new SourceState("c1", "Ingress", "ns", "web", "u", "3", 1, List.of(),
                List.of(new Rejection("bad..example.com", null, "empty label")));
        assertThat(JsonCodec.decode(JsonCodec.encode(s), SourceState.class)).isEqualTo(s);
        ChangePlan p = new ChangePlan("p", "example.com", 1, 1, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(new Rejection("www.example.com", "A", "owned by someone else")));
        assertThat(JsonCodec.decode(JsonCodec.encode(p), ChangePlan.class)).isEqualTo(p);
    }

    @Test
    void deadLetterRoundTripAndVersionFirst() throws Exception {
        DeadLetter d = new DeadLetter("planner", "streamdns.sources", 1, 2, "k", "bad", "AAE=", 3);
        String json = JsonCodec.encodeToString(d);
        assertThat(json).startsWith("{\"v\":1,");
        assertThat(JsonCodec.decode(json, DeadLetter.class)).isEqualTo(d);
    }

    // ---- malformed input -------------------------------------------------------------------------

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty bytes", "", "", "empty value"),
                Arguments.of("not JSON", "{nope", "", "not JSON"),
                Arguments.of("JSON array", "[1,2]", "", "not a JSON object"),
                Arguments.of("JSON string", "\"x\"", "", "not a JSON object"),
                Arguments.of("no version", "{\"dnsName\":\"a.b\",\"recordType\":\"A\"}", "v", "missing schema version"),
                Arguments.of("version 2", "{\"v\":2,\"dnsName\":\"a.b\",\"recordType\":\"A\"}", "v", "unsupported schema version"),
                Arguments.of("version as text", "{\"v\":\"1\",\"dnsName\":\"a.b\",\"recordType\":\"A\"}", "v", "unsupported schema version"),
                Arguments.of("missing dnsName", "{\"v\":1,\"recordType\":\"A\"}", "dnsName", "missing"),
                Arguments.of("blank recordType", "{\"v\":1,\"dnsName\":\"a.b\",\"recordType\":\" \"}", "recordType", "missing"),
                Arguments.of("ttl not a number", "{\"v\":1,\"dnsName\":\"a.b\",\"recordType\":\"A\",\"ttl\":\"x\"}", "ttl", ""),
                Arguments.of("negative ttl", "{\"v\":1,\"dnsName\":\"a.b\",\"recordType\":\"A\",\"ttl\":-5}", "", "ttl must not be negative"),
                Arguments.of("targets not a list", "{\"v\":1,\"dnsName\":\"a.b\",\"recordType\":\"A\",\"targets\":{}}", "targets", ""),
                Arguments.of("labels not a map", "{\"v\":1,\"dnsName\":\"a.b\",\"recordType\":\"A\",\"labels\":[1]}", "labels", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedEndpointNamesTheField(String title, String json, String field, String reason) {
        assertThatThrownBy(() -> JsonCodec.decode(json.getBytes(StandardCharsets.UTF_8), Endpoint.class))
                .isInstanceOfSatisfying(CodecException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(reason);
                });
    }

    @Test
    void nestedMissingFieldIsNamedWithItsPath() {
        String json = "{\"v\":1,\"cluster\":\"c1\",\"kind\":\"Service\",\"namespace\":\"ns\",\"name\":\"web\","
                + "\"observedAt\":1,\"endpoints\":[{\"dnsName\":\"a.example.com\",\"recordType\":\"A\"},{\"recordType\":\"A\"}]}";
        assertThatThrownBy(() -> JsonCodec.decode(json, SourceState.class))
                .isInstanceOfSatisfying(CodecException.class, e -> assertThat(e.field()).isEqualTo("endpoints[1].dnsName"));
    }

    @Test
    void unknownEnumAndMismatchedPlanListsAreRejected() {
        String result = "{\"v\":1,\"planId\":\"p\",\"shard\":\"s\",\"status\":\"MAYBE\",\"attempts\":0,\"receivedAt\":0,"
                + "\"acceptedAt\":0,\"earliestEventAt\":0,\"endToEndMillis\":0}";
        assertThatThrownBy(() -> JsonCodec.decode(result, ApplyResult.class))
                .isInstanceOfSatisfying(CodecException.class, e -> assertThat(e.field()).isEqualTo("status"));
        String plan = "{\"v\":1,\"planId\":\"p\",\"shard\":\"s\",\"createdAt\":0,\"earliestEventAt\":0,"
                + "\"updateOld\":[{\"dnsName\":\"a.b\",\"recordType\":\"A\"}],\"updateNew\":[]}";
        assertThatThrownBy(() -> JsonCodec.decode(plan, ChangePlan.class))
                .isInstanceOfSatisfying(CodecException.class, e -> assertThat(e.getMessage()).contains("differ in length"));
    }

    // ---- the streaming paths equal the tree paths ------------------------------------------------

    /** What encode wrote before it spliced the version in: a tree with "v" first. */
    private static byte[] treeEncoded(Object value) throws Exception {
        var node = JsonCodec.mapper().createObjectNode();
        node.put("v", 1);
        node.setAll((com.fasterxml.jackson.databind.node.ObjectNode) JsonCodec.mapper().valueToTree(value));
        return JsonCodec.mapper().writeValueAsBytes(node);
    }

    @Property(tries = 200)
    void encodeWritesTheTreeBytes(@ForAll("endpoints") Endpoint a, @ForAll("endpoints") Endpoint b) throws Exception {
        ChangePlan plan = new ChangePlan("p1", "example.com", 10, 5, List.of(a), List.of(a), List.of(b), List.of(b),
                List.of(new Provenance(a.dnsName(), "c1", "Service", "ns", "web", "7", 5)));
        SourceState s = new SourceState("c1", "Service", "ns", "web", "uid-1", "42", 7, List.of(a, b));
        for (Object value : List.of(a, plan, s)) {
            assertThat(JsonCodec.encode(value)).isEqualTo(treeEncoded(value));
        }
    }

    @Test
    void versionAnywhereIsStillRead() throws Exception {
        Endpoint e = new Endpoint("a.b", "A", List.of("10.0.0.1"), 60, null, Map.of(), Map.of("owner", "o"));
        String late = "{\"dnsName\":\"a.b\",\"recordType\":\"A\",\"v\":1,\"targets\":[\"10.0.0.1\"],\"ttl\":60,"
                + "\"labels\":{\"owner\":\"o\"}}";
        assertThat(JsonCodec.decode(late, Endpoint.class)).isEqualTo(e);
        assertThatThrownBy(() -> JsonCodec.decode("{\"v\":1}", Endpoint.class))
                .isInstanceOfSatisfying(CodecException.class, x -> assertThat(x.field()).isEqualTo("dnsName"));
        assertThatThrownBy(() -> JsonCodec.decode("{\"v\":1,\"dnsName\":\"a.b\"", Endpoint.class))
                .isInstanceOfSatisfying(CodecException.class, x -> assertThat(x.getMessage()).contains("not JSON"));
    }
}
