package io.streamdns.applier.batch;

import static io.streamdns.applier.batch.Fixtures.ownerValue;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.registry.TxtNameMapper;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The guard's owner rules with {@code --migrate-from-txt-owner=old} (owner "me"). */
class OwnershipGuardTest {
    static final Zone Z = Fixtures.EXAMPLE;

    static Stream<Arguments> migration() {
        RecordSet www = Fixtures.a("www.example.com", "10.0.0.2");
        return Stream.of(
                Arguments.of("record owned by the old owner: update passes", "old",
                        Fixtures.change(Change.Action.UPSERT, www, "www.example.com"),
                        new RecordSet[] {Fixtures.a("www.example.com", "10.0.0.1"),
                                Fixtures.txt("a-www.example.com", ownerValue("old"))}, null),
                Arguments.of("old owner's TXT: its rewrite passes", "old",
                        Fixtures.change(Change.Action.UPSERT, Fixtures.txt("a-www.example.com", ownerValue("me")),
                                "www.example.com"),
                        new RecordSet[] {Fixtures.txt("a-www.example.com", ownerValue("old"))}, null),
                Arguments.of("without the flag the old owner is foreign", "",
                        Fixtures.change(Change.Action.UPSERT, www, "www.example.com"),
                        new RecordSet[] {Fixtures.a("www.example.com", "10.0.0.1"),
                                Fixtures.txt("a-www.example.com", ownerValue("old"))}, "names owner 'old'"),
                Arguments.of("another owner stays foreign", "old",
                        Fixtures.change(Change.Action.DELETE, Fixtures.a("www.example.com", "10.0.0.1"), "www.example.com"),
                        new RecordSet[] {Fixtures.a("www.example.com", "10.0.0.1"),
                                Fixtures.txt("a-www.example.com", ownerValue("them"))}, "names owner 'them'"),
                Arguments.of("another owner's TXT is not rewritten", "old",
                        Fixtures.change(Change.Action.UPSERT, Fixtures.txt("a-www.example.com", ownerValue("me")),
                                "www.example.com"),
                        new RecordSet[] {Fixtures.txt("a-www.example.com", ownerValue("them"))}, "names owner 'them'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("migration")
    void migration(String title, String migrateFrom, Change change, RecordSet[] zone, String refusal) {
        String why = new OwnershipGuard("me", TxtNameMapper.defaults(), migrateFrom).rejection(change, Z,
                Fixtures.lookup(zone));
        if (refusal == null) {
            assertThat(why).isNull();
        } else {
            assertThat(why).contains(refusal);
        }
    }
}
