package io.streamdns.planner;

import io.streamdns.sandbox.kafka.EmbeddedKafka;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The planner ITs' broker: one in-process KRaft broker per test class, as a JUnit extension
 * ({@code @RegisterExtension static final BrokerRig RIG = new BrokerRig(partitions);}).
 */
final class BrokerRig implements BeforeAllCallback, AfterAllCallback {
    private final int partitions;
    private EmbeddedKafka kafka;

    BrokerRig(int partitions) {
        this.partitions = partitions;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka = EmbeddedKafka.startTemporary(partitions);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        kafka.close();
    }

    String bootstrap() {
        return kafka.bootstrapServers();
    }
}
