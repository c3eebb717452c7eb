package io.streamdns.applier;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.impl.KafkaConsumerRecordImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The per-partition queue: runs over the head, the rest stays in order, pause/resume around the high water mark. */
class PartitionWorkerTest {
    /** A processor taking a fixed number per run; calls and publication finish when the test says so. */
    static final class Fake implements PartitionWorker.Processor {
        final int take;
        final List<List<Long>> seen = new ArrayList<>();
        final List<Promise<Void>> applied = new ArrayList<>();
        final List<Promise<Void>> published = new ArrayList<>();
        final List<Future<Void>> previous = new ArrayList<>();
        /** what {@link #bounded} answers, and the queues it was asked about */
        boolean bounded;
        final List<List<Long>> asked = new ArrayList<>();

        Fake(int take) {
            this.take = take;
        }

        @Override
        public boolean bounded(List<KafkaConsumerRecord<String, byte[]>> queued) {
            asked.add(queued.stream().map(KafkaConsumerRecord::offset).toList());
            return bounded;
        }

        @Override
        public PartitionWorker.Run start(PartitionWorker worker, List<KafkaConsumerRecord<String, byte[]>> queued,
                                         Future<Void> before) {
            seen.add(queued.stream().map(KafkaConsumerRecord::offset).toList());
            previous.add(before);
            Promise<Void> a = Promise.promise();
            Promise<Void> p = Promise.promise();
            applied.add(a);
            published.add(p);
            return new PartitionWorker.Run(take, a.future(), p.future());
        }

        /** The last run's calls and publication are over. */
        void finishLast() {
            published.get(published.size() - 1).complete();
            applied.get(applied.size() - 1).complete();
        }
    }

    static KafkaConsumerRecord<String, byte[]> record(long offset) {
        return new KafkaConsumerRecordImpl<>(new ConsumerRecord<>("streamdns.plans", 0, offset, "k", new byte[0]));
    }

    static Stream<Arguments> takes() {
        return Stream.of(
                Arguments.of("all queued in one run", 5, List.of(List.of(0L, 1L, 2L, 3L, 4L))),
                Arguments.of("a prefix per run, the rest stays in order", 2,
                        List.of(List.of(0L, 1L, 2L, 3L, 4L), List.of(2L, 3L, 4L), List.of(4L))),
                Arguments.of("one at a time", 1, List.of(List.of(0L, 1L, 2L, 3L, 4L), List.of(1L, 2L, 3L, 4L),
                        List.of(2L, 3L, 4L), List.of(3L, 4L), List.of(4L))),
                Arguments.of("a processor claiming nothing still makes progress", 0, List.of(List.of(0L, 1L, 2L, 3L, 4L),
                        List.of(1L, 2L, 3L, 4L), List.of(2L, 3L, 4L), List.of(3L, 4L), List.of(4L))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("takes")
    void runsTakeTheHeadAndLeaveTheRestInOrder(String title, int take, List<List<Long>> expected) {
        Fake fake = new Fake(take);
        List<Boolean> pauses = new ArrayList<>();
        PartitionWorker w = new PartitionWorker(0, 10, fake, pauses::add);
        for (long o = 0; o < 5; o++) {
            w.offer(record(o));
        }
        assertThat(fake.seen).as("nothing runs before the zones are loaded").isEmpty();
        w.ready();
        while (fake.seen.size() < expected.size()) {
            fake.finishLast();
        }
        fake.finishLast();
        assertThat(fake.seen).isEqualTo(expected);
        assertThat(w.waiting()).isZero();
    }

    @Test
    void fetchingPausesAtTheHighWaterMarkAndResumesWhileARunIsInFlight() {
        Fake fake = new Fake(3);
        List<Boolean> pauses = new ArrayList<>();
        PartitionWorker w = new PartitionWorker(0, 3, fake, pauses::add);
        w.offer(record(0));
        w.offer(record(1));
        assertThat(pauses).isEmpty();
        w.offer(record(2));
        assertThat(pauses).containsExactly(true);
        w.offer(record(3));
        w.ready();
        assertThat(fake.seen).containsExactly(List.of(0L, 1L, 2L, 3L));
        assertThat(pauses).as("one waits: fetch more for the next run").containsExactly(true, false);
        w.offer(record(4));
        w.offer(record(5));
        assertThat(pauses).containsExactly(true, false, true);
        fake.finishLast();
        assertThat(fake.seen).last().isEqualTo(List.of(3L, 4L, 5L));
        assertThat(pauses).containsExactly(true, false, true, false);
        fake.finishLast();
        assertThat(w.waiting()).isZero();
    }

    @Test
    void closingDropsWhatWaitsAndStartsNothingMore() {
        Fake fake = new Fake(1);
        PartitionWorker w = new PartitionWorker(0, 10, fake, p -> { });
        w.ready();
        w.offer(record(0));
        w.offer(record(1));
        w.close();
        fake.finishLast();
        w.offer(record(2));
        assertThat(fake.seen).containsExactly(List.of(0L));
        assertThat(w.waiting()).isZero();
        assertThat(w.isClosed()).isTrue();
    }

    @Test
    void aRunIsFormedWhenRouteFiftyThreeMayBeCalledSoWhatArrivesMeanwhileGoesInTheSameCall() {
        Fake fake = new Fake(10);
        List<Promise<Void>> slots = new ArrayList<>();
        PartitionWorker w = new PartitionWorker(0, 10, fake, p -> { }, () -> {
            Promise<Void> slot = Promise.promise();
            slots.add(slot);
            return slot.future();
        });
        w.ready();
        w.offer(record(0));
        w.offer(record(1));
        assertThat(fake.seen).as("waiting for the rate limiter's slot").isEmpty();
        assertThat(slots).as("one wait per run, not per record").hasSize(1);
        w.offer(record(2));
        slots.get(0).complete();
        assertThat(fake.seen).containsExactly(List.of(0L, 1L, 2L));
        w.offer(record(3));
        fake.finishLast();
        assertThat(slots).hasSize(2);
        w.close();
        slots.get(1).complete();
        assertThat(fake.seen).as("closed while waiting: nothing more runs").hasSize(1);
    }

    @Test
    void theNextRunStartsWhenTheCallsAreOverAndAtMostOnePublicationIsPendingBesideIt() {
        Fake fake = new Fake(1);
        PartitionWorker w = new PartitionWorker(0, 10, fake, p -> { });
        for (long o = 0; o < 4; o++) {
            w.offer(record(o));
        }
        w.ready();
        assertThat(fake.seen).hasSize(1);
        fake.applied.get(0).complete();
        assertThat(fake.seen).as("run 2 starts while run 1's results and commit are in flight").hasSize(2);
        assertThat(fake.previous.get(1)).as("run 2 publishes after run 1").isSameAs(fake.published.get(0).future());
        fake.applied.get(1).complete();
        assertThat(fake.seen).as("run 3 waits: run 1 is still not published").hasSize(2);
        fake.published.get(0).complete();
        assertThat(fake.seen).hasSize(3);
        assertThat(fake.previous.get(2)).isSameAs(fake.published.get(1).future());
        fake.published.get(1).complete();
        assertThat(fake.seen).as("run 4 waits for run 3's calls").hasSize(3);
        fake.applied.get(2).complete();
        assertThat(fake.seen).extracting(List::size).containsExactly(4, 3, 2, 1);
    }

    @Test
    void aFailedPublicationIsHandedToTheNextRunAndTheWorkerGoesOn() {
        Fake fake = new Fake(1);
        PartitionWorker w = new PartitionWorker(0, 10, fake, p -> { });
        w.ready();
        w.offer(record(0));
        w.offer(record(1));
        fake.applied.get(0).complete();
        fake.published.get(0).fail("result send failed");
        assertThat(fake.seen).hasSize(2);
        assertThat(fake.previous.get(1).failed()).as("run 2 learns that run 1 is not on Kafka").isTrue();
    }

    @Test
    void aBacklogFormsTheNextRunWithoutWaitingForTheSlot() {
        Fake fake = new Fake(2);
        List<Promise<Void>> slots = new ArrayList<>();
        PartitionWorker w = new PartitionWorker(0, 10, fake, p -> { }, () -> {
            Promise<Void> slot = Promise.promise();
            slots.add(slot);
            return slot.future();
        });
        for (long o = 0; o < 5; o++) {
            w.offer(record(o));
        }
        w.ready();
        slots.get(0).complete();
        assertThat(fake.seen).hasSize(1);
        fake.finishLast();
        assertThat(fake.seen).as("3 wait after a run of 2: the next run is full, formed at once").hasSize(2);
        assertThat(slots).hasSize(1);
        fake.finishLast();
        assertThat(fake.seen).as("1 waits: what arrives until the slot may join it").hasSize(2);
        assertThat(slots).hasSize(2);
        slots.get(1).complete();
        assertThat(fake.seen).last().isEqualTo(List.of(4L));
    }

    static Stream<Arguments> lookAheads() {
        return Stream.of(
                Arguments.of("what waits bounds a run: formed at once", 3, true, 1, List.of(List.of(1L, 2L, 3L))),
                Arguments.of("a run over what waits could still grow: formed at the slot", 3, false, 2,
                        List.of(List.of(1L, 2L, 3L))),
                Arguments.of("one record waits: never bounded, not asked, formed at the slot", 1, true, 2, List.of()));
    }

    /** After an unbounded first run (a cold start's first plan) the processor is asked whether the next is full. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("lookAheads")
    void aRunThatWhatWaitsAlreadyBoundsIsFormedWithoutWaitingForTheSlot(String title, int waiting, boolean bounded,
                                                                       int slotsAsked, List<List<Long>> asked) {
        Fake fake = new Fake(1);
        fake.bounded = bounded;
        List<Promise<Void>> slots = new ArrayList<>();
        PartitionWorker w = new PartitionWorker(0, 10, fake, p -> { }, () -> {
            Promise<Void> slot = Promise.promise();
            slots.add(slot);
            return slot.future();
        });
        w.ready();
        w.offer(record(0));
        slots.get(0).complete();
        assertThat(fake.seen).as("the first run took all there was").containsExactly(List.of(0L));
        for (long o = 1; o <= waiting; o++) {
            w.offer(record(o));
        }
        fake.finishLast();
        assertThat(slots).hasSize(slotsAsked);
        assertThat(fake.asked).isEqualTo(asked);
        assertThat(fake.seen).hasSize(bounded && waiting > 1 ? 2 : 1);
        if (slots.size() == 2) {
            slots.get(1).complete();
        }
        assertThat(fake.seen).last().isEqualTo(java.util.stream.LongStream.rangeClosed(1, waiting).boxed().toList());
    }
}
