package io.streamdns.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.SourceState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Sources found by key identity without the identity string held: a state spells its own identity, others are kept. */
class SourceTableTest {

    private static SourceState state(String cluster, String kind, String ns, String name) {
        return new SourceState(cluster, kind, ns, name, null, "1", 1L, List.of());
    }

    static Stream<Arguments> identities() {
        SourceState web = state("c1", "Service", "default", "web");
        SourceState node = state("c1", "Node", "", "n1");
        return Stream.of(
                // state, key identity, spelled by the state
                Arguments.of(web, "c1/Service/default/web", true),
                Arguments.of(node, "c1/Node//n1", true),
                Arguments.of(web, "c1/Service/default/web@east", false),
                Arguments.of(web, "c1/Service/default/we", false),
                Arguments.of(web, "c1/Service/default/webs", false),
                Arguments.of(web, "c1/Service/defaul/tweb", false),
                Arguments.of(web, "c1/Service/default", false),
                Arguments.of(web, "c1/Service/defaultweb", false),
                Arguments.of(web, "c2/Service/default/web", false),
                Arguments.of(web, "c1/Ingress/default/web", false),
                Arguments.of(web, "c1/Service/default/web/", false),
                Arguments.of(node, "c1/Node/n1", false),
                Arguments.of(web, "", false));
    }

    @ParameterizedTest
    @MethodSource("identities")
    void aStateSpellsOnlyItsOwnIdentity(SourceState s, String identity, boolean spelled) {
        assertThat(SourceTable.spells(s, identity)).isEqualTo(spelled);
        assertThat(spelled).isEqualTo(s.ref().identity().equals(identity));
        Object entry = SourceTable.entry(identity, s);
        assertThat(entry instanceof SourceTable.Keyed).as("keeps its identity").isEqualTo(!spelled);
        assertThat(SourceTable.isOf(entry, identity)).isTrue();
        assertThat(SourceTable.state(entry)).isSameAs(s);

        SourceTable t = new SourceTable();
        t.put(identity, entry);
        assertThat(t.get(identity)).isSameAs(s);
        assertThat(t.containsKey(identity + "x")).isFalse();
    }

    @Test
    void answersAsAHashMapThroughRandomOperations() {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        for (int keySpace : new int[] {5, 40, 3000}) {
            SourceTable t = new SourceTable();
            Map<String, SourceState> model = new HashMap<>();
            for (int step = 0; step < 20_000; step++) {
                int n = r.nextInt(keySpace);
                SourceState s = state("c" + n % 3, "Service", "ns", "svc-" + n);
                String id = s.ref().identity() + (n % 7 == 0 ? "@scope" : "");
                int op = r.nextInt(10);
                if (op < 5) {
                    Object old = t.put(id, SourceTable.entry(id, s));
                    SourceState was = model.put(id, s);
                    assertThat(old == null ? null : SourceTable.state(old)).as("seed %d put %s", seed, id).isSameAs(was);
                } else if (op < 8) {
                    Object old = t.remove(id);
                    SourceState was = model.remove(id);
                    assertThat(old == null ? null : SourceTable.state(old)).as("seed %d remove %s", seed, id).isSameAs(was);
                } else {
                    assertThat(t.get(id)).as("seed %d get %s", seed, id).isSameAs(model.get(id));
                }
                assertThat(t.size()).isEqualTo(model.size());
            }
            for (Map.Entry<String, SourceState> e : model.entrySet()) {
                assertThat(t.get(e.getKey())).as("seed %d %s", seed, e.getKey()).isSameAs(e.getValue());
            }
            List<SourceState> all = new java.util.ArrayList<>();
            t.forEach(all::add);
            assertThat(all).containsExactlyInAnyOrderElementsOf(model.values());
        }
    }
}
