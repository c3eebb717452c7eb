package io.streamdns.applier.batch;

import static io.streamdns.applier.batch.Fixtures.a;
import static io.streamdns.applier.batch.Fixtures.change;
import static io.streamdns.applier.batch.Fixtures.txt;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IsolationTest {

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of("create of an existing set",
                        "Tried to create resource record set [name='www.example.com.', type='A'] but it already exists",
                        new Rejections.Problem("www.example.com", "A", null, Rejections.Kind.EXISTS, null)),
                Arguments.of("delete of a missing set with set identifier",
                        "Tried to delete resource record set [name='\\052.example.com.', type='CNAME', set-identifier='c1'] but it was not found",
                        new Rejections.Problem("*.example.com", "CNAME", "c1", Rejections.Kind.NOT_FOUND, null)),
                Arguments.of("delete with other values",
                        "Tried to delete resource record set [name='x.example.com.', type='TXT'] but the values provided do not match the current values",
                        new Rejections.Problem("x.example.com", "TXT", null, Rejections.Kind.MISMATCH, null)),
                Arguments.of("CNAME conflict",
                        "RRSet of type CNAME with DNS name www.example.com. is not permitted as it conflicts with other records with the same DNS name in zone example.com.",
                        new Rejections.Problem("www.example.com", "CNAME", null, Rejections.Kind.OTHER, null)),
                Arguments.of("routing conflict",
                        "RRSet with DNS name w.example.com., type A cannot be created as a weighted set exists with the same name and type.",
                        new Rejections.Problem("w.example.com", "A", null, Rejections.Kind.OTHER, null)),
                Arguments.of("not in zone", "RRSet with DNS name x.other.org. is not permitted in zone example.com.",
                        new Rejections.Problem("x.other.org", null, null, Rejections.Kind.OTHER, null)),
                Arguments.of("value problem names nothing",
                        "Invalid Resource Record: FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '1.2.3'",
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void readsRoute53Messages(String title, String message, Rejections.Problem expected) {
        Rejections.Problem p = Rejections.parse(message);
        if (expected == null) {
            assertThat(p).isNull();
        } else {
            assertThat(p).usingRecursiveComparison().ignoringFields("message").isEqualTo(expected);
            assertThat(p.message()).isEqualTo(message);
        }
    }

    static Batch batchOf(int names) {
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < names; i++) {
            String name = "n" + i + ".example.com";
            changes.add(change(Change.Action.CREATE, a(name, "10.0.0.1"), name));
            changes.add(change(Change.Action.CREATE, txt("a-" + name, "\"heritage=external-dns\""), name));
        }
        return Batcher.batch(changes, Limits.ROUTE53).batches().get(0);
    }

    @Test
    void aBlamedGroupIsTakenOutWholeAndTheRestRetried() {
        Batch b = batchOf(4);
        Isolation.Step s = Isolation.next(b, List.of(
                "Tried to create resource record set [name='n2.example.com.', type='A'] but it already exists"));
        assertThat(s.rejected().keySet()).extracting(c -> c.recordSet().name())
                .containsExactlyInAnyOrder("n2.example.com", "a-n2.example.com");
        assertThat(s.retry()).singleElement().extracting(Batch::size).isEqualTo(6);
        assertThat(s.alreadyDone()).isEmpty();
    }

    @Test
    void aDeleteOfAMissingSetIsDoneAndItsGroupGoesOn() {
        Change del = change(Change.Action.DELETE, a("gone.example.com", "10.0.0.1"), "gone.example.com");
        Change delTxt = change(Change.Action.DELETE, txt("a-gone.example.com", "\"x\""), "gone.example.com");
        Batch b = new Batch(Batcher.groups(List.of(del, delTxt)));
        Isolation.Step s = Isolation.next(b, List.of(
                "Tried to delete resource record set [name='gone.example.com.', type='A'] but it was not found"));
        assertThat(s.alreadyDone()).containsExactly(del);
        assertThat(s.rejected()).isEmpty();
        assertThat(s.retry()).singleElement().satisfies(r -> assertThat(r.changes()).containsExactly(delTxt));
    }

    @Test
    void anAnonymousProblemBisectsUntilOneGroupRemains() {
        Batch b = batchOf(5);
        String msg = "Invalid Resource Record: FATAL problem: ARRDATAIllegalIPv4Address encountered with '1.2.3'";
        Isolation.Step s = Isolation.next(b, List.of(msg));
        assertThat(s.rejected()).isEmpty();
        assertThat(s.retry()).extracting(Batch::size).containsExactly(4, 6);
        // keep halving the failing side: a single group is rejected with Route 53's words
        Batch single = new Batch(List.of(b.groups().get(0)));
        Isolation.Step last = Isolation.next(single, List.of(msg));
        assertThat(last.retry()).isEmpty();
        assertThat(last.rejected()).hasSize(2).containsValue(msg);
    }

    @Test
    void bisectingAnyBatchEnds() {
        // worst case: every call fails anonymously; count the steps until nothing is left
        List<Batch> queue = new ArrayList<>(List.of(batchOf(500)));
        int calls = 0;
        int rejected = 0;
        while (!queue.isEmpty()) {
            Batch next = queue.remove(0);
            calls++;
            Isolation.Step s = Isolation.next(next, List.of("?"));
            rejected += s.rejected().size();
            queue.addAll(s.retry());
        }
        assertThat(rejected).isEqualTo(1000);
        assertThat(calls).isEqualTo(999);
    }
}
