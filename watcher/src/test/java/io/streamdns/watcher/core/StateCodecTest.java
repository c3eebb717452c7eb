package io.streamdns.watcher.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.Endpoint;
import io.streamdns.model.Rejection;
import io.streamdns.model.SourceState;
import io.streamdns.model.codec.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The watcher's one-pass encoder writes the very bytes of the shared codec, and they decode back. */
class StateCodecTest {
    private static final Endpoint ALIAS = new Endpoint("www.example.com", "A", List.of("lb-1.elb.amazonaws.com"), 300,
            "eu", Map.of("alias", "true", "aws/evaluate-target-health", "true"),
            Map.of("resource", "service/default/web", "cluster", "c1"));

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("plain A record", new SourceState("c1", "Service", "default", "web", "uid-1", "42", 1700L,
                        List.of(Endpoint.of("web.example.com", "A", "10.0.0.2", "10.0.0.1")))),
                Arguments.of("alias with set id, properties and labels", new SourceState("c1", "Ingress", "team", "api",
                        "uid-2", "7", 1L, List.of(ALIAS, Endpoint.of("api.example.com", "AAAA", "::1")))),
                Arguments.of("refused names, no endpoints", new SourceState("c1", "Service", "default", "bad", null,
                        null, 0L, List.of(), List.of(new Rejection("bad..example.com", null,
                        "invalid-name: empty label \"quoted\" ü")))),
                Arguments.of("no namespace (cluster-scoped)", new SourceState("c1", "Service", null, "x", "u", "1",
                        Long.MAX_VALUE, List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void sameBytesAsTheSharedCodec(String title, SourceState state) throws Exception {
        byte[] fast = StateCodec.encode(state);
        assertThat(new String(fast, StandardCharsets.UTF_8))
                .isEqualTo(new String(JsonCodec.encode(state), StandardCharsets.UTF_8));
        assertThat(JsonCodec.decode(fast, SourceState.class)).isEqualTo(state);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void splicesTheListsTheHashWasTakenOver(String title, SourceState state) {
        // as the publisher does: the part's canonical lists and their JSON go into the state
        ShardedState.Part part = ShardedState.part(state.endpoints(), state.rejected());
        SourceState canonical = new SourceState(state.cluster(), state.kind(), state.namespace(), state.name(),
                state.uid(), state.resourceVersion(), state.observedAt(), part.endpoints(), part.rejected());
        assertThat(new String(StateCodec.encode(canonical, part.endpointsJson(), part.rejectedJson()),
                StandardCharsets.UTF_8)).isEqualTo(new String(JsonCodec.encode(canonical), StandardCharsets.UTF_8));
    }
}
