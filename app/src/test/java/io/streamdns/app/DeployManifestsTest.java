package io.streamdns.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.streamdns.model.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * No cluster and no Docker engine here, so the manifests are checked the way a reviewer would: every one parses into
 * fabric8's model, cross-references hold, and every flag or env var names an option the CLI really has.
 */
class DeployManifestsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static List<HasMetadata> resources;

    @BeforeAll
    static void parseAll() throws IOException {
        resources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("deploy"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString().equals("kustomization.yaml")).toList()) {
                for (String doc : Files.readString(file).split("(?m)^---\\s*$")) {
                    if (!doc.isBlank()) {
                        HasMetadata r = YAML.unmarshal(doc);
                        assertThat(r).as(file + " parses").isNotNull();
                        resources.add(r);
                    }
                }
            }
        }
    }

    @Test
    void kustomizationsListExistingFiles() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve("deploy"))) {
            for (Path k : files.filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList()) {
                Map<String, Object> kustomization = YAML.unmarshal(Files.readString(k), Map.class);
                @SuppressWarnings("unchecked")
                List<String> listed = (List<String>) kustomization.getOrDefault("resources", List.of());
                for (String r : listed) {
                    assertThat(k.getParent().resolve(r)).as(k + " lists " + r).exists();
                }
            }
        }
    }

    @Test
    void deploymentsAreWiredAndHardened() {
        List<Deployment> deployments = of(Deployment.class);
        assertThat(deployments).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("streamdns-watcher", "streamdns-planner", "streamdns-applier");
        Set<String> accounts = of(ServiceAccount.class).stream().map(a -> a.getMetadata().getName()).collect(Collectors.toSet());
        for (Deployment d : deployments) {
            var spec = d.getSpec();
            assertThat(spec.getTemplate().getMetadata().getLabels()).as(d.getMetadata().getName() + " selector")
                    .containsAllEntriesOf(spec.getSelector().getMatchLabels());
            assertThat(accounts).contains(spec.getTemplate().getSpec().getServiceAccountName());
            assertThat(spec.getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
            Container c = spec.getTemplate().getSpec().getContainers().get(0);
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
            String portName = c.getReadinessProbe().getHttpGet().getPort().getStrVal();
            int containerPort = c.getPorts().stream().filter(p -> p.getName().equals(portName)).findFirst().orElseThrow().getContainerPort();
            assertThat(env(c)).containsEntry("STREAMDNS_HTTP_PORT", Integer.toString(containerPort));
            assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
            // a stage on its own refuses to start without it (no private embedded broker)
            assertThat(env(c)).as(d.getMetadata().getName()).containsKey("STREAMDNS_KAFKA_BOOTSTRAP_SERVERS");
            assertCliKnows(c.getArgs().get(0), env(c).keySet().stream().filter(k -> k.startsWith("STREAMDNS_"))
                    .collect(Collectors.toSet()), List.of());
        }
    }

    @Test
    void watcherRoleIsReadOnly() {
        ClusterRole role = named(ClusterRole.class, "streamdns-watcher");
        assertThat(role.getRules()).allSatisfy(r -> assertThat(r.getVerbs()).containsOnly("get", "list", "watch"));
        assertThat(role.getRules().stream().flatMap(r -> r.getResources().stream()))
                .contains("services", "endpointslices", "nodes", "ingresses");
        ClusterRoleBinding binding = named(ClusterRoleBinding.class, "streamdns-watcher");
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects().get(0).getName()).isEqualTo("streamdns-watcher");
        // creating events is an opt-in component, bound to the same service account
        ClusterRole events = named(ClusterRole.class, "streamdns-watcher-events");
        assertThat(events.getRules()).allSatisfy(r -> assertThat(r.getResources()).containsOnly("events"));
        assertThat(named(ClusterRoleBinding.class, "streamdns-watcher-events").getSubjects().get(0).getName())
                .isEqualTo("streamdns-watcher");
    }

    private static <T extends HasMetadata> T named(Class<T> type, String name) {
        return of(type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void applierHasIrsaAndScalesOnPlanLag() {
        ServiceAccount applier = of(ServiceAccount.class).stream()
                .filter(a -> a.getMetadata().getName().equals("streamdns-applier")).findFirst().orElseThrow();
        assertThat(applier.getMetadata().getAnnotations()).containsKey("eks.amazonaws.com/role-arn");
        GenericKubernetesResource scaled = generic("ScaledObject").get(0);
        Map<String, Object> spec = scaled.get("spec");
        assertThat(((Map<?, ?>) spec.get("scaleTargetRef")).get("name")).isEqualTo("streamdns-applier");
        Map<?, ?> trigger = (Map<?, ?>) ((List<?>) spec.get("triggers")).get(0);
        Map<?, ?> meta = (Map<?, ?>) trigger.get("metadata");
        assertThat(meta.get("topic")).isEqualTo(Topics.PLANS);
        Deployment deployment = of(Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("streamdns-applier")).findFirst().orElseThrow();
        assertThat(env(deployment.getSpec().getTemplate().getSpec().getContainers().get(0)))
                .containsEntry("STREAMDNS_AWS_API_RATE_SHARE", spec.get("maxReplicaCount").toString());
    }

    @Test
    void kafkaTopicsMatchTheTopicsTheStagesUse() {
        List<GenericKubernetesResource> topics = generic("KafkaTopic");
        assertThat(topics).extracting(t -> t.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Stream.concat(Topics.ALL.stream().map(Topics.Spec::name),
                        Stream.of(Topics.CONFIG)).toList());
        Set<Object> partitionCounts = topics.stream().filter(t -> !t.getMetadata().getName().equals(Topics.CONFIG))
                .map(t -> ((Map<?, ?>) t.get("spec")).get("partitions")).collect(Collectors.toSet());
        assertThat(partitionCounts).as("co-partitioning needs one partition count").hasSize(1);
        assertThat(topics.stream().filter(t -> t.getMetadata().getName().equals(Topics.CONFIG))
                .map(t -> (Object) ((Map<?, ?>) t.get("spec")).get("partitions")).toList()).containsExactly(1);
        for (GenericKubernetesResource t : topics) {
            Map<?, ?> config = (Map<?, ?>) ((Map<?, ?>) t.get("spec")).get("config");
            assertThat(config.get("cleanup.policy")).as(t.getMetadata().getName())
                    .isEqualTo(Topics.spec(t.getMetadata().getName()).compacted() ? "compact" : "delete");
        }
        assertThat(generic("Kafka")).hasSize(1);
    }

    @Test
    void dockerComposeCommandsAndEnvMatchTheCli() throws IOException {
        Map<String, Object> compose = YAML.unmarshal(Files.readString(ROOT.resolve("docker-compose.yml")), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsKeys("kafka", "route53", "watcher", "planner", "applier");
        for (var entry : services.entrySet()) {
            if (entry.getKey().equals("kafka")) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<String> command = (List<String>) entry.getValue().get("command");
            @SuppressWarnings("unchecked")
            Map<String, Object> env = (Map<String, Object>) entry.getValue().getOrDefault("environment", Map.of());
            Set<String> streamdnsEnv = env.keySet().stream().filter(k -> k.startsWith("STREAMDNS_")).collect(Collectors.toSet());
            List<String> flags = command.stream().filter(a -> a.startsWith("--")).toList();
            if (Set.of("watcher", "planner", "applier").contains(command.get(0))) {
                assertThat(streamdnsEnv).as(entry.getKey()).contains("STREAMDNS_KAFKA_BOOTSTRAP_SERVERS");
            }
            assertCliKnows(command.get(0), streamdnsEnv, flags);
        }
        assertThat(Files.readString(ROOT.resolve("Dockerfile"))).contains("USER 10001").contains("streamdns.jar");
    }

    private static void assertCliKnows(String subcommand, Set<String> envVars, List<String> flags) {
        CommandLine sub = Main.newCommandLine().getSubcommands().get(subcommand);
        assertThat(sub).as("subcommand " + subcommand).isNotNull();
        Set<String> options = sub.getCommandSpec().options().stream()
                .flatMap(o -> Arrays.stream(o.names())).collect(Collectors.toSet());
        for (String flag : flags) {
            assertThat(options).as(subcommand + " knows " + flag).contains(flag);
        }
        Set<String> knownEnv = options.stream().filter(o -> o.startsWith("--")).map(EnvDefaults::envName).collect(Collectors.toSet());
        for (String var : envVars) {
            assertThat(knownEnv).as(subcommand + " reads " + var).contains(var);
        }
    }

    private static Map<String, String> env(Container c) {
        return c.getEnv().stream().filter(e -> e.getValue() != null).collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private static <T> List<T> of(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<GenericKubernetesResource> generic(String kind) {
        return resources.stream().filter(r -> r instanceof GenericKubernetesResource && r.getKind().equals(kind))
                .map(GenericKubernetesResource.class::cast).toList();
    }
}
