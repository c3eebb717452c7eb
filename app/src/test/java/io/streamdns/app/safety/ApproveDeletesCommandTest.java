package io.streamdns.app.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdns.app.Main;
import io.streamdns.app.audit.AuditFailure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code approve-deletes} and {@code clusters} refuse bad input with exit 2 before they touch Kafka. */
class ApproveDeletesCommandTest {
    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of(new String[] {"approve-deletes"}, "--shard"),
                Arguments.of(new String[] {"approve-deletes", "--shard", "a.com", "--cluster", "c"}, "mutually exclusive"),
                Arguments.of(new String[] {"approve-deletes", "--shard", "a..com"}, "--shard"),
                Arguments.of(new String[] {"approve-deletes", "--cluster", "a/b"}, "--cluster"),
                Arguments.of(new String[] {"approve-deletes", "--shard", "a.com", "--valid-for", "soon"}, "--valid-for"),
                Arguments.of(new String[] {"approve-deletes", "--shard", "a.com", "--valid-for", "0m"}, "--valid-for"),
                Arguments.of(new String[] {"clusters"}, "list or retire"),
                Arguments.of(new String[] {"clusters", "retire", "a/b"}, "is not a cluster name"),
                Arguments.of(new String[] {"approve-deletes", "--cluster", "kube-a", "--valid-for", "15"}, "no unit"));
    }

    @ParameterizedTest
    @MethodSource("bad")
    void badInputEndsWithTwo(String[] args, String message) {
        CommandLine cmd = Main.newCommandLine();
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));
        cmd.setOut(new PrintWriter(new StringWriter()));
        assertThat(cmd.execute(args)).isEqualTo(2);
        assertThat(err.toString()).contains(message);
    }

    @Test
    void durations() {
        assertThat(ApproveDeletesCommand.duration("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(ApproveDeletesCommand.duration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(ApproveDeletesCommand.duration("1h30m")).isEqualTo(Duration.ofMinutes(90));
    }

    /** One duration syntax everywhere (Go's, as every flag): no bare numbers, no days. */
    @Test
    void durationsOutsideGoSyntaxAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ApproveDeletesCommand.duration("15")).isInstanceOf(AuditFailure.class)
                .hasMessageContaining("--valid-for").hasMessageContaining("no unit");
        assertThatThrownBy(() -> ApproveDeletesCommand.duration("1d")).isInstanceOf(AuditFailure.class)
                .hasMessageContaining("not a duration");
        assertThatThrownBy(() -> ApproveDeletesCommand.duration("0s")).isInstanceOf(AuditFailure.class)
                .hasMessageContaining("zero");
    }
}
