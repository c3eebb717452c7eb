package io.streamdns.sandbox.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdns.model.Topics;
import io.streamdns.runtime.kafka.KafkaClientProperties;
import io.streamdns.runtime.kafka.KafkaClientSecurity;
import io.streamdns.runtime.kafka.KafkaPreflight;
import io.streamdns.runtime.kafka.KafkaPreflight.KafkaAccessException;
import io.streamdns.runtime.kafka.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker's secured listeners against the real Kafka clients, configured as an operator would with
 * --kafka-config: SASL_SSL with SCRAM-SHA-512 and PLAIN, mutual TLS with PKCS12 and PEM; and the start-up check
 * naming each wrong setting.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class SecureKafkaIT {
    private static final Duration CHECK = Duration.ofSeconds(5);
    @TempDir
    static Path dir;
    static TestPki pki;
    static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        pki = TestPki.create(dir.resolve("pki"), "streamdns test CA", "store-pw-1");
        kafka = EmbeddedKafka.startSecure(3, SecureListeners.of(pki, true, Map.of("plainuser", "plain-pw-1")));
        kafka.createScramUser("planner", "scram-pw-1");
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static Map<String, String> saslSsl(String mechanism, String jaas) {
        return Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", mechanism, "sasl.jaas.config", jaas,
                "ssl.truststore.location", pki.truststore().toString(), "ssl.truststore.password", pki.password());
    }

    private static String scram(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static void connect(String servers, Map<String, String> props) {
        KafkaPreflight.connect(servers, KafkaClientProperties.of(props), CHECK);
    }

    @Test
    void scramClientsProduceAndConsume() {
        String servers = kafka.saslSslBootstrapServers();
        connect(servers, saslSsl("SCRAM-SHA-512", scram("planner", "scram-pw-1")));
        try {
            roundTrip(servers);
        } finally {
            KafkaClientSecurity.unregister(servers);
        }
    }

    @Test
    void plainMechanismAuthenticates() {
        String servers = kafka.saslSslBootstrapServers();
        try {
            connect(servers, saslSsl("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                    + "username=\"plainuser\" password=\"plain-pw-1\";"));
        } finally {
            KafkaClientSecurity.unregister(servers);
        }
    }

    @Test
    void mutualTlsWithPkcs12AndWithPem() {
        String servers = kafka.sslBootstrapServers();
        TestPki.Identity client = pki.issue("applier");
        try {
            connect(servers, Map.of("security.protocol", "SSL",
                    "ssl.truststore.location", pki.truststore().toString(), "ssl.truststore.password", pki.password(),
                    "ssl.keystore.location", client.keystore().toString(), "ssl.keystore.password", pki.password(),
                    "ssl.key.password", pki.password()));
            roundTrip(servers);
            connect(servers, Map.of("security.protocol", "SSL", "ssl.truststore.type", "PEM",
                    "ssl.truststore.certificates", pki.caPem(), "ssl.keystore.type", "PEM",
                    "ssl.keystore.certificate.chain", client.chainPem(), "ssl.keystore.key", client.keyPem()));
        } finally {
            KafkaClientSecurity.unregister(servers);
        }
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailure() {
        assertThatThrownBy(() -> connect(kafka.saslSslBootstrapServers(),
                saslSsl("SCRAM-SHA-512", scram("planner", "not-the-password"))))
                .isInstanceOf(KafkaAccessException.class).hasMessageContaining("refused the credentials")
                .hasMessageContaining("SASL_SSL").hasMessageNotContaining("not-the-password");
    }

    @Test
    void untrustedCertificateSaysSo() {
        TestPki other = TestPki.create(dir.resolve("other"), "someone else's CA", "other-pw");
        assertThatThrownBy(() -> connect(kafka.saslSslBootstrapServers(), Map.of("security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", scram("planner", "scram-pw-1"),
                "ssl.truststore.location", other.truststore().toString(), "ssl.truststore.password", other.password())))
                .isInstanceOf(KafkaAccessException.class).hasMessageContaining("TLS handshake failed")
                .hasMessageContaining("not trusted");
    }

    @Test
    void plaintextAgainstTlsListenerEndsInSeconds() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> connect(kafka.sslBootstrapServers(), Map.of()))
                .isInstanceOf(KafkaAccessException.class).hasMessageContaining("security.protocol=PLAINTEXT")
                .hasMessageContaining("set security.protocol=SSL or SASL_SSL");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CHECK.plusSeconds(10));
    }

    @Test
    void mutualTlsListenerRefusesAClientWithoutCertificate() {
        assertThatThrownBy(() -> connect(kafka.sslBootstrapServers(), Map.of("security.protocol", "SSL",
                "ssl.truststore.location", pki.truststore().toString(), "ssl.truststore.password", pki.password())))
                .isInstanceOf(KafkaAccessException.class).hasMessageContaining("TLS handshake failed")
                .hasMessageContaining("requires a client certificate");
    }

    /** Producer and reader made by KafkaSettings for the servers only: the registered settings must reach them. */
    private static void roundTrip(String servers) {
        String key = "example.com|" + servers;
        try (var producer = new KafkaProducer<String, byte[]>(new HashMap<String, Object>(KafkaSettings.producer(servers, "it")))) {
            producer.send(new ProducerRecord<>(Topics.RESULTS, key, "secured".getBytes(StandardCharsets.UTF_8))).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        try (var consumer = new KafkaConsumer<String, byte[]>(new HashMap<String, Object>(KafkaSettings.reader(servers, "it")))) {
            List<TopicPartition> tps = consumer.partitionsFor(Topics.RESULTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            boolean seen = false;
            while (!seen && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    seen |= key.equals(r.key());
                }
            }
            assertThat(seen).as("read back over " + servers).isTrue();
        }
    }
}
