package io.streamdns.watcher;

import static io.streamdns.watcher.WatcherHarness.NS;
import static io.streamdns.watcher.WatcherHarness.annotate;
import static io.streamdns.watcher.WatcherHarness.create;
import static io.streamdns.watcher.WatcherHarness.key;
import static io.streamdns.watcher.WatcherHarness.loadBalancer;
import static io.streamdns.watcher.WatcherHarness.names;
import static io.streamdns.watcher.WatcherHarness.setLoadBalancer;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.streamdns.watcher.WatcherHarness.Running;
import io.streamdns.watcher.core.MappingRejection;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What one object may claim (DESIGN rule W8), end to end: a Service with 20,000 host names against the mock API
 * server (CRUD mode) and a real broker is refused with an Event, publishes nothing, never tombstones what it had
 * published, and the other Services go on being published.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class ObjectBoundIT {
    private static final String HUGE = IntStream.range(0, 20_000).mapToObj(i -> "h" + i + ".example.com")
            .collect(Collectors.joining(","));
    @RegisterExtension
    static final WatcherRig RIG = WatcherRig.rig();


    private boolean refusedEvent(String object, String detail) {
        return RIG.api().admin().v1().events().inNamespace(NS).list().getItems().stream()
                .filter((Event e) -> e.getInvolvedObject().getName().equals(object))
                .anyMatch(e -> e.getReason().equals(InvalidEndpointReporter.REFUSED_REASON)
                        && e.getType().equals("Warning") && e.getMessage().contains(detail));
    }

    /** A Service published in the same shard (so the same partition, behind what came before it). */
    private void published(String cluster, String name, String ip) {
        create(RIG.api().admin(), loadBalancer(name, name + ".example.com"));
        setLoadBalancer(RIG.api().admin(), name, ip);
        String key = key("example.com", cluster, "Service", name);
        RIG.topic().await(name + " published", t -> t.latest().containsKey(key));
    }

    @Test
    void twentyThousandHostnamesAreRefusedWithAnEventAndTheOthersGoOn(Vertx vertx) {
        Running w = RIG.start(vertx, "c-huge", "source", "service", "emit-events", "true");
        published("c-huge", "before", "192.0.2.1");

        create(RIG.api().admin(), loadBalancer("huge", HUGE));
        setLoadBalancer(RIG.api().admin(), "huge", "192.0.2.2");
        SourcesTopic.until("refusal Event on huge", () -> refusedEvent("huge",
                "claims more than 1000 endpoints, the most --max-endpoints-per-object allows"));

        // the pipeline goes on: a Service created after the refused one is published behind it
        published("c-huge", "after", "192.0.2.3");
        assertThat(RIG.topic().recordsOf(key("example.com", "c-huge", "Service", "huge"))).isEmpty();
        assertThat(w.counter("streamdns.watcher.invalid.endpoints", "reason", MappingRejection.TOO_MANY_ENDPOINTS))
                .isEqualTo(1);
        assertThat(w.stage().registry().get("streamdns.watcher.objects.refused").gauge().value()).isEqualTo(1);

        // back under the bound, it is published
        annotate(RIG.api().admin(), "huge", "hostname", "huge.example.com");
        String key = key("example.com", "c-huge", "Service", "huge");
        RIG.topic().await("huge published once small", t -> t.latest().containsKey(key));
        assertThat(names(RIG.topic().latest().get(key).endpoints())).containsExactly("huge.example.com A [192.0.2.2]");
        assertThat(w.stage().registry().get("streamdns.watcher.objects.refused").gauge().value()).isZero();
        w.undeploy();
    }

    /** Do no harm: a published object that grows over the bound keeps its last accepted state, never a tombstone. */
    @Test
    void aPublishedObjectThatGrowsOverTheBoundKeepsItsState(Vertx vertx) {
        Running w = RIG.start(vertx, "c-grow", "source", "service", "emit-events", "true");
        create(RIG.api().admin(), loadBalancer("grow", "a.example.com,b.example.com"));
        setLoadBalancer(RIG.api().admin(), "grow", "192.0.2.10");
        String key = key("example.com", "c-grow", "Service", "grow");
        RIG.topic().await("grow published", t -> t.latest().containsKey(key));

        annotate(RIG.api().admin(), "grow", "hostname", HUGE);
        SourcesTopic.until("refusal Event on grow", () -> refusedEvent("grow", "too-many-endpoints"));
        published("c-grow", "marker", "192.0.2.11");
        assertThat(RIG.topic().recordsOf(key)).as("the first state only: no tombstone, no new state").hasSize(1);
        assertThat(names(RIG.topic().latest().get(key).endpoints()))
                .containsExactly("a.example.com A [192.0.2.10]", "b.example.com A [192.0.2.10]");
        w.undeploy();
    }

    /** The hard check: with the count bound raised, the 20,000 names' state is larger than a record may be. */
    @Test
    void aStateLargerThanTheProducerTakesIsRefusedNotLost(Vertx vertx) {
        Running w = RIG.start(vertx, "c-size", "source", "service", "emit-events", "true",
                "max-endpoints-per-object", "100000");
        create(RIG.api().admin(), loadBalancer("huge", HUGE));
        setLoadBalancer(RIG.api().admin(), "huge", "192.0.2.20");
        SourcesTopic.until("state-too-large Event on huge", () -> refusedEvent("huge", "state-too-large"));
        published("c-size", "after", "192.0.2.21");
        assertThat(RIG.topic().recordsOf(key("example.com", "c-size", "Service", "huge"))).isEmpty();
        assertThat(w.counter("streamdns.watcher.invalid.endpoints", "reason", MappingRejection.STATE_TOO_LARGE))
                .isEqualTo(1);
        assertThat(w.counterSum("streamdns.watcher.send.failures")).as("nothing handed to the producer failed")
                .isZero();
        w.undeploy();
    }
}
