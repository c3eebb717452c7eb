package io.streamdns.app;

import io.streamdns.sandbox.kafka.EmbeddedKafka;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One in-process KRaft broker and an admin client on it per test class, as a JUnit extension
 * ({@code @RegisterExtension static final BrokerRig RIG = new BrokerRig(partitions);}).
 */
public final class BrokerRig implements BeforeAllCallback, AfterAllCallback {
    private final int partitions;
    private EmbeddedKafka kafka;
    private Admin admin;

    public BrokerRig(int partitions) {
        this.partitions = partitions;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka = EmbeddedKafka.startTemporary(partitions);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (admin != null) {
            admin.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    public String bootstrap() {
        return kafka.bootstrapServers();
    }

    public Admin admin() {
        return admin;
    }
}
