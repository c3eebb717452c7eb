package io.streamdns.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamdns.sandbox.kafka.EmbeddedKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each scenario runs end to end with tiny parameters and prints one valid JSON result line. Nothing here is
 * timed or judged: a tiny run proves the scenario works, not how fast streamdns is (BENCHMARKS.md does that).
 */
class BenchSmokeTest {
    static EmbeddedKafka kafka;

    /** One broker for every row (each rig recreates the topics): a broker start per scenario would be most of the time. */
    @BeforeAll
    static void sharedBroker() {
        kafka = EmbeddedKafka.startTemporary(6);
        System.setProperty(Rig.SHARED_KAFKA, kafka.bootstrapServers());
    }

    @AfterAll
    static void stopBroker() {
        System.clearProperty(Rig.SHARED_KAFKA);
        kafka.close();
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("latency: 1 s of 5 changes/s, default debounce", new String[] {"latency", "--rate", "5",
                        "--duration", "1", "--warmup", "0", "--services", "5", "--debounce", "default", "--drain", "20"}),
                Arguments.of("burst: 50 services", new String[] {"burst", "--services", "50", "--runs", "1"}),
                Arguments.of("fleet: 60 services over 3 clusters", new String[] {"fleet", "--services", "60",
                        "--clusters", "3", "--runs", "1"}),
                Arguments.of("steady: 3 quiet seconds on a small zone", new String[] {"steady", "--records", "600",
                        "--services", "5", "--minutes", "0.05"}),
                Arguments.of("throughput: 200 services", new String[] {"throughput", "--services", "200", "--runs", "1",
                        "--warmup", "1"}),
                Arguments.of("plan-core: tiny shards, in this JVM", new String[] {"plan-core", "--names", "100,1000",
                        "--forks", "0", "--warmup-iterations", "1", "--iterations", "1", "--iteration-ms", "100"}),
                Arguments.of("memory: small shard and cluster", new String[] {"memory", "--names", "500",
                        "--services", "50"}),
                Arguments.of("scale-out: one applier JVM, six plans", new String[] {"scale-out", "--appliers", "1",
                        "--partitions", "6", "--zones", "6", "--plans-per-zone", "1", "--changes-per-plan", "2",
                        "--latency-ms", "10", "--runs", "1"}),
                Arguments.of("emulator: small zone, one batch", new String[] {"emulator", "--records", "2000",
                        "--batch", "100", "--runs", "1"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void printsOneJsonLine(String title, String[] args) throws Exception {
        StringWriter out = new StringWriter();
        int code = BenchMain.run(new PrintWriter(out), args);

        assertThat(code).as("0 = met, 1 = missed; 2 = could not run").isIn(0, 1);
        String[] lines = out.toString().strip().split("\n");
        System.out.println(out);
        assertThat(lines).hasSize(1);
        JsonNode json = Report.mapper().readTree(lines[0]);
        assertThat(json.path("scenario").asText()).isEqualTo(args[0]);
        assertThat(json.path("params").isObject()).isTrue();
        assertThat(json.path("machine").path("cores").asInt()).isPositive();
        assertThat(json.path("machine").path("maxHeapBytes").asLong()).isPositive();
        assertThat(json.path("measured").size()).isPositive();
        assertThat(json.path("target").path("description").asText()).isNotBlank();
        assertThat(json.path("met").isBoolean()).isTrue();
        assertThat(json.path("met").asBoolean()).isEqualTo(code == 0);
    }
}
