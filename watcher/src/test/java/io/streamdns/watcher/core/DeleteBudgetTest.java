package io.streamdns.watcher.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeleteBudgetTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nothing to delete                      | 0    | 100  | 0.3  | 10 | false | true
            one genuine delete                     | 1    | 100  | 0.3  | 10 | false | true
            exactly the fraction                   | 30   | 100  | 0.3  | 10 | false | true
            one over the fraction                  | 31   | 100  | 0.3  | 10 | false | false
            everything (an empty API server)       | 100  | 100  | 0.3  | 10 | false | false
            everything, approved                   | 100  | 100  | 0.3  | 10 | true  | true
            small scope: no budget                 | 9    | 9    | 0.3  | 10 | false | true
            just at the minimum                    | 10   | 10   | 0.3  | 10 | false | false
            3 of 10 at 0.3 (floating point)        | 3    | 10   | 0.3  | 10 | false | true
            29 of 100 at 0.29 (floating point)     | 29   | 100  | 0.29 | 10 | false | true
            min 0: budget from the first object    | 1    | 1    | 0.3  | 0  | false | false
            fraction 1: all may go                 | 50   | 50   | 1.0  | 10 | false | true
            2,000 services gone                    | 2000 | 2000 | 0.3  | 10 | false | false
            """)
    void budget(String what, int tombstones, int known, double fraction, int min, boolean approved, boolean allowed) {
        assertThat(DeleteBudget.allows(tombstones, known, fraction, min, approved)).as(what).isEqualTo(allowed);
    }
}
