package io.streamdns.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdns.runtime.config.InvalidFlagException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientPropertiesTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"planner\" password=\"s3cret-pw\";";

    @TempDir
    Path dir;

    @Test
    void fileThenPropertiesOnTop() throws IOException {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, """
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                request.timeout.ms=5000
                """);
        KafkaClientProperties p = KafkaClientProperties.load(file, List.of("request.timeout.ms=7000", "sasl.jaas.config=" + JAAS));
        assertThat(p.asMap()).containsEntry("security.protocol", "SASL_SSL").containsEntry("request.timeout.ms", "7000")
                .containsEntry("sasl.jaas.config", JAAS);
        assertThat(p.securityProtocol()).isEqualTo("SASL_SSL");
        assertThat(KafkaClientProperties.load(null, null).isEmpty()).isTrue();
    }

    @Test
    void badInputNamesTheFlag() {
        assertThatThrownBy(() -> KafkaClientProperties.load(dir.resolve("missing.properties"), List.of()))
                .isInstanceOf(InvalidFlagException.class).hasMessageStartingWith("--kafka-config: no such file: ")
                .hasMessageContaining("missing.properties");
        assertThatThrownBy(() -> KafkaClientProperties.load(null, List.of("s3cret-pw")))
                .isInstanceOf(InvalidFlagException.class).hasMessageStartingWith("--kafka-property: expected KEY=VALUE")
                .hasMessageNotContaining("s3cret-pw");
        assertThatThrownBy(() -> KafkaClientProperties.load(null, List.of("enable.auto.commit=true")))
                .hasMessage("--kafka-property: enable.auto.commit is set by streamdns itself and cannot be changed");
        assertThatThrownBy(() -> KafkaClientProperties.load(null, List.of("bootstrap.servers=x:9092")))
                .hasMessageContaining("use --kafka-bootstrap-servers");
    }

    @Test
    void reservedKeyInTheFileNamesTheFile() throws IOException {
        Path file = dir.resolve("c.properties");
        Files.writeString(file, "group.id=mine\n");
        assertThatThrownBy(() -> KafkaClientProperties.load(file, List.of()))
                .hasMessageStartingWith("--kafka-config: group.id is set by streamdns");
    }

    @Test
    void dumpsNeverShowSecrets() {
        KafkaClientProperties p = KafkaClientProperties.of(Map.of(
                "sasl.jaas.config", JAAS,
                "ssl.truststore.password", "trust-pw",
                "ssl.keystore.password", "store-pw",
                "ssl.key.password", "key-pw",
                "ssl.keystore.key", "-----BEGIN PRIVATE KEY----- abc",
                "sasl.oauthbearer.client.credentials.client.secret", "oauth-secret",
                "sasl.oauthbearer.token.endpoint.url", "https://idp.example/token",
                "ssl.truststore.location", "/etc/kafka/ca.p12",
                "security.protocol", "SASL_SSL"));
        String dump = p.toString() + p.redacted();
        assertThat(dump).doesNotContain("s3cret-pw", "ScramLoginModule", "trust-pw", "store-pw", "key-pw", "PRIVATE KEY",
                "oauth-secret");
        assertThat(dump).contains("/etc/kafka/ca.p12", "SASL_SSL", "https://idp.example/token");
        assertThat(p.shown("sasl.jaas.config")).isEqualTo(KafkaClientProperties.REDACTED);
        assertThat(p.asMap()).containsEntry("ssl.key.password", "key-pw");
    }

    @Test
    void secretKeysByKafkasTypesAndByName() {
        assertThat(List.of("sasl.jaas.config", "ssl.key.password", "ssl.keystore.key", "ssl.truststore.password",
                "sasl.login.refresh.token", "my.plugin.secret")).allMatch(KafkaClientProperties::isSecret);
        assertThat(List.of("security.protocol", "sasl.mechanism", "ssl.truststore.location", "ssl.truststore.type",
                "request.timeout.ms", "ssl.endpoint.identification.algorithm")).noneMatch(KafkaClientProperties::isSecret);
    }

    @Test
    void settingsCarryTheRegisteredPropertiesOfTheirServersOnly() {
        KafkaClientSecurity.register("secure:9093", KafkaClientProperties.of(Map.of("security.protocol", "SSL",
                "linger.ms", "20")));
        try {
            assertThat(KafkaSettings.producer("secure:9093", "p")).containsEntry("security.protocol", "SSL")
                    .containsEntry("linger.ms", "20").containsEntry("acks", "all");
            assertThat(KafkaSettings.consumer("secure:9093", "g", "c")).containsEntry("security.protocol", "SSL")
                    .containsEntry("enable.auto.commit", "false");
            assertThat(KafkaSettings.reader("secure:9093", "r")).containsEntry("security.protocol", "SSL")
                    .doesNotContainKey("group.id");
            assertThat(KafkaSettings.admin("secure:9093", "a")).containsEntry("security.protocol", "SSL");
            assertThat(KafkaSettings.producer("plain:9092", "p")).doesNotContainKey("security.protocol");
        } finally {
            KafkaClientSecurity.unregister("secure:9093");
        }
        assertThat(KafkaSettings.admin("secure:9093", "a")).doesNotContainKey("security.protocol");
    }

    @Test
    void oauthBearerSettingsPassThroughToEveryClient() {
        KafkaClientProperties p = KafkaClientProperties.load(null, List.of(
                "security.protocol=SASL_SSL", "sasl.mechanism=OAUTHBEARER",
                "sasl.oauthbearer.token.endpoint.url=https://idp.example/oauth2/token",
                "sasl.login.callback.handler.class=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler",
                "sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required "
                        + "clientId=\"streamdns\" clientSecret=\"oauth-client-secret\";"));
        KafkaClientSecurity.register("oauth:9093", p);
        try {
            for (Map<String, String> c : List.of(KafkaSettings.producer("oauth:9093", "p"),
                    KafkaSettings.consumer("oauth:9093", "g", "c"), KafkaSettings.reader("oauth:9093", "r"),
                    KafkaSettings.admin("oauth:9093", "a"))) {
                assertThat(c).containsAllEntriesOf(p.asMap());
            }
        } finally {
            KafkaClientSecurity.unregister("oauth:9093");
        }
        assertThat(p.toString()).contains("OAUTHBEARER", "https://idp.example/oauth2/token", "OAuthBearerLoginCallbackHandler")
                .doesNotContain("oauth-client-secret");
    }

    @Test
    void startUpFailuresSayWhatToCheck() {
        Duration t = Duration.ofSeconds(10);
        assertThat(KafkaPreflight.explain("Kafka at k:9093", new SaslAuthenticationException("Authentication failed "
                + "during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512"), t))
                .hasMessageContaining("refused the credentials").hasMessageContaining("sasl.jaas.config");
        assertThat(KafkaPreflight.explain("Kafka at k:9093", new SslAuthenticationException("SSL handshake failed",
                new SSLHandshakeException("PKIX path building failed: unable to find valid certification path")), t))
                .hasMessageContaining("TLS handshake failed").hasMessageContaining("not trusted")
                .hasMessageContaining("ssl.truststore.location");
        assertThat(KafkaPreflight.explain("Kafka at k:9093", new TimeoutException("timed out"), t))
                .hasMessageContaining("cannot reach Kafka at k:9093").hasMessageContaining("no answer within 10 s")
                .hasMessageContaining("security.protocol=SSL");
        assertThat(KafkaPreflight.explain("Kafka at k", new ConfigException(
                "Invalid url in bootstrap.servers: k"), t).invalidSettings()).isTrue();
        assertThat(KafkaPreflight.explain("Kafka at k", new ConfigException(
                "No resolvable bootstrap urls given in bootstrap.servers"), t).invalidSettings()).isFalse();
    }
}
