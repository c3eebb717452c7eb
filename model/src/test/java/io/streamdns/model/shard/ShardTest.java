package io.streamdns.model.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdns.model.Topics;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShardTest {

    static Stream<Arguments> shards() {
        List<String> none = List.of();
        List<String> filters = List.of("example.com", "team.example.com", "example.co.uk");
        return Stream.of(
                Arguments.of("registrable domain", none, "www.example.com", "example.com"),
                Arguments.of("apex", none, "example.com", "example.com"),
                Arguments.of("deep name", none, "a.b.c.example.com", "example.com"),
                Arguments.of("co.uk suffix", none, "shop.example.co.uk", "example.co.uk"),
                Arguments.of("com.au suffix", none, "www.store.com.au", "store.com.au"),
                Arguments.of("private suffix (github.io)", none, "team.github.io", "team.github.io"),
                Arguments.of("amazonaws private suffix", none, "x.s3.amazonaws.com", "x.s3.amazonaws.com"),
                Arguments.of("unknown tld", none, "svc.cluster.local", "cluster.local"),
                Arguments.of("wildcard", none, "*.apps.example.com", "example.com"),
                Arguments.of("underscore name", none, "_http._tcp.example.com", "example.com"),
                Arguments.of("public suffix itself", none, "co.uk", "co.uk"),
                Arguments.of("filter wins", filters, "www.example.com", "example.com"),
                Arguments.of("longest filter wins (nested zone)", filters, "api.team.example.com", "team.example.com"),
                Arguments.of("nested filter apex", filters, "team.example.com", "team.example.com"),
                Arguments.of("filter on co.uk", filters, "a.example.co.uk", "example.co.uk"),
                Arguments.of("outside filters falls back", filters, "www.other.org", "other.org"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shards")
    void shardOf(String title, List<String> filters, String name, String shard) {
        assertThat(new ShardResolver(filters).shardOf(name)).isEqualTo(shard);
    }

    @Test
    void keysOfOneShardLandOnOnePartitionInEveryTopic() {
        for (int partitions : new int[] {1, 3, 6, 12}) {
            for (String shard : List.of("example.com", "example.co.uk", "team.example.com", "a.io")) {
                Set<Integer> seen = new HashSet<>();
                for (Topics.Spec topic : Topics.ALL) {
                    for (String identity : List.of("c1/Service/ns/a", "Z1/www.example.com/A/", "plan-1", topic.name())) {
                        seen.add(Partitioning.partitionOfKey(RecordKey.of(shard, identity), partitions));
                    }
                }
                assertThat(seen).hasSize(1).allSatisfy(p -> assertThat(p).isBetween(0, partitions - 1));
            }
        }
    }

    @Test
    void shardsSpreadOverPartitions() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(Partitioning.partitionOfShard("zone" + i + ".com", 6));
        }
        assertThat(seen).hasSize(6);
    }

    @Test
    void recordKeys() {
        RecordKey key = RecordKey.parse("example.com|c1/Service/default/web|x");
        assertThat(key.shard()).isEqualTo("example.com");
        assertThat(key.identity()).isEqualTo("c1/Service/default/web|x");
        assertThat(RecordKey.shardOf("nokey")).isEqualTo("nokey");
        assertThatThrownBy(() -> RecordKey.parse("|x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordKey.of("a|b", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
