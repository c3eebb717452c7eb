package io.streamdns.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The open-addressing name map answers as a HashMap does through puts, overwrites, removals and growth. */
class NameMapTest {

    @Test
    void answersAsAHashMapThroughRandomOperations() {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        for (int keySpace : new int[] {5, 40, 3000}) {
            NameMap<Integer> m = new NameMap<>();
            Map<String, Integer> model = new HashMap<>();
            for (int step = 0; step < 20_000; step++) {
                String k = "n" + r.nextInt(keySpace) + ".ex.com";
                int op = r.nextInt(10);
                if (op < 5) {
                    assertThat(m.put(k, step)).as("seed %d put %s", seed, k).isEqualTo(model.put(k, step));
                } else if (op < 8) {
                    assertThat(m.remove(new String(k))).as("seed %d remove %s", seed, k).isEqualTo(model.remove(k));
                } else {
                    assertThat(m.get(k)).as("seed %d get %s", seed, k).isEqualTo(model.get(k));
                }
                assertThat(m.size()).isEqualTo(model.size());
            }
            for (int i = 0; i < keySpace; i++) { // every entry still found after the removals' shifts
                String k = "n" + i + ".ex.com";
                assertThat(m.get(k)).as("seed %d %s", seed, k).isEqualTo(model.get(k));
                assertThat(m.containsKey(k)).isEqualTo(model.containsKey(k));
            }
            assertThat(m.keySet()).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(model.keySet());
            Map<String, Integer> seen = new HashMap<>();
            m.forEach(seen::put);
            assertThat(seen).isEqualTo(model);
        }
    }

    @Test
    void growsAndEmptiesAgain() {
        NameMap<String> m = new NameMap<>();
        for (int i = 0; i < 100_000; i++) {
            m.put("name-" + i, "v" + i);
        }
        assertThat(m.size()).isEqualTo(100_000);
        assertThat(m.get("name-99999")).isEqualTo("v99999");
        assertThat(m.get("name-100000")).isNull();
        assertThat(m.keySet()).hasSize(100_000).contains("name-5").doesNotContain("name-x");
        for (int i = 0; i < 100_000; i++) {
            assertThat(m.remove("name-" + i)).isEqualTo("v" + i);
        }
        assertThat(m.isEmpty()).isTrue();
        assertThat(m.keySet()).isEmpty();
        assertThat(m.get(null)).isNull();
        assertThatThrownBy(() -> m.put(null, "v")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> m.put("k", null)).isInstanceOf(NullPointerException.class);
    }
}
