package io.streamdns.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangeOutcome;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which results say something about a plan's changes (the others leave the plan in flight). */
class ForeignResultTest {
    @ParameterizedTest(name = "{0} outcomes={1} note={2} -> ignored={3}")
    @CsvSource(nullValues = "-", value = {
            "NOTHING_TO_DO, 0, no name of the plan inside this applier's filter, true",
            "NOTHING_TO_DO, 0, -,        false",
            "NOTHING_TO_DO, 1, a note,   false",
            "APPLIED,       1, -,        false",
            "FAILED,        0, a note,   false",
    })
    void onlyAnAnswerWithoutActingIsIgnored(ApplyResult.Status status, int outcomes, String note, boolean ignored) {
        List<ChangeOutcome> list = outcomes == 0 ? List.of() : List.of(new ChangeOutcome(ChangeOutcome.Action.CREATE,
                "a.example.com", "A", null, ChangeOutcome.Status.APPLIED, "Z1", null));
        ApplyResult r = new ApplyResult("p1", "example.com", status, List.of(), list, 0, 1, 0, 0, -1, note);
        assertThat(LiveRecords.answeredWithoutActing(r)).isEqualTo(ignored);
    }
}
