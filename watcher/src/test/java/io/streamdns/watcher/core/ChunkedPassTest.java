package io.streamdns.watcher.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The full pass at sync runs in bounded chunks, so the event loop gets turns between them. */
class ChunkedPassTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("20,000 objects at 500 per turn", 20_000, 500, 40),
                Arguments.of("one partial last chunk", 1_234, 500, 3),
                Arguments.of("exactly one chunk", 500, 500, 1),
                Arguments.of("fewer objects than a chunk", 7, 500, 1),
                Arguments.of("nothing to map", 0, 500, 0),
                Arguments.of("chunk of one", 5, 1, 5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void handsOutEveryItemOnceInOrderAtMostAChunkPerCall(String title, int items, int chunk, int expectedChunks) {
        List<Integer> all = IntStream.range(0, items).boxed().toList();
        ChunkedPass<Integer> pass = new ChunkedPass<>(all, chunk);
        List<Integer> seen = new ArrayList<>();
        List<Integer> perCall = new ArrayList<>();
        boolean more = true;
        int calls = 0;
        while (more) {
            int before = seen.size();
            more = pass.runChunk(seen::add);
            perCall.add(seen.size() - before);
            calls++;
            assertThat(calls).as("terminates").isLessThanOrEqualTo(items + 1);
        }
        assertThat(seen).containsExactlyElementsOf(all);
        assertThat(perCall).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(chunk));
        assertThat(pass.chunks()).isEqualTo(expectedChunks);
        assertThat(pass.isDone()).isTrue();
        assertThat(pass.processed()).isEqualTo(items);
        assertThat(pass.runChunk(seen::add)).isFalse();
        assertThat(seen).hasSize(items);
    }

    @Test
    void workBetweenChunksInterleavesWithThePass() {
        // what the event loop does between two chunks (a live event) lands between them, not before or after the pass
        ChunkedPass<String> pass = new ChunkedPass<>(List.of("a", "b", "c", "d", "e"), 2);
        List<String> log = new ArrayList<>();
        while (pass.runChunk(log::add)) {
            log.add("live");
        }
        assertThat(log).containsExactly("a", "b", "live", "c", "d", "live", "e");
    }

    @Test
    void theItemListIsSnapshotted() {
        List<String> items = new ArrayList<>(List.of("a", "b"));
        ChunkedPass<String> pass = new ChunkedPass<>(items, 10);
        items.add("c");
        List<String> seen = new ArrayList<>();
        pass.runChunk(seen::add);
        assertThat(seen).containsExactly("a", "b");
    }

    @Test
    void rejectsAnEmptyChunk() {
        assertThatThrownBy(() -> new ChunkedPass<>(List.of(1), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chunk size");
    }
}
