package io.streamdns.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.streamdns.app.TestStages;
import io.streamdns.model.Topics;
import io.streamdns.model.ZoneRecord;
import io.streamdns.runtime.kafka.KafkaClientProperties;
import io.streamdns.runtime.kafka.KafkaClientSecurity;
import io.streamdns.runtime.kafka.KafkaPreflight;
import io.streamdns.runtime.kafka.KafkaSettings;
import io.streamdns.runtime.kafka.TopicAdmin;
import io.streamdns.sandbox.k8s.KubernetesEmulator;
import io.streamdns.sandbox.kafka.EmbeddedKafka;
import io.streamdns.sandbox.kafka.SecureListeners;
import io.streamdns.sandbox.kafka.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KafkaUsers of deploy/kafka/users.yaml, enforced: a broker with ACLs on (nothing allowed without one), each
 * stage as its own SCRAM user with exactly the ACLs the manifest grants. The pipeline works, and a stage cannot do
 * what its user is not granted (a watcher writing plans, a planner joining the appliers' group).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class KafkaAclsIT {
    private static final Path USERS = Path.of("../deploy/kafka/users.yaml");
    @TempDir
    static Path dir;
    static TestPki pki;
    static Pipeline pipeline;
    static EmbeddedKafka kafka;
    static int port;
    /** One listener, several spellings of its address: the client settings are registered per spelling. */
    static final Map<String, String> SERVERS_OF_USER = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(dir.resolve("pki"), "acl CA", "acl-store-pw");
        kafka = EmbeddedKafka.startSecure(3, SecureListeners.of(pki, false, Map.of()).withAuthorization());
        port = Integer.parseInt(kafka.saslSslBootstrapServers().split(":")[1]);
        List<String> spellings = List.of("127.0.0.1:" + port, "localhost:" + port, "127.0.0.1:" + port + ",localhost:" + port,
                "localhost:" + port + ",127.0.0.1:" + port);
        List<AclBinding> bindings = new ArrayList<>();
        int i = 0;
        for (GenericKubernetesResource user : users()) {
            String name = user.getMetadata().getName();
            if (name.startsWith("streamdns-watcher-")) {
                continue; // a spoke's user: the watcher's ACLs (DeployManifestsTest checks that)
            }
            kafka.createScramUser(name, name + "-pw");
            bindings.addAll(bindings(user));
            SERVERS_OF_USER.put(name, spellings.get(i++));
        }
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
        }
        for (var e : SERVERS_OF_USER.entrySet()) {
            KafkaPreflight.connect(e.getValue(), scram(e.getKey()), Duration.ofSeconds(10));
            // what every command does at start: the topics must be visible (Describe) to each user
            assertThat(TopicAdmin.ensureTopics(e.getValue(), 3, (short) -1)).as(e.getKey()).isEqualTo(3);
        }
        pipeline = new Pipeline("acl.example", kafka, kafka.saslSslBootstrapServers());
    }

    @AfterAll
    static void stop() {
        SERVERS_OF_USER.values().forEach(KafkaClientSecurity::unregister);
        if (pipeline != null) {
            pipeline.close();
        } else if (kafka != null) {
            kafka.close();
        }
    }

    private static KafkaClientProperties scram(String user) {
        return KafkaClientProperties.of(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + user + "\" password=\"" + user + "-pw\";",
                "ssl.truststore.location", pki.truststore().toString(), "ssl.truststore.password", pki.password()));
    }

    @Test
    void eachStageWorksWithItsOwnUsersAcls() {
        KubernetesEmulator k8s = pipeline.cluster(dir, "acl");
        pipeline.deployOn(SERVERS_OF_USER.get("streamdns-watcher"), TestStages.watcher(), "--cluster-name=cluster-acl",
                "--kubeconfig=" + dir.resolve("kubeconfig-acl"), "--domain-filter=acl.example");
        // the groups the ACLs name: the stages' default group ids
        pipeline.deployOn(SERVERS_OF_USER.get("streamdns-planner"), TestStages.planner(), "--txt-owner-id=acl", "--policy=sync",
                "--domain-filter=acl.example");
        pipeline.deployOn(SERVERS_OF_USER.get("streamdns-applier"), TestStages.applier(), pipeline.applierArgsEndpoint(),
                "--txt-owner-id=acl", "--domain-filter=acl.example");
        k8s.client().services().inNamespace("default").resource(EndToEndIT.lbService("web", "www.acl.example")).create();
        k8s.setServiceLoadBalancer("default", "web", "203.0.113.31");
        List<ZoneRecord> zone = pipeline.await("www A + TXT", z -> EndToEndIT.hasA(z, "www.acl.example", "203.0.113.31")
                && EndToEndIT.txt(z, "a-www.acl.example") != null);
        assertThat(EndToEndIT.txt(zone, "a-www.acl.example").values().get(0)).contains("external-dns/owner=acl");
        k8s.client().services().inNamespace("default").withName("web").delete();
        pipeline.await("www gone", z -> z.stream().noneMatch(r -> r.name().endsWith("www.acl.example")));
    }

    @Test
    void aWatcherCannotWritePlansNorAuditAnything() {
        for (String user : List.of("streamdns-watcher", "streamdns-audit")) {
            String servers = SERVERS_OF_USER.get(user);
            Map<String, Object> config = new HashMap<>(KafkaSettings.producer(servers, "acl-it-" + user));
            config.put("max.block.ms", "10000");
            try (var producer = new KafkaProducer<String, byte[]>(config)) {
                // the watcher: no Write on plans; audit: no Write at all, so not even an idempotent producer id. That
                // refusal fails the send's future, or, when it came first, send itself (the producer is in its error
                // state then, the refusal as the cause): either way nothing is written, for the reason named
                Throwable thrown = catchThrowable(() -> producer.send(new ProducerRecord<>(Topics.PLANS,
                        "acl.example|x", new byte[] {1})).get(20, TimeUnit.SECONDS));
                assertThat(thrown).as(user).isNotNull();
                List<Throwable> chain = new ArrayList<>();
                for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
                    chain.add(t);
                }
                assertThat(chain).as(user + ": %s", thrown).anyMatch(t -> t instanceof TopicAuthorizationException
                        || t instanceof ClusterAuthorizationException);
            }
        }
    }

    @Test
    void aPlannerCannotJoinTheAppliersGroup() {
        Map<String, Object> config = new HashMap<>(KafkaSettings.consumer(SERVERS_OF_USER.get("streamdns-planner"),
                "streamdns-applier", "acl-it"));
        try (var consumer = new KafkaConsumer<String, byte[]>(config)) {
            consumer.subscribe(List.of(Topics.PLANS));
            assertThatThrownBy(() -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200));
                }
            }).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    private static List<GenericKubernetesResource> users() throws Exception {
        KubernetesSerialization yaml = new KubernetesSerialization();
        List<GenericKubernetesResource> out = new ArrayList<>();
        for (String doc : Files.readString(USERS).split("(?m)^---\\s*$")) {
            if (!doc.isBlank()) {
                out.add(yaml.unmarshal(doc, GenericKubernetesResource.class));
            }
        }
        assertThat(out).isNotEmpty();
        return out;
    }

    /** Strimzi's simple authorization, as the broker's ACL bindings (what the User Operator creates). */
    private static List<AclBinding> bindings(GenericKubernetesResource user) {
        String principal = "User:" + user.getMetadata().getName();
        Map<?, ?> authz = (Map<?, ?>) ((Map<?, ?>) user.get("spec")).get("authorization");
        List<AclBinding> out = new ArrayList<>();
        for (Object o : (List<?>) authz.get("acls")) {
            Map<?, ?> acl = (Map<?, ?>) o;
            Map<?, ?> resource = (Map<?, ?>) acl.get("resource");
            ResourcePattern pattern = new ResourcePattern(
                    ResourceType.fromString(String.valueOf(resource.get("type")).toUpperCase(Locale.ROOT)),
                    String.valueOf(resource.get("name")),
                    "prefix".equals(resource.get("patternType")) ? PatternType.PREFIXED : PatternType.LITERAL);
            for (Object op : (List<?>) acl.get("operations")) {
                out.add(new AclBinding(pattern, new AccessControlEntry(principal, "*",
                        // Strimzi spells DescribeConfigs, the enum DESCRIBE_CONFIGS
                        AclOperation.fromString(String.valueOf(op).replaceAll("([a-z])([A-Z])", "$1_$2")),
                        AclPermissionType.ALLOW)));
            }
        }
        return out;
    }
}
