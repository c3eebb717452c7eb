package io.streamdns.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdns.model.codec.JsonCodec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CompactMapTest {

    @Provide
    Arbitrary<Map<String, String>> maps() {
        return Arbitraries.maps(Arbitraries.strings().ofMaxLength(6), Arbitraries.strings().ofMaxLength(6).injectNull(0.1))
                .ofMaxSize(7);
    }

    /** Behaves as the frozen TreeMap it replaces: same entries in the same order, equal both ways, same hash. */
    @Property(tries = 500)
    void actsAsASortedMap(@ForAll("maps") Map<String, String> source, @ForAll String probe) {
        Map<String, String> tree = new TreeMap<>(source);
        Map<String, String> compact = CompactMap.of(source);
        assertThat(compact).isEqualTo(tree);
        assertThat(tree).isEqualTo(compact);
        assertThat(compact.hashCode()).isEqualTo(tree.hashCode());
        assertThat(List.copyOf(compact.entrySet())).isEqualTo(List.copyOf(tree.entrySet()));
        assertThat(List.copyOf(compact.keySet())).isEqualTo(List.copyOf(tree.keySet()));
        assertThat(compact.size()).isEqualTo(tree.size());
        for (String k : tree.keySet()) {
            assertThat(compact.containsKey(k)).isTrue();
            assertThat(compact.get(k)).isEqualTo(tree.get(k));
        }
        assertThat(compact.get(probe)).isEqualTo(tree.get(probe));
        assertThat(compact.containsKey(probe)).isEqualTo(tree.containsKey(probe));
        assertThat(CompactMap.of(compact)).isSameAs(compact);
        assertThat(CompactMap.of(new HashMap<>(tree))).isEqualTo(compact);
    }

    @Test
    void immutableAndNoNullKeys() {
        Map<String, String> m = CompactMap.of(Map.of("b", "2", "a", "1"));
        assertThat(m.toString()).isEqualTo("{a=1, b=2}");
        assertThat(m.get(7)).isNull();
        assertThatThrownBy(() -> m.put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.entrySet().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
        Map<String, String> withNullKey = new HashMap<>();
        withNullKey.put(null, "x");
        assertThatThrownBy(() -> CompactMap.of(withNullKey)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void recordLabelsAreCompactAndSerialiseInKeyOrder() {
        Endpoint e = new Endpoint("a.example.com", "A", List.of("10.0.0.1"), 0, null, Map.of("z", "1", "alias", "true"),
                new HashMap<>(Map.of("resource", "service/ns/a", "cluster", "c1", "owner", "o")));
        assertThat(e.labels()).isInstanceOf(CompactMap.class);
        assertThat(e.withLabels(e.labels()).labels()).isSameAs(e.labels());
        assertThat(JsonCodec.encodeToString(e)).contains("\"providerSpecific\":{\"alias\":\"true\",\"z\":\"1\"}")
                .contains("\"labels\":{\"cluster\":\"c1\",\"owner\":\"o\",\"resource\":\"service/ns/a\"}");
    }
}
