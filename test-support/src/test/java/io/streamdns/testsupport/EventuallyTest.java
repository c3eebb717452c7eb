package io.streamdns.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventuallyTest {
    @Test
    void returnsOnceTheConditionHolds() {
        AtomicInteger polls = new AtomicInteger();
        Eventually.until("three polls", Duration.ofSeconds(5), () -> polls.incrementAndGet() >= 3);
        assertEquals(3, polls.get());
    }

    @Test
    void failsNamingWhatWasAwaited() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Eventually.until("the record on the topic", Duration.ofMillis(60), () -> false));
        assertTrue(e.getMessage().contains("the record on the topic"), e.getMessage());
    }

    @Test
    void valueReturnsTheFirstNonNull() {
        AtomicInteger polls = new AtomicInteger();
        assertEquals("x", Eventually.value("x", Duration.ofSeconds(5), () -> polls.incrementAndGet() < 2 ? null : "x"));
    }

    @Test
    void untilAssertedRethrowsTheLastFailure() {
        AssertionError e = assertThrows(AssertionError.class, () -> Eventually.untilAsserted("zone holds a.example.com",
                Duration.ofMillis(60), () -> {
                    throw new AssertionError("expected 1 record, got 0");
                }));
        assertTrue(e.getMessage().contains("zone holds a.example.com") && e.getMessage().contains("got 0"),
                e.getMessage());
    }
}
