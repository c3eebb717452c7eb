package io.streamdns.applier.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.ChangeOutcome.Status;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OutcomesTest {
    static Decision d(String name, Status status) {
        return new Decision(new Change.Origin(ChangeOutcome.Action.CREATE, name, "A", null), "Z1", status, null);
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of("empty plan", List.of(), ApplyResult.Status.NOTHING_TO_DO),
                Arguments.of("all already done", List.of(d("a", Status.ALREADY_DONE)), ApplyResult.Status.NOTHING_TO_DO),
                Arguments.of("applied and done", List.of(d("a", Status.APPLIED), d("b", Status.ALREADY_DONE)), ApplyResult.Status.APPLIED),
                Arguments.of("one rejected", List.of(d("a", Status.APPLIED), d("b", Status.REJECTED)), ApplyResult.Status.PARTIAL),
                Arguments.of("none applied", List.of(d("a", Status.FAILED), d("b", Status.SKIPPED)), ApplyResult.Status.FAILED),
                Arguments.of("dry run", List.of(d("a", Status.DRY_RUN), d("b", Status.SKIPPED)), ApplyResult.Status.DRY_RUN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statuses")
    void planStatus(String title, List<Decision> decisions, ApplyResult.Status expected) {
        assertThat(new Outcomes().addAll(decisions).status()).isEqualTo(expected);
    }

    @Test
    void anUpdateSentAsDeleteAndCreateReportsItsWorseHalfOnce() {
        Change.Origin update = new Change.Origin(ChangeOutcome.Action.UPDATE, "www.example.com", "A", null);
        Outcomes o = new Outcomes()
                .add(new Decision(update, "Z1", Status.ALREADY_DONE, null))
                .add(new Decision(update, "Z1", Status.REJECTED, "no"))
                .add(new Decision(update, "Z1", Status.APPLIED, null));
        assertThat(o.outcomes()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(Status.REJECTED);
            assertThat(c.message()).isEqualTo("no");
            assertThat(c.action()).isEqualTo(ChangeOutcome.Action.UPDATE);
        });
    }
}
