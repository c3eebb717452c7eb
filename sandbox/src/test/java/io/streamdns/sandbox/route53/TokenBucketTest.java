package io.streamdns.sandbox.route53;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenBucketTest {

    /** Rows: rate, burst, then per step the milliseconds to advance before one acquire; expected outcomes. */
    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("Route 53 default: 5 at once, then the 6th refused", 5.0, 0,
                        new long[] {0, 0, 0, 0, 0, 0}, List.of(true, true, true, true, true, false)),
                Arguments.of("one token back after 200 ms at 5/s", 5.0, 0,
                        new long[] {0, 0, 0, 0, 0, 0, 200, 0}, List.of(true, true, true, true, true, false, true, false)),
                Arguments.of("never more than the burst after a long pause", 2.0, 0,
                        new long[] {10_000, 0, 0}, List.of(true, true, false)),
                Arguments.of("explicit burst larger than the rate", 1.0, 3,
                        new long[] {0, 0, 0, 0, 999, 1}, List.of(true, true, true, false, false, true)),
                Arguments.of("rate 0 turns throttling off", 0.0, 0,
                        new long[] {0, 0, 0, 0, 0, 0, 0, 0}, List.of(true, true, true, true, true, true, true, true)),
                Arguments.of("fractional rate", 0.5, 0,
                        new long[] {0, 0, 1999, 1}, List.of(true, false, false, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void admits(String title, double rate, int burst, long[] advanceMs, List<Boolean> expected) {
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        TokenBucket bucket = new TokenBucket(rate, burst, nanos::get);
        List<Boolean> got = new ArrayList<>();
        for (long ms : advanceMs) {
            nanos.addAndGet(ms * 1_000_000L);
            got.add(bucket.tryAcquire());
        }
        assertThat(got).containsExactlyElementsOf(expected);
    }
}
