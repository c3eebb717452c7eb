package io.streamdns.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.app.Main;
import io.streamdns.runtime.kafka.KafkaClientSecurity;
import io.streamdns.sandbox.kafka.EmbeddedKafka;
import io.streamdns.sandbox.kafka.SecureListeners;
import io.streamdns.sandbox.kafka.TestPki;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code streamdns demo --kafka-config FILE} against a SASL_SSL/SCRAM broker walks its story, and {@code audit} reads
 * the trail back with the same file: the command path (flags, start-up check, every client) end to end.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class SecureDemoIT {
    private static final String PASSWORD = "demo-scram-pw-51e0";
    @TempDir
    Path dir;

    @Test
    void demoAndAuditOverSaslSsl() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"), "demo CA", "demo-store-pw-77");
        try (EmbeddedKafka kafka = EmbeddedKafka.startSecure(3, SecureListeners.of(pki, false, Map.of()))) {
            kafka.createScramUser("demo", PASSWORD);
            Path config = Files.writeString(dir.resolve("kafka.properties"), """
                    security.protocol=SASL_SSL
                    sasl.mechanism=SCRAM-SHA-512
                    sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="demo" password="%s";
                    ssl.truststore.location=%s
                    ssl.truststore.password=demo-store-pw-77
                    """.formatted(PASSWORD, pki.truststore()));
            String servers = kafka.saslSslBootstrapServers();
            try {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                CommandLine cmd = Main.newCommandLine();
                cmd.setOut(new PrintWriter(out, true));
                cmd.setErr(new PrintWriter(err, true));
                int exit = cmd.execute("demo", "--exit-when-done", "--data-dir", dir.resolve("data").toString(),
                        "--http-port", "0", "--kafka-bootstrap-servers", servers, "--kafka-config", config.toString());
                assertThat(exit).as(out + "\n" + err).isZero();
                assertThat(out.toString()).containsPattern("Story done: \\d+ steps"); // the story itself is DemoIT's

                StringWriter audit = new StringWriter();
                CommandLine auditCmd = Main.newCommandLine();
                auditCmd.setOut(new PrintWriter(audit, true));
                auditCmd.setErr(new PrintWriter(audit, true));
                int auditExit = auditCmd.execute("audit", "history", "webapp.example.com",
                        "--kafka-bootstrap-servers", servers, "--kafka-config", config.toString());
                assertThat(auditExit).as(audit.toString()).isZero();
                assertThat(audit.toString()).contains("cluster-a", "cluster-b", "my-webapp");
                assertThat(out + "\n" + err + "\n" + audit).doesNotContain(PASSWORD).doesNotContain("demo-store-pw-77");
            } finally {
                KafkaClientSecurity.unregister(servers);
            }
        }
    }
}
