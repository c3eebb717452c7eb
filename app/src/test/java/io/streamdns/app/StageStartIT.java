package io.streamdns.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdns.model.Topics;
import io.streamdns.model.dns.DomainFilter;
import io.streamdns.runtime.config.PipelineSettings;
import io.streamdns.runtime.config.StartRefusedException;
import io.streamdns.runtime.kafka.KafkaSettings;
import io.streamdns.runtime.kafka.PipelineConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * What a stage checks on Kafka before it deploys anything, at the launcher level against a real broker: the topic
 * settings, and that its flags agree with the pipeline's settings on streamdns.config. No pipeline runs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class StageStartIT {
    @RegisterExtension
    static final BrokerRig RIG = new BrokerRig(6);

    static SharedOptions shared(Integer partitions) {
        SharedOptions o = new SharedOptions();
        o.kafkaBootstrapServers = RIG.bootstrap();
        o.httpPort = 0;
        o.partitions = partitions;
        return o;
    }

    static void start(SharedOptions options) {
        StageLauncher.start(options, "planner", false, PipelineSettings.NONE, 1).close();
    }

    @Test
    @Order(1)
    void topicsAsCreatedAreAccepted() {
        start(shared(null));
        start(shared(6));
    }

    @Test
    @Order(2)
    void nonCompactedSourcesTopicIsRefused() throws Exception {
        setPolicy(Topics.SOURCES, "delete");
        try {
            assertThatThrownBy(() -> start(shared(null))).isInstanceOf(StartRefusedException.class)
                    .hasMessageContaining("topic streamdns.sources: cleanup.policy is 'delete', must be 'compact'");
            setPolicy(Topics.SOURCES, "compact,delete");
            // the operator's view: the command exits non-zero with the reason, no stack trace
            StringWriter err = new StringWriter();
            CommandLine cmd = Main.newCommandLine();
            cmd.setErr(new PrintWriter(err, true));
            int exit = cmd.execute("planner", "--policy=sync", "--kafka-bootstrap-servers=" + RIG.bootstrap(), "--http-port=0");
            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).contains("streamdns planner: refusing to start")
                    .contains("topic streamdns.sources: cleanup.policy is 'compact,delete'").doesNotContain("\tat ");
        } finally {
            setPolicy(Topics.SOURCES, "compact");
        }
        start(shared(null));
    }

    @Test
    @Order(3)
    void explicitPartitionCountOtherThanTheTopicsIsRefused() {
        assertThatThrownBy(() -> start(shared(12))).isInstanceOf(StartRefusedException.class)
                .hasMessageContaining("--partitions is 12, but the existing topic streamdns.sources has 6 partitions");
    }

    @Test
    @Order(4)
    void partitionCountMismatchIsRefused() throws Exception {
        RIG.admin().createPartitions(Map.of(Topics.PLANS, NewPartitions.increaseTo(8))).all().get(30, TimeUnit.SECONDS);
        try {
            assertThatThrownBy(() -> start(shared(null))).isInstanceOf(StartRefusedException.class)
                    .hasMessageContaining("topic streamdns.plans: partitions is 8, but streamdns.sources has 6");
        } finally {
            recreate(Topics.PLANS);
        }
        start(shared(null));
    }

    static PipelineSettings domains(String... includes) {
        return PipelineSettings.ofDomains(DomainFilter.of(List.of(includes), List.of()));
    }

    static void start(String stage, PipelineSettings settings) {
        StageLauncher.start(shared(null), stage, false, settings, 1).close();
    }

    @Test
    @Order(5)
    void stageWhoseDomainFilterDisagreesRefusesToStart() {
        start("watcher-c1", domains("example.com"));
        assertThat(PipelineConfig.read(RIG.bootstrap()).orElseThrow().domainFilters()).containsExactly("example.com");
        PipelineSettings applier = domains("example.org").withTxt("owner-1", "", "", "");
        assertThatThrownBy(() -> start("applier", applier)).isInstanceOf(StartRefusedException.class)
                .hasMessageContaining("applier's flags disagree with the pipeline's settings")
                .hasMessageContaining("--domain-filter: the pipeline has example.com, this stage has example.org")
                .hasMessageContaining("streamdns config set");
        // the refused stage wrote nothing: its owner id did not become the pipeline's
        assertThat(PipelineConfig.read(RIG.bootstrap()).orElseThrow().txtOwnerId()).isNull();
    }

    @Test
    @Order(6)
    void aStageAddsTheFieldsThePipelineLacksAndLaterStagesMustAgreeWithThem() {
        start("planner", domains("example.com").withTxt("owner-1", "", "", "").withManagedRecordTypes(List.of("A", "CNAME")));
        PipelineSettings stored = PipelineConfig.read(RIG.bootstrap()).orElseThrow();
        assertThat(stored.txtOwnerId()).isEqualTo("owner-1");
        assertThat(stored.partitions()).isEqualTo(6);
        start("watcher-c2", domains("EXAMPLE.com."));
        assertThatThrownBy(() -> start("applier", domains("example.com").withTxt("owner-2", "", "", "")))
                .isInstanceOf(StartRefusedException.class)
                .hasMessageContaining("--txt-owner-id: the pipeline has owner-1, this stage has owner-2");
    }

    @Test
    @Order(7)
    void configSetIsTheDeliberateChange() {
        StringWriter out = new StringWriter();
        CommandLine cmd = Main.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        assertThat(cmd.execute("config", "set", "--kafka-bootstrap-servers=" + RIG.bootstrap(),
                "--domain-filter=example.org")).isZero();
        assertThat(out.toString()).contains("--domain-filter=example.org", "--txt-owner-id=owner-1");
        start("applier", domains("example.org").withTxt("owner-1", "", "", ""));
        assertThatThrownBy(() -> start("watcher-c1", domains("example.com"))).isInstanceOf(StartRefusedException.class)
                .hasMessageContaining("--domain-filter: the pipeline has example.org, this stage has example.com");

        // the regular expressions override the domain lists in every stage: a stage without the pipeline's is refused
        assertThat(cmd.execute("config", "set", "--kafka-bootstrap-servers=" + RIG.bootstrap(),
                "--regex-domain-exclusion=^internal\\.")).isZero();
        assertThatThrownBy(() -> start("applier", domains("example.org").withTxt("owner-1", "", "", "")))
                .isInstanceOf(StartRefusedException.class)
                .hasMessageContaining("--regex-domain-exclusion: the pipeline has ^internal\\., this stage has (none)");
        start("applier", PipelineSettings.ofDomains(DomainFilter.of(List.of("example.org"), List.of(),
                DomainFilter.Regex.of("", "^internal\\."))).withTxt("owner-1", "", "", ""));
        assertThat(cmd.execute("config", "set", "--kafka-bootstrap-servers=" + RIG.bootstrap(),
                "--regex-domain-exclusion=(")).isNotZero(); // not a regular expression: refused, nothing written
        assertThat(PipelineConfig.read(RIG.bootstrap()).orElseThrow().regexDomainExclusion()).isEqualTo("^internal\\.");
        assertThat(cmd.execute("config", "set", "--kafka-bootstrap-servers=" + RIG.bootstrap(),
                "--regex-domain-exclusion=")).isZero(); // empty: none, as the later tests expect
    }

    @Test
    @Order(8)
    void twoStagesStartingAtOnceOnAnEmptyTopicCannotBothPass() throws Exception {
        for (int round = 0; round < 5; round++) {
            clearConfig();
            PipelineSettings a = domains("a" + round + ".example.com");
            PipelineSettings b = domains("b" + round + ".example.com");
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService two = Executors.newFixedThreadPool(2);
            try {
                var fa = two.submit(() -> agreeAt(together, a, "stage-a"));
                var fb = two.submit(() -> agreeAt(together, b, "stage-b"));
                Throwable ea = failure(fa);
                Throwable eb = failure(fb);
                assertThat(ea == null ^ eb == null).as("round %d: exactly one stage starts (a: %s, b: %s)", round, ea, eb)
                        .isTrue();
                PipelineSettings winner = ea == null ? a : b;
                PipelineSettings loser = ea == null ? b : a;
                assertThat(ea == null ? eb : ea).isInstanceOf(StartRefusedException.class)
                        .hasMessageContaining("--domain-filter: the pipeline has " + winner.domainFilters().get(0)
                                + ", this stage has " + loser.domainFilters().get(0));
                assertThat(PipelineConfig.read(RIG.bootstrap())).contains(winner);
            } finally {
                two.shutdownNow();
            }
        }
    }

    private static PipelineSettings agreeAt(CyclicBarrier together, PipelineSettings mine,
                                            String stage) throws Exception {
        together.await(30, TimeUnit.SECONDS);
        return PipelineConfig.agree(RIG.bootstrap(), mine, stage);
    }

    private static Throwable failure(Future<?> f) throws Exception {
        try {
            f.get(60, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** A tombstone: the pipeline has no settings, as on a new topic. */
    private static void clearConfig() throws Exception {
        try (var producer = new KafkaProducer<String, byte[]>(
                new HashMap<String, Object>(KafkaSettings.producer(
                        RIG.bootstrap(), "it-config-clear")))) {
            producer.send(new ProducerRecord<>(Topics.CONFIG, 0, Topics.CONFIG_KEY, null))
                    .get(30, TimeUnit.SECONDS);
        }
        assertThat(PipelineConfig.read(RIG.bootstrap())).isEmpty();
    }

    private static void setPolicy(String topic, String policy) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Map<ConfigResource, Collection<AlterConfigOp>> ops = Map.of(resource, List.of(new AlterConfigOp(
                new ConfigEntry("cleanup.policy", policy), AlterConfigOp.OpType.SET)));
        RIG.admin().incrementalAlterConfigs(ops).all().get(30, TimeUnit.SECONDS);
    }

    /** Deletes a topic and makes it again as streamdns would (a deleted topic lingers for a moment). */
    private static void recreate(String topic) throws Exception {
        RIG.admin().deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                RIG.admin().createTopics(List.of(new NewTopic(topic, 6, (short) 1).configs(Topics.spec(topic).configs())))
                        .all().get(30, TimeUnit.SECONDS);
                break;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
        while (true) { // until its partitions are known to the broker
            try {
                RIG.admin().describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic))).all()
                        .get(30, TimeUnit.SECONDS);
                if (RIG.admin().describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                        .partitions().stream().allMatch(p -> p.leader() != null)) {
                    return;
                }
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(200);
        }
    }
}
