package io.streamdns.watcher;

import io.streamdns.sandbox.kafka.EmbeddedKafka;
import io.streamdns.watcher.WatcherHarness.Running;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The watcher ITs' parts, all real: one in-process KRaft broker and a reader of its sources topic for the class, a
 * fresh mock API server (fabric8, CRUD mode) for each test with the CRDs the test class needs. A JUnit extension:
 * {@code @RegisterExtension static final WatcherRig RIG = WatcherRig.rig();}.
 */
final class WatcherRig implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final int partitions;
    private final boolean apiServerPerTest;
    private final List<Consumer<FlakyApiServer>> preparations = new ArrayList<>();
    private EmbeddedKafka kafka;
    private SourcesTopic topic;
    private FlakyApiServer api;

    private WatcherRig(int partitions, boolean apiServerPerTest) {
        this.partitions = partitions;
        this.apiServerPerTest = apiServerPerTest;
    }

    /** Three partitions and a fresh API server per test. */
    static WatcherRig rig() {
        return new WatcherRig(3, true);
    }

    static WatcherRig rig(int partitions) {
        return new WatcherRig(partitions, true);
    }

    /** For tests that make their own API servers (several clusters, outages). */
    static WatcherRig brokerOnly() {
        return new WatcherRig(3, false);
    }

    /** Something done to each fresh API server before the test (load CRDs, create namespaces). */
    WatcherRig preparing(Consumer<FlakyApiServer> preparation) {
        preparations.add(preparation);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka = EmbeddedKafka.startTemporary(partitions);
        topic = new SourcesTopic(kafka.bootstrapServers());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (apiServerPerTest) {
            api = new FlakyApiServer();
            preparations.forEach(p -> p.accept(api));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (api != null) {
            api.close();
            api = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        topic.close();
        kafka.close();
    }

    String bootstrap() {
        return kafka.bootstrapServers();
    }

    SourcesTopic topic() {
        return topic;
    }

    /** This test's API server. */
    FlakyApiServer api() {
        if (api == null) {
            throw new IllegalStateException("no API server per test in this rig (brokerOnly)");
        }
        return api;
    }

    /** Deploys a watcher of {@code cluster} on this test's API server (flags as name, value pairs). */
    Running deploy(Vertx vertx, String cluster, String... flags) {
        return WatcherHarness.deploy(vertx, bootstrap(), api(), cluster, flags);
    }

    /** {@link #deploy}, then waits until the watcher is ready. */
    Running start(Vertx vertx, String cluster, String... flags) {
        Running w = deploy(vertx, cluster, flags);
        SourcesTopic.until("watcher " + cluster + " ready", w::ready);
        return w;
    }
}
