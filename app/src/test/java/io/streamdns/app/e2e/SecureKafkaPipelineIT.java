package io.streamdns.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.app.Main;
import io.streamdns.app.TestStages;
import io.streamdns.app.demo.ZoneView;
import io.streamdns.model.ZoneRecord;
import io.streamdns.runtime.kafka.KafkaClientProperties;
import io.streamdns.runtime.kafka.KafkaPreflight;
import io.streamdns.sandbox.k8s.KubernetesEmulator;
import io.streamdns.sandbox.kafka.EmbeddedKafka;
import io.streamdns.sandbox.kafka.SecureListeners;
import io.streamdns.sandbox.kafka.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole pipeline (watcher, planner, applier, the Route 53 emulator) over secured Kafka listeners, every client
 * configured from a --kafka-config file: SASL_SSL with SCRAM-SHA-512, and mutual TLS. Each wrong setting ends the
 * command with its cause; no secret reaches the captured output.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class SecureKafkaPipelineIT {
    private static final String SCRAM_PASSWORD = "scram-pw-e2e-7f3a";
    private static final String STORE_PASSWORD = "store-pw-e2e-91c2";
    @TempDir
    static Path dir;
    static TestPki pki;
    static Pipeline pipeline;
    static final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    static PrintStream originalErr;
    static PrintStream originalOut;

    @BeforeAll
    static void start() {
        originalErr = System.err;
        originalOut = System.out;
        System.setErr(new PrintStream(new Tee(originalErr, captured), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new Tee(originalOut, captured), true, StandardCharsets.UTF_8));
        pki = TestPki.create(dir.resolve("pki"), "streamdns e2e CA", STORE_PASSWORD);
        EmbeddedKafka kafka = EmbeddedKafka.startSecure(3, SecureListeners.of(pki, true, Map.of()));
        kafka.createScramUser("streamdns", SCRAM_PASSWORD);
        pipeline = new Pipeline("scram.example", kafka, kafka.saslSslBootstrapServers());
        pipeline.route53.createZone("mtls.example", false);
    }

    @AfterAll
    static void stop() {
        try {
            pipeline.close();
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
        }
    }

    @Test
    void pipelineOverSaslSslWithScram() throws IOException {
        Path config = write("scram.properties", """
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="streamdns" password="%s";
                ssl.truststore.location=%s
                ssl.truststore.password=%s
                """.formatted(SCRAM_PASSWORD, pki.truststore(), STORE_PASSWORD));
        String servers = pipeline.kafka.saslSslBootstrapServers();
        KafkaPreflight.connect(servers, KafkaClientProperties.load(config, List.of()), Duration.ofSeconds(10));
        runStory(servers, "scram", "scram.example", pipeline.zone);
        assertNoSecretCaptured();
    }

    @Test
    void pipelineOverMutualTls() throws IOException {
        TestPki.Identity client = pki.issue("streamdns-stages");
        Path config = write("mtls.properties", """
                security.protocol=SSL
                ssl.truststore.location=%s
                ssl.truststore.password=%s
                ssl.keystore.location=%s
                """.formatted(pki.truststore(), STORE_PASSWORD, client.keystore()));
        String servers = pipeline.kafka.sslBootstrapServers();
        // the key store's passwords on top of the file, as a Secret would hand them in
        KafkaPreflight.connect(servers, KafkaClientProperties.load(config, List.of("ssl.keystore.password=" + STORE_PASSWORD,
                "ssl.key.password=" + STORE_PASSWORD)), Duration.ofSeconds(10));
        runStory(servers, "mtls", "mtls.example",
                ZoneView.of(pipeline.route53, pipeline.route53.zoneId("mtls.example"), "mtls.example"));
        assertNoSecretCaptured();
    }

    @Test
    void wrongSettingsEndTheCommandWithTheirCause() throws IOException {
        String servers = pipeline.kafka.saslSslBootstrapServers();
        Path wrongPassword = write("wrong.properties", """
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="streamdns" password="wrong-%s";
                ssl.truststore.location=%s
                ssl.truststore.password=%s
                """.formatted(SCRAM_PASSWORD, pki.truststore(), STORE_PASSWORD));
        Result r = run("planner", "--txt-owner-id=o1", "--policy=sync", "--http-port=0", "--kafka-bootstrap-servers=" + servers,
                "--kafka-config=" + wrongPassword);
        assertThat(r.code).as(r.err).isEqualTo(3);
        assertThat(r.err).contains("refused the credentials").contains(servers);

        TestPki other = TestPki.create(dir.resolve("other-ca"), "an unrelated CA", "other-pw");
        r = run("applier", "--txt-owner-id=o1", "--http-port=0", "--aws-endpoint-url=" + pipeline.route53.endpoint(),
                "--kafka-bootstrap-servers=" + servers, "--kafka-property=security.protocol=SASL_SSL",
                "--kafka-property=sasl.mechanism=SCRAM-SHA-512", "--kafka-property=sasl.jaas.config="
                        + "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"streamdns\" password=\""
                        + SCRAM_PASSWORD + "\";",
                "--kafka-property=ssl.truststore.location=" + other.truststore(),
                "--kafka-property=ssl.truststore.password=other-pw");
        assertThat(r.code).as(r.err).isEqualTo(3);
        assertThat(r.err).contains("TLS handshake failed").contains("not trusted");

        r = run("planner", "--txt-owner-id=o1", "--policy=sync", "--kafka-bootstrap-servers=" + servers,
                "--kafka-config=" + dir.resolve("no-such.properties"));
        assertThat(r.code).as(r.err).isEqualTo(2);
        assertThat(r.err).contains("--kafka-config: no such file");

        r = run("audit", "history", "www.scram.example", "--timeout=5", "--kafka-bootstrap-servers=" + servers,
                "--kafka-config=" + wrongPassword);
        assertThat(r.code).as(r.err).isEqualTo(3);
        assertThat(r.err + r.out).contains("refused the credentials");
        assertNoSecretCaptured();
        assertThat(r.err + captured).doesNotContain("wrong-" + SCRAM_PASSWORD);
    }

    private static void runStory(String servers, String name, String domain, ZoneView zone) {
        KubernetesEmulator k8s = pipeline.cluster(dir, name);
        pipeline.deployOn(servers, TestStages.watcher(), "--cluster-name=cluster-" + name,
                "--kubeconfig=" + dir.resolve("kubeconfig-" + name), "--domain-filter=" + domain);
        pipeline.deployOn(servers, TestStages.planner(), "--txt-owner-id=" + name, "--policy=sync", "--domain-filter=" + domain,
                "--group-id=planner-" + name);
        pipeline.deployOn(servers, TestStages.applier(), pipeline.applierArgsEndpoint(), "--txt-owner-id=" + name,
                "--domain-filter=" + domain, "--group-id=applier-" + name);
        k8s.client().services().inNamespace("default").resource(EndToEndIT.lbService("web", "www." + domain)).create();
        k8s.setServiceLoadBalancer("default", "web", "203.0.113.21");
        List<ZoneRecord> records = EndToEndIT.awaitZone(zone, "www A + TXT over " + servers,
                z -> EndToEndIT.hasA(z, "www." + domain, "203.0.113.21") && EndToEndIT.txt(z, "a-www." + domain) != null);
        assertThat(EndToEndIT.txt(records, "a-www." + domain).values().get(0)).contains("external-dns/owner=" + name);
        k8s.client().services().inNamespace("default").withName("web").delete();
        EndToEndIT.awaitZone(zone, "www gone", z -> z.stream().noneMatch(r -> r.name().endsWith("www." + domain)));
    }

    private static void assertNoSecretCaptured() {
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out).doesNotContain(SCRAM_PASSWORD).doesNotContain(STORE_PASSWORD).doesNotContain("BEGIN PRIVATE KEY");
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.newCommandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        captured.writeBytes((out + "\n" + err).getBytes(StandardCharsets.UTF_8));
        return new Result(code, out.toString(), err.toString());
    }

    private static Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    /** Writes to the console and to the capture. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final ByteArrayOutputStream b;

        Tee(OutputStream a, ByteArrayOutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            synchronized (b) {
                b.write(c);
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            synchronized (b) {
                b.write(buf, off, len);
            }
        }
    }
}
