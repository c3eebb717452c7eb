package io.streamdns.model.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdns.model.Endpoint;
import io.streamdns.model.codec.JsonCodec;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** An ownership value is held as its labels only when they rebuild it exactly; what is read is byte-identical. */
class OwnershipValueTest {
    private static final String OURS =
            "\"heritage=external-dns,external-dns/cluster=c1,external-dns/owner=o,external-dns/resource=service/ns/web\"";

    static Stream<Arguments> values() {
        String longValue = TxtRecordFormat.value(Map.of("owner", "o", "resource", "service/ns/" + "n".repeat(300)));
        return Stream.of(
                // value, held compact
                Arguments.of(OURS, true),
                Arguments.of("\"heritage=external-dns,external-dns/owner=o,external-dns/resource=service/ns/web\"", true),
                Arguments.of("\"heritage=external-dns,external-dns/owner=o\"", true), // legacy: no resource
                Arguments.of(longValue, true), // split at 255 as we write it
                Arguments.of(longValue.replace("\" \"", "\"  \""), false), // split, other whitespace
                Arguments.of(longValue.replace("\" \"", "").replace("\"", ""), false), // unquoted and unsplit
                // label order of another writer
                Arguments.of("\"heritage=external-dns,external-dns/owner=o,external-dns/cluster=c1,external-dns/resource=service/ns/web\"", false),
                Arguments.of("\"external-dns/owner=o,heritage=external-dns,external-dns/resource=service/ns/web\"", false),
                // quoting and spacing
                Arguments.of("heritage=external-dns,external-dns/owner=o,external-dns/resource=service/ns/web", false),
                Arguments.of(" \"heritage=external-dns,external-dns/owner=o,external-dns/resource=service/ns/web\"", false),
                Arguments.of("\"heritage=external-dns, external-dns/owner=o,external-dns/resource=service/ns/web\"", false),
                Arguments.of("\"heritage=external-dns,external-dns/owner=o,external-dns/resource=service/ns/w\\\"eb\"", false),
                // tokens parsing drops or changes
                Arguments.of("\"heritage=external-dns,external-dns/owner=o,foo=bar\"", false),
                Arguments.of("\"heritage=external-dns,external-dns/owner=o,external-dns/cluster=\"", false),
                Arguments.of("\"heritage=external-dns,heritage=external-dns,external-dns/owner=o\"", false),
                Arguments.of("\"heritage=external-dns,external-dns/owner=a,external-dns/owner=o\"", false),
                Arguments.of("\"heritage=external-dns,external-dns/owner=o,\"", false),
                // a label parsing keeps, written where we write it: rebuilt exactly
                Arguments.of("\"heritage=external-dns,external-dns/owner=o,external-dns/zzz=1\"", true));
    }

    @ParameterizedTest
    @MethodSource("values")
    void heldCompactOnlyWhenRebuiltExactly(String value, boolean compact) {
        List<String> values = List.of(value);
        Map<String, String> labels = TxtRecordFormat.parse(value).orElseThrow();

        List<String> held = OwnershipValue.compact(values, labels);

        assertThat(held instanceof OwnershipValue).as("held compact").isEqualTo(compact);
        if (!compact) {
            assertThat(held).isSameAs(values);
        }
        assertThat(held).containsExactly(value);
        assertThat(held.get(0)).isEqualTo(value); // byte for byte: String.equals
        assertThat(held).isEqualTo(values).hasSameHashCodeAs(values);
        Endpoint e = new Endpoint("a-web.ex.com", "TXT", held, 300, null, Map.of(), Map.of());
        assertThat(e.targets()).as("an endpoint keeps it as it is").isSameAs(held);
        Endpoint plain = new Endpoint("a-web.ex.com", "TXT", values, 300, null, Map.of(), Map.of());
        assertThat(e).isEqualTo(plain);
        assertThat(JsonCodec.encode(e)).as("as a plan carries it").isEqualTo(JsonCodec.encode(plain));
    }

    @Test
    void notOwnershipOrSeveralValuesStayAsTheyAre() {
        List<String> foreign = List.of("\"v=spf1 -all\"");
        assertThat(OwnershipValue.compact(foreign, null)).isSameAs(foreign);
        List<String> two = List.of(OURS, "\"other\"");
        assertThat(OwnershipValue.compact(two, TxtRecordFormat.parse(OURS).orElseThrow())).isSameAs(two);
        assertThat(OwnershipValue.compact(List.of(), Map.of("owner", "o"))).isEmpty();
    }

    @Test
    void isAnImmutableListOfOne() {
        List<String> held = OwnershipValue.compact(List.of(OURS), TxtRecordFormat.parse(OURS).orElseThrow());
        assertThat(held).hasSize(1);
        assertThatThrownBy(() -> held.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> held.add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(((OwnershipValue) held).labels()).isEqualTo(TxtRecordFormat.parse(OURS).orElseThrow());
        assertThat(List.copyOf(held)).containsExactly(OURS);
    }
}
