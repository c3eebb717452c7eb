package io.streamdns.watcher.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.Endpoint;
import io.streamdns.model.Rejection;
import io.streamdns.model.shard.ShardResolver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Splitting by shard, content hashes and the publish diff (what is sent, what is tombstoned). */
class ShardedStateTest {
    private final ShardResolver shards = new ShardResolver(List.of("example.com", "team.example.com"));

    @Test
    void splitsByLongestDomainFilterElseRegistrableDomain() {
        var parts = ShardedState.split(List.of(Endpoint.of("a.example.com", "A", "1.1.1.1"),
                Endpoint.of("x.team.example.com", "A", "2.2.2.2"), Endpoint.of("www.other.co.uk", "A", "3.3.3.3")),
                shards);
        assertThat(parts).containsOnlyKeys("example.com", "team.example.com", "other.co.uk");
    }

    @Test
    void hashIgnoresInputOrderButNotContent() {
        Endpoint a = Endpoint.of("a.example.com", "A", "1.1.1.1");
        Endpoint b = Endpoint.of("b.example.com", "A", "1.1.1.1");
        String ab = ShardedState.split(List.of(a, b), shards).get("example.com").hash();
        String ba = ShardedState.split(List.of(b, a), shards).get("example.com").hash();
        assertThat(ab).isEqualTo(ba).isEqualTo(ShardedState.part(List.of(b, a), List.of()).hash());
        assertThat(ShardedState.split(List.of(a, b.withTtl(60)), shards).get("example.com").hash()).isNotEqualTo(ab);
    }

    @Test
    void refusedNamesTravelInTheirShardObjectWideProblemsDoNot() {
        var parts = ShardedState.split(List.of(Endpoint.of("a.example.com", "A", "1.1.1.1")), List.of(
                new MappingRejection(MappingRejection.INVALID_NAME, "bad..Example.com", "empty label"),
                new MappingRejection(MappingRejection.DOMAIN_FILTER, "www.other.org", "outside"),
                new MappingRejection(MappingRejection.INVALID_NAME, "localhost", "needs two labels"),
                new MappingRejection(MappingRejection.INVALID_TTL, "service/default/web", "bad ttl")), shards);
        assertThat(parts).containsOnlyKeys("example.com", "other.org");
        assertThat(parts.get("example.com").rejected()).extracting(Rejection::dnsName)
                .containsExactly("bad..Example.com");
        assertThat(parts.get("other.org").endpoints()).isEmpty();
        assertThat(parts.get("other.org").rejected().get(0).reason()).startsWith("domain-filter: ");
        // a change in what is refused is a change of content
        assertThat(parts.get("example.com").hash())
                .isNotEqualTo(ShardedState.split(List.of(Endpoint.of("a.example.com", "A", "1.1.1.1")), shards)
                        .get("example.com").hash());
    }

    @Test
    void diffSendsChangedShardsAndTombstonesLeftOnes() {
        Endpoint moved = Endpoint.of("www.example.org", "A", "1.1.1.1");
        Endpoint same = Endpoint.of("x.team.example.com", "A", "2.2.2.2");
        var desired = ShardedState.split(List.of(moved, same), shards);
        Map<String, String> published = Map.of("example.com", "old",
                "team.example.com", desired.get("team.example.com").hash());

        ShardedState.Diff diff = ShardedState.diff(published, desired);
        assertThat(diff.upserts()).containsOnlyKeys("example.org");
        assertThat(diff.tombstones()).containsExactly("example.com");
        assertThat(ShardedState.diff(Map.of("example.org", desired.get("example.org").hash(),
                "team.example.com", desired.get("team.example.com").hash()), desired).isEmpty()).isTrue();
        assertThat(ShardedState.diff(Map.of("example.com", ShardedState.UNKNOWN), Map.of()).tombstones())
                .containsExactly("example.com");
    }

    @Test
    void indexTellsWhenALastSendFailed() {
        PublishedIndex index = new PublishedIndex();
        index.put("c/Service/ns/a", "example.com", "h1");
        assertThat(index.hasUnknown("c/Service/ns/a")).isFalse();
        assertThat(index.hasUnknown("c/Service/ns/missing")).isFalse();
        index.put("c/Service/ns/a", "example.org", ShardedState.UNKNOWN);
        assertThat(index.hasUnknown("c/Service/ns/a")).isTrue();
    }
}
