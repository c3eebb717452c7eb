package io.streamdns.watcher.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Service;
import io.streamdns.model.Endpoint;
import io.streamdns.model.SourceState;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.model.shard.ShardResolver;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What one object may claim (DESIGN rule W8): the endpoint count and the size of every encoded state. */
class ObjectBoundTest {
    private static final ObjectBound DEFAULT = ObjectBound.DEFAULT;

    @Test
    void theRecordLimitLeavesATenthOfTheProducersMaxRequestSize() {
        assertThat(DEFAULT.maxEndpoints()).isEqualTo(1000);
        assertThat(DEFAULT.maxRecordBytes()).isEqualTo(1_048_576 - 104_857);
        assertThat(ObjectBound.forProducer(10, 4_194_304).maxRecordBytes()).isEqualTo(4_194_304 - 419_430);
        assertThatThrownBy(() -> new ObjectBound(0, 10_000)).hasMessageContaining("maxEndpoints");
    }

    static Stream<Arguments> counts() {
        return Stream.of(
                // endpoints, bound, refused
                Arguments.of(0, 1000, false),
                Arguments.of(1000, 1000, false),
                Arguments.of(1001, 1000, true),
                Arguments.of(20_000, 1000, true),
                Arguments.of(20_000, 20_000, false),
                Arguments.of(2, 1, true));
    }

    @ParameterizedTest(name = "{0} endpoints, bound {1} → refused {2}")
    @MethodSource("counts")
    void endpointCount(int n, int max, boolean refused) {
        List<Endpoint> endpoints = Collections.nCopies(n, Endpoint.of("a.example.com", "A", "192.0.2.1"));
        var verdict = new ObjectBound(max, 943_718).endpoints("service/default/web", endpoints);
        assertThat(verdict.isPresent()).isEqualTo(refused);
        verdict.ifPresent(r -> {
            assertThat(r.code()).isEqualTo(MappingRejection.TOO_MANY_ENDPOINTS);
            assertThat(r.refusesObject()).isTrue();
            assertThat(r.dnsName()).isEqualTo("service/default/web");
            assertThat(r.detail()).contains(n + " endpoints", "--max-endpoints-per-object " + max,
                    "what was published before stays");
        });
    }

    @Test
    void recordSizeAtTheLimitPassesOneByteMoreIsRefused() {
        int limit = DEFAULT.maxRecordBytes();
        assertThat(DEFAULT.record("service/default/web", "example.com", 100, limit - 100)).isEmpty();
        var refused = DEFAULT.record("service/default/web", "example.com", 100, limit - 99);
        assertThat(refused).get().extracting(MappingRejection::code).isEqualTo(MappingRejection.STATE_TOO_LARGE);
        assertThat(refused.get().detail()).contains("shard example.com", (limit + 1) + " bytes", "max.request.size");
    }

    /**
     * The default bound against the record limit: the largest object the mapping lets through, with everything an
     * endpoint can carry at its longest realistic size, encodes well under the limit; names of 253 characters with
     * several long targets each do not, and that is what the size check is for.
     */
    @Test
    void biggestAllowedObjectFitsTheDefaultRecordLimit() {
        String annotation = IntStream.range(0, 1000).mapToObj(i -> "service-" + i + "-" + "x".repeat(40)
                + ".apps.eu-west-1.example.com").collect(Collectors.joining(","));
        Service svc = Fixtures.Svc.lb(annotation, "k8s-default-web-0123456789-0123456789abcdef.elb.eu-west-1"
                        + ".amazonaws.com").ann("ttl", "300").ann("set-identifier", "eu-west-1-blue-production")
                .ann("aws-weight", "100").ann("aws-health-check-id", "0b8b5f1e-1c4e-4e8a-9d7e-123456789abc").build();
        MappingResult result = ServiceMapper.map(svc, List.of(), List.of(), Fixtures.opts());
        assertThat(result.endpoints()).hasSize(1000);
        int size = encodedSize(result);
        assertThat(size).isLessThan(DEFAULT.maxRecordBytes() / 2);
        System.out.printf("biggest allowed object (1000 endpoints, 90-char names, ELB target, ttl, set id, 2 aws "
                + "props): %d bytes, %.0f%% of the %d-byte record limit%n", size,
                100.0 * size / DEFAULT.maxRecordBytes(), DEFAULT.maxRecordBytes());

        String longNames = IntStream.range(0, 1000).mapToObj(i -> String.join(".", "a" + i + "x".repeat(58),
                "b".repeat(63), "c".repeat(63), "d".repeat(50), "example.com")).collect(Collectors.joining(","));
        String targets = IntStream.range(0, 4).mapToObj(i -> "t" + i + "-" + "y".repeat(56) + "." + "z".repeat(63)
                + ".elb.amazonaws.com").collect(Collectors.joining(","));
        MappingResult worst = ServiceMapper.map(Fixtures.Svc.lb(longNames, "192.0.2.1").ann("target", targets)
                .build(), List.of(), List.of(), Fixtures.opts());
        assertThat(worst.endpoints()).hasSize(1000);
        int worstSize = encodedSize(worst);
        assertThat(worstSize).isGreaterThan(DEFAULT.maxRecordBytes());
        System.out.printf("1000 endpoints of 253-char names with 4 long targets each: %d bytes, refused by the size "
                + "check%n", worstSize);
    }

    private static int encodedSize(MappingResult result) {
        Map<String, ShardedState.Part> parts = ShardedState.split(result.endpoints(), result.rejections(),
                new ShardResolver(List.of()));
        assertThat(parts).hasSize(1);
        var entry = parts.entrySet().iterator().next();
        ShardedState.Part p = entry.getValue();
        byte[] value = StateCodec.encode(new SourceState("eu-west-1-production", "Service", "default", "web",
                "0b8b5f1e-1c4e-4e8a-9d7e-123456789abc", "123456789", 1_700_000_000_000L, p.endpoints(), p.rejected()),
                p.endpointsJson(), p.rejectedJson());
        return value.length + RecordKey.of(entry.getKey(), "eu-west-1-production/Service/default/web")
                .getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void refusedNamesInOneStateAreCappedAndCounted() {
        List<MappingRejection> rejections = IntStream.range(0, 20_000).mapToObj(i -> new MappingRejection(MappingRejection.INVALID_NAME,
                "bad" + i + "-.example.com", "label starts or ends with a hyphen")).toList();
        var parts = ShardedState.split(List.of(Endpoint.of("ok.example.com", "A", "192.0.2.1")), rejections,
                new ShardResolver(List.of()));
        var rejected = parts.get("example.com").rejected();
        assertThat(rejected).hasSize(ShardedState.MAX_REJECTED + 1);
        assertThat(rejected).anySatisfy(r -> assertThat(r.reason()).contains("and 19900 more refused names"));
        assertThat(parts.get("example.com").endpoints()).hasSize(1);
    }
}
