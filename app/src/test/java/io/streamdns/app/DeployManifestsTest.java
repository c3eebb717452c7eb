package io.streamdns.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.streamdns.model.Topics;
import io.streamdns.watcher.WatcherConfig;
import io.streamdns.watcher.WatcherRbac;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import picocli.CommandLine;

/**
 * No cluster and no Docker engine here, so the manifests are checked the way a reviewer would: every overlay is
 * built with {@code kubectl kustomize} (offline) and its output parsed into fabric8's model; cross-references hold,
 * every flag or env var names an option the CLI really has, and the Kafka ACLs match the topics the code uses.
 */
class DeployManifestsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DEPLOY = ROOT.resolve("deploy");
    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final List<String> OVERLAYS = List.of("hub", "spoke", "single");
    private static final Map<String, List<HasMetadata>> BUILT = new HashMap<>();

    @BeforeAll
    static void buildOverlays() throws Exception {
        for (String overlay : OVERLAYS) {
            BUILT.put(overlay, build(DEPLOY.resolve("overlays").resolve(overlay)));
        }
    }

    /** {@code kubectl kustomize DIR}: the build an operator's {@code kubectl apply -k} would apply. */
    private static List<HasMetadata> build(Path dir) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("DeployManifestsTest builds the overlays with `kubectl kustomize`: put kubectl "
                    + "(1.27+, kustomize v5) on the PATH", e);
        }
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("kubectl kustomize " + dir + ":\n" + out).isZero();
        return parse(out);
    }

    private static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> out = new ArrayList<>();
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            if (!doc.isBlank()) {
                HasMetadata r = YAML.unmarshal(doc);
                assertThat(r).as("parses: " + doc).isNotNull();
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void everyOverlayIsCovered() throws IOException {
        try (Stream<Path> dirs = Files.list(DEPLOY.resolve("overlays"))) {
            assertThat(dirs.map(d -> d.getFileName().toString())).containsExactlyInAnyOrderElementsOf(OVERLAYS);
        }
    }

    @Test
    void clusterNameComesFromTheOverlayOnly() throws Exception {
        // the shared watcher sets none: built on its own, it has no cluster name (so an overlay that forgets fails)
        assertThat(clusterNames(build(DEPLOY.resolve("watcher")))).containsExactly((String) null);
        assertThat(Files.readString(DEPLOY.resolve("watcher/watcher.yaml"))).doesNotContain("change-me");
        String hub = clusterNames(BUILT.get("hub")).get(0);
        String spoke = clusterNames(BUILT.get("spoke")).get(0);
        String single = clusterNames(BUILT.get("single")).get(0);
        assertThat(List.of(hub, spoke, single)).doesNotContainNull().noneMatch(n -> n.isBlank() || n.equals("change-me"));
        assertThat(hub).as("hub and spoke are different clusters").isNotEqualTo(spoke);
    }

    private static List<String> clusterNames(List<HasMetadata> built) {
        return of(built, Deployment.class).stream().filter(d -> List.of("watcher", "run").contains(args(d).get(0)))
                .map(d -> env(container(d)).get("STREAMDNS_CLUSTER_NAME")).collect(Collectors.toCollection(ArrayList::new));
    }

    @Test
    void deploymentsAreWiredAndHardened() {
        Map<String, Set<String>> expected = Map.of(
                "hub", Set.of("streamdns-watcher", "streamdns-planner", "streamdns-applier"),
                "spoke", Set.of("streamdns-watcher"),
                "single", Set.of("streamdns"));
        for (String overlay : OVERLAYS) {
            List<HasMetadata> built = BUILT.get(overlay);
            List<Deployment> deployments = of(built, Deployment.class);
            assertThat(deployments).extracting(d -> d.getMetadata().getName()).as(overlay)
                    .containsExactlyInAnyOrderElementsOf(expected.get(overlay));
            Map<String, ServiceAccount> accounts = of(built, ServiceAccount.class).stream()
                    .collect(Collectors.toMap(a -> a.getMetadata().getName(), a -> a));
            for (Deployment d : deployments) {
                String what = overlay + "/" + d.getMetadata().getName();
                var spec = d.getSpec();
                var pod = spec.getTemplate().getSpec();
                assertThat(spec.getTemplate().getMetadata().getLabels()).as(what + " selector")
                        .containsAllEntriesOf(spec.getSelector().getMatchLabels());
                assertThat(accounts).as(what).containsKey(pod.getServiceAccountName());
                assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
                Container c = container(d);
                assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
                assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
                assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
                String portName = c.getReadinessProbe().getHttpGet().getPort().getStrVal();
                int containerPort = c.getPorts().stream().filter(p -> p.getName().equals(portName)).findFirst().orElseThrow().getContainerPort();
                assertThat(env(c)).containsEntry("STREAMDNS_HTTP_PORT", Integer.toString(containerPort));
                assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
                assertCliKnows(args(d).get(0), env(c).keySet().stream().filter(k -> k.startsWith("STREAMDNS_"))
                        .collect(Collectors.toSet()), List.of());
                // only what watches Kubernetes gets an API token
                boolean watches = List.of("watcher", "run").contains(args(d).get(0));
                Boolean podToken = pod.getAutomountServiceAccountToken();
                Boolean accountToken = accounts.get(pod.getServiceAccountName()).getAutomountServiceAccountToken();
                boolean mounted = podToken != null ? podToken : accountToken == null || accountToken;
                assertThat(mounted).as(what + " mounts an API token").isEqualTo(watches);
            }
        }
    }

    @Test
    void kafkaClientsUseTlsAndTheirOwnUser() {
        for (String overlay : List.of("hub", "spoke")) {
            for (Deployment d : of(BUILT.get(overlay), Deployment.class)) {
                String what = overlay + "/" + d.getMetadata().getName();
                Container c = container(d);
                List<String> names = c.getEnv().stream().map(EnvVar::getName).toList();
                // Kubernetes expands $(VAR) only from variables defined before
                assertThat(names.indexOf("KAFKA_SASL_JAAS_CONFIG")).as(what).isNotNegative()
                        .isLessThan(names.indexOf("STREAMDNS_KAFKA_PROPERTY"));
                assertThat(env(c)).as(what).containsEntry("STREAMDNS_KAFKA_PROPERTY", "sasl.jaas.config=$(KAFKA_SASL_JAAS_CONFIG)")
                        .containsEntry("STREAMDNS_KAFKA_CONFIG", "/etc/streamdns/kafka/client.properties");
                String user = secretKeyRef(c, "KAFKA_SASL_JAAS_CONFIG");
                assertThat(user).as(what + " own user").startsWith(d.getMetadata().getName());
                assertThat(env(c).get("STREAMDNS_KAFKA_BOOTSTRAP_SERVERS")).as(what).endsWith(overlay.equals("hub") ? ":9093" : ":9094");
            }
            String properties = (String) of(BUILT.get(overlay), ConfigMap.class).stream()
                    .filter(m -> m.getMetadata().getName().equals("streamdns-kafka-client")).findFirst().orElseThrow()
                    .getData().get("client.properties");
            assertThat(properties).contains("security.protocol=SASL_SSL", "sasl.mechanism=SCRAM-SHA-512")
                    .doesNotContain("password");
        }
    }

    @Test
    void everySecretReferenceResolves() {
        Set<String> hubSecrets = generatedSecrets(BUILT.get("hub"));
        assertThat(referencedSecrets(BUILT.get("hub"))).isNotEmpty().isSubsetOf(hubSecrets);
        // a spoke's Secrets are copies of the hub's (its KafkaUser's and the cluster CA), see overlays/spoke
        assertThat(referencedSecrets(BUILT.get("spoke"))).isNotEmpty().isSubsetOf(hubSecrets);
        assertThat(referencedSecrets(BUILT.get("single"))).isEmpty();
    }

    /** Strimzi writes a Secret per KafkaUser (its name) and the cluster CA's certificate ({cluster}-cluster-ca-cert). */
    private static Set<String> generatedSecrets(List<HasMetadata> built) {
        Set<String> out = new TreeSet<>();
        generic(built, "KafkaUser").forEach(u -> out.add(u.getMetadata().getName()));
        generic(built, "Kafka").forEach(k -> out.add(k.getMetadata().getName() + "-cluster-ca-cert"));
        of(built, Secret.class).forEach(s -> out.add(s.getMetadata().getName()));
        return out;
    }

    private static Set<String> referencedSecrets(List<HasMetadata> built) {
        Set<String> out = new TreeSet<>();
        for (Deployment d : of(built, Deployment.class)) {
            var pod = d.getSpec().getTemplate().getSpec();
            pod.getVolumes().stream().filter(v -> v.getSecret() != null).forEach(v -> out.add(v.getSecret().getSecretName()));
            pod.getContainers().forEach(c -> c.getEnv().stream().filter(e -> e.getValueFrom() != null
                    && e.getValueFrom().getSecretKeyRef() != null).forEach(e -> out.add(e.getValueFrom().getSecretKeyRef().getName())));
        }
        for (GenericKubernetesResource auth : generic(built, "TriggerAuthentication")) {
            List<?> refs = (List<?>) ((Map<?, ?>) auth.get("spec")).get("secretTargetRef");
            refs.forEach(r -> out.add((String) ((Map<?, ?>) r).get("name")));
        }
        return out;
    }

    @Test
    void spokeRunsAWatcherOnly() {
        List<HasMetadata> spoke = BUILT.get("spoke");
        assertThat(spoke).noneMatch(r -> r.getKind().startsWith("Kafka") || r.getKind().equals("ScaledObject"));
        assertThat(of(spoke, Deployment.class)).allSatisfy(d -> assertThat(args(d)).containsExactly("watcher"));
        assertThat(of(BUILT.get("hub"), Deployment.class)).extracting(d -> args(d).get(0))
                .containsExactlyInAnyOrder("watcher", "planner", "applier");
    }

    @Test
    void kafkaListenersAreTlsWithAuthentication() {
        GenericKubernetesResource kafka = generic(BUILT.get("hub"), "Kafka").get(0);
        Map<?, ?> spec = (Map<?, ?>) ((Map<?, ?>) kafka.get("spec")).get("kafka");
        assertThat(((Map<?, ?>) spec.get("authorization")).get("type")).isEqualTo("simple");
        List<?> listeners = (List<?>) spec.get("listeners");
        assertThat(listeners).isNotEmpty().allSatisfy(l -> {
            Map<?, ?> listener = (Map<?, ?>) l;
            assertThat(listener.get("tls")).as(listener.get("name") + " tls").isEqualTo(true);
            assertThat(((Map<?, ?>) listener.get("authentication")).get("type")).as(listener.get("name") + " authentication")
                    .isIn("scram-sha-512", "tls");
        });
        assertThat(listeners).anySatisfy(l -> assertThat(((Map<?, ?>) l).get("type")).isIn("loadbalancer", "ingress"));
        // the in-cluster listener is reachable from the streamdns stages only
        Map<?, ?> internal = (Map<?, ?>) listeners.stream().filter(l -> ((Map<?, ?>) l).get("type").equals("internal"))
                .findFirst().orElseThrow();
        assertThat(internal.get("networkPolicyPeers").toString()).contains("app.kubernetes.io/part-of=streamdns");
    }

    /** Topics each stage's code names (model's Topics constants), plus the DLQ where it uses DeadLetters. */
    private static Set<String> topicsUsedBy(Path... sourceDirs) throws IOException {
        Map<String, String> constants = new HashMap<>();
        for (var f : Topics.class.getFields()) {
            if (f.getType() == String.class) {
                try {
                    constants.put(f.getName(), (String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        Set<String> used = new TreeSet<>();
        Pattern ref = Pattern.compile("Topics\\.([A-Z_]+)\\b");
        for (Path dir : sourceDirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String code = Files.readString(f);
                    Matcher m = ref.matcher(code);
                    while (m.find()) {
                        if (constants.containsKey(m.group(1))) {
                            used.add(constants.get(m.group(1)));
                        }
                    }
                    if (code.contains("DeadLetters")) {
                        used.add(Topics.DLQ);
                    }
                }
            }
        }
        return used;
    }

    @Test
    void kafkaUsersHoldLeastPrivilegeMatchingTheCode() throws IOException {
        List<HasMetadata> hub = BUILT.get("hub");
        // every stage's launcher reads and writes streamdns.config (PipelineConfig, before the stage starts)
        Map<String, Set<String>> expected = Map.of(
                "streamdns-watcher", withConfig(topicsUsedBy(ROOT.resolve("watcher/src/main/java"))),
                "streamdns-planner", withConfig(topicsUsedBy(ROOT.resolve("planner/src/main/java"))),
                "streamdns-applier", withConfig(topicsUsedBy(ROOT.resolve("applier/src/main/java"))),
                "streamdns-audit", topicsUsedBy(ROOT.resolve("app/src/main/java/io/streamdns/app/audit")));
        assertThat(expected.get("streamdns-watcher")).contains(Topics.SOURCES).doesNotContain(Topics.PLANS);
        Map<String, GenericKubernetesResource> users = generic(hub, "KafkaUser").stream()
                .collect(Collectors.toMap(u -> u.getMetadata().getName(), u -> u));
        assertThat(users).containsKeys(expected.keySet().toArray(String[]::new));
        for (var user : users.values()) {
            String name = user.getMetadata().getName();
            String stage = name.startsWith("streamdns-watcher") ? "streamdns-watcher" : name;
            List<Acl> acls = acls(user);
            assertThat(acls.stream().filter(a -> a.type.equals("topic")
                            && !Set.of("Describe", "DescribeConfigs").containsAll(a.operations))
                    .map(a -> a.name).collect(Collectors.toSet())).as(name + " reads/writes").isEqualTo(expected.get(stage));
            assertThat(acls).as(name).allSatisfy(a -> {
                assertThat(a.operations).isSubsetOf("Read", "Write", "Describe", "DescribeConfigs");
                if (a.pattern.equals("prefix")) {
                    // stages check the topics' settings at start (TopicAdmin: describeTopics, describeConfigs)
                    assertThat(a.operations).as(name + " prefix ACL " + a.name)
                            .containsExactlyInAnyOrder("Describe", "DescribeConfigs");
                }
            });
            Set<String> groups = acls.stream().filter(a -> a.type.equals("group")).map(a -> a.name).collect(Collectors.toSet());
            Set<String> writes = acls.stream().filter(a -> a.operations.contains("Write")).map(a -> a.name).collect(Collectors.toSet());
            switch (stage) {
                case "streamdns-watcher" -> {
                    assertThat(writes).containsExactlyInAnyOrder(Topics.SOURCES, Topics.DLQ, Topics.CONFIG);
                    assertThat(groups).isEmpty();
                }
                case "streamdns-planner" -> {
                    assertThat(writes).containsExactlyInAnyOrder(Topics.PLANS, Topics.DLQ, Topics.CONFIG);
                    assertThat(groups).containsExactly("streamdns-planner");
                }
                case "streamdns-applier" -> {
                    assertThat(writes).containsExactlyInAnyOrder(Topics.ZONE_STATE, Topics.RESULTS, Topics.DLQ, Topics.CONFIG);
                    assertThat(groups).containsExactly("streamdns-applier");
                }
                case "streamdns-audit" -> {
                    assertThat(writes).isEmpty();
                    assertThat(groups).isEmpty();
                }
                default -> throw new AssertionError("a KafkaUser for no known stage: " + name);
            }
        }
        // each spoke has its own user
        assertThat(users.keySet()).anyMatch(n -> n.startsWith("streamdns-watcher-"));
    }

    private static Set<String> withConfig(Set<String> topics) {
        Set<String> s = new TreeSet<>(topics);
        s.add(Topics.CONFIG);
        return s;
    }

    private record Acl(String type, String name, String pattern, Set<String> operations) {
    }

    private static List<Acl> acls(GenericKubernetesResource user) {
        Map<?, ?> authz = (Map<?, ?>) ((Map<?, ?>) user.get("spec")).get("authorization");
        List<Acl> out = new ArrayList<>();
        for (Object o : (List<?>) authz.get("acls")) {
            Map<?, ?> acl = (Map<?, ?>) o;
            Map<?, ?> resource = (Map<?, ?>) acl.get("resource");
            out.add(new Acl((String) resource.get("type"), (String) resource.get("name"),
                    resource.get("patternType") == null ? "literal" : String.valueOf(resource.get("patternType")),
                    ((List<?>) acl.get("operations")).stream().map(String::valueOf).collect(Collectors.toSet())));
        }
        return out;
    }

    @Test
    void disruptionBudgetsAndNetworkPolicies() {
        List<HasMetadata> hub = BUILT.get("hub");
        Map<String, PodDisruptionBudget> pdbs = of(hub, PodDisruptionBudget.class).stream()
                .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p));
        for (String stage : List.of("streamdns-planner", "streamdns-applier")) {
            assertThat(pdbs).containsKey(stage);
            assertThat(pdbs.get(stage).getSpec().getSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/name", stage);
        }
        for (String overlay : OVERLAYS) {
            List<NetworkPolicy> policies = of(BUILT.get(overlay), NetworkPolicy.class);
            assertThat(policies).as(overlay).isNotEmpty();
            NetworkPolicy p = policies.get(0);
            assertThat(p.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/part-of", "streamdns");
            assertThat(p.getSpec().getIngress()).singleElement().satisfies(rule -> {
                assertThat(rule.getFrom()).singleElement().satisfies(peer -> assertThat(peer.getNamespaceSelector()
                        .getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "monitoring"));
                assertThat(rule.getPorts()).singleElement().satisfies(port -> assertThat(port.getPort().getStrVal()).isEqualTo("http"));
            });
        }
    }

    @Test
    void singlePodRunsEverythingOnAVolume() {
        List<HasMetadata> single = BUILT.get("single");
        Deployment d = of(single, Deployment.class).get(0);
        assertThat(args(d)).containsExactly("run");
        assertThat(d.getSpec().getReplicas()).isEqualTo(1);
        assertThat(d.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        String dataDir = env(container(d)).get("STREAMDNS_DATA_DIR");
        assertThat(env(container(d))).doesNotContainKey("STREAMDNS_KAFKA_BOOTSTRAP_SERVERS");
        String volume = container(d).getVolumeMounts().stream().filter(m -> m.getMountPath().equals(dataDir))
                .findFirst().orElseThrow().getName();
        String claim = d.getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> v.getName().equals(volume))
                .findFirst().orElseThrow().getPersistentVolumeClaim().getClaimName();
        assertThat(of(single, PersistentVolumeClaim.class))
                .extracting(c -> c.getMetadata().getName()).containsExactly(claim);
        assertThat(single).noneMatch(r -> r.getKind().startsWith("Kafka"));
    }

    @Test
    void watcherRolesAreReadOnly() {
        for (String overlay : OVERLAYS) {
            for (ClusterRole role : of(BUILT.get(overlay), ClusterRole.class)) {
                assertThat(role.getRules()).allSatisfy(r -> assertThat(r.getVerbs()).isSubsetOf("get", "list", "watch"));
                // namespaces only to read the cluster identity (kube-system's UID)
                assertThat(role.getRules()).filteredOn(r -> r.getResources().contains("namespaces"))
                        .allSatisfy(r -> assertThat(r.getResourceNames()).containsExactly("kube-system"));
                assertThat(role.getRules().stream().flatMap(r -> r.getResources().stream()))
                        .contains("services", "endpointslices", "nodes", "ingresses");
                ClusterRoleBinding binding = of(BUILT.get(overlay), ClusterRoleBinding.class).stream()
                        .filter(b -> b.getRoleRef().getName().equals(role.getMetadata().getName())).findFirst().orElseThrow();
                String account = binding.getSubjects().get(0).getName();
                assertThat(of(BUILT.get(overlay), Deployment.class))
                        .anyMatch(d -> d.getSpec().getTemplate().getSpec().getServiceAccountName().equals(account));
            }
        }
    }

    /** The sources components of deploy/components, one per optional source (see WatcherRbac). */
    static final List<String> SOURCE_COMPONENTS = List.of("crd", "node", "gateway-httproute", "gateway-grpcroute",
            "gateway-tlsroute", "gateway-tcproute", "gateway-udproute", "istio-gateway", "istio-virtualservice");

    @Test
    void everyOptionalSourceHasItsComponent() throws IOException {
        Set<String> optional = new TreeSet<>(WatcherConfig.SOURCES);
        optional.removeAll(List.of("service", "ingress")); // in the shared watcher's own ClusterRole
        assertThat(SOURCE_COMPONENTS).containsExactlyInAnyOrderElementsOf(optional);
        for (String source : optional) {
            assertThat(DEPLOY.resolve("components/source-" + source + "/kustomization.yaml")).exists();
        }
    }

    @Test
    void everyOverlayGrantsExactlyWhatItsWatcherSourcesNeed() {
        for (String overlay : OVERLAYS) {
            assertGrantsMatchSources(overlay, BUILT.get(overlay));
        }
    }

    /**
     * Each source component on top of the shared watcher, with the source added to STREAMDNS_SOURCE as its
     * comment says: the ClusterRoles bound to the watcher grow by exactly what WatcherRbac says the source needs.
     */
    @ParameterizedTest
    @FieldSource("SOURCE_COMPONENTS")
    void sourceComponentGrantsExactlyWhatItsSourceNeeds(String source) throws Exception {
        Path dir = ROOT.resolve("app/target/deploy-check/source-" + source);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kustomization.yaml"), String.join("\n",
                "apiVersion: kustomize.config.k8s.io/v1beta1",
                "kind: Kustomization",
                "resources:",
                "  - " + dir.relativize(DEPLOY.resolve("watcher")),
                "components:",
                "  - " + dir.relativize(DEPLOY.resolve("components/source-" + source)),
                "patches:",
                "  - target: {kind: Deployment, name: streamdns-watcher}",
                "    patch: |-",
                "      - op: replace",
                "        path: /spec/template/spec/containers/0/env/" + sourceEnvIndex(),
                "        value: {name: STREAMDNS_SOURCE, value: \"service,ingress," + source + "\"}", ""));
        List<HasMetadata> built = build(dir);
        assertThat(env(container(of(built, Deployment.class).get(0)))).containsEntry("STREAMDNS_SOURCE",
                "service,ingress," + source);
        assertGrantsMatchSources("source-" + source, built);
    }

    private static int sourceEnvIndex() throws Exception {
        Deployment d = of(build(DEPLOY.resolve("watcher")), Deployment.class).get(0);
        List<String> names = container(d).getEnv().stream().map(EnvVar::getName).toList();
        assertThat(names).contains("STREAMDNS_SOURCE");
        return names.indexOf("STREAMDNS_SOURCE");
    }

    /** The grants of the ClusterRoles bound to the watching Deployment's account equal what its flags need. */
    private static void assertGrantsMatchSources(String what, List<HasMetadata> built) {
        Deployment d = of(built, Deployment.class).stream().filter(x -> List.of("watcher", "run").contains(args(x).get(0)))
                .findFirst().orElseThrow();
        Map<String, String> flags = new HashMap<>();
        flags.put("cluster-name", "check");
        env(container(d)).forEach((k, v) -> {
            if (k.equals("STREAMDNS_SOURCE") || k.equals("STREAMDNS_EMIT_EVENTS") || k.startsWith("STREAMDNS_CRD_")
                    || k.equals("STREAMDNS_SERVICE_TYPE_FILTER")) {
                flags.put(k.substring("STREAMDNS_".length()).toLowerCase().replace('_', '-'), v);
            }
        });
        Set<WatcherRbac.Grant> required = WatcherRbac.required(
                WatcherConfig.fromMap(flags));
        String account = d.getSpec().getTemplate().getSpec().getServiceAccountName();
        Set<String> roles = of(built, ClusterRoleBinding.class).stream()
                .filter(b -> b.getSubjects().stream().anyMatch(x -> x.getName().equals(account)))
                .map(b -> b.getRoleRef().getName()).collect(Collectors.toSet());
        Set<WatcherRbac.Grant> granted = new TreeSet<>();
        for (ClusterRole role : of(built, ClusterRole.class)) {
            if (!roles.contains(role.getMetadata().getName())) {
                continue;
            }
            for (var rule : role.getRules()) {
                List<String> names = rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                        ? Collections.singletonList(null) : rule.getResourceNames();
                for (String group : rule.getApiGroups()) {
                    for (String resource : rule.getResources()) {
                        for (String name : names) {
                            for (String verb : rule.getVerbs()) {
                                granted.add(new WatcherRbac.Grant(group, resource, name, verb));
                            }
                        }
                    }
                }
            }
        }
        assertThat(granted).as(what + ": the watcher's ClusterRoles grant exactly what " + flags + " needs")
                .containsExactlyElementsOf(required);
    }

    @Test
    void singlePodMayReadWhatTheWatcherReads() {
        ClusterRole watcher = of(BUILT.get("hub"), ClusterRole.class).stream()
                .filter(r -> r.getMetadata().getName().equals("streamdns-watcher")).findFirst().orElseThrow();
        ClusterRole single = of(BUILT.get("single"), ClusterRole.class).get(0);
        assertThat(single.getRules()).containsExactlyInAnyOrderElementsOf(watcher.getRules());
    }

    @Test
    void emitEventsComponentBindsTheWatcher() throws IOException {
        List<HasMetadata> events = parse(Files.readString(DEPLOY.resolve("components/emit-events/events-rbac.yaml")));
        ClusterRole role = of(events, ClusterRole.class).get(0);
        assertThat(role.getRules()).allSatisfy(r -> assertThat(r.getResources()).containsOnly("events"));
        assertThat(of(events, ClusterRoleBinding.class).get(0).getSubjects().get(0).getName()).isEqualTo("streamdns-watcher");
    }

    @Test
    void applierHasIrsaAndScalesOnPlanLag() {
        List<HasMetadata> hub = BUILT.get("hub");
        ServiceAccount applier = of(hub, ServiceAccount.class).stream()
                .filter(a -> a.getMetadata().getName().equals("streamdns-applier")).findFirst().orElseThrow();
        assertThat(applier.getMetadata().getAnnotations()).containsKey("eks.amazonaws.com/role-arn");
        GenericKubernetesResource scaled = generic(hub, "ScaledObject").get(0);
        Map<String, Object> spec = scaled.get("spec");
        assertThat(((Map<?, ?>) spec.get("scaleTargetRef")).get("name")).isEqualTo("streamdns-applier");
        Map<?, ?> trigger = (Map<?, ?>) ((List<?>) spec.get("triggers")).get(0);
        Map<?, ?> meta = (Map<?, ?>) trigger.get("metadata");
        assertThat(meta.get("topic")).isEqualTo(Topics.PLANS);
        assertThat(meta.get("tls")).isEqualTo("enable");
        String auth = (String) ((Map<?, ?>) trigger.get("authenticationRef")).get("name");
        assertThat(generic(hub, "TriggerAuthentication")).extracting(t -> t.getMetadata().getName()).contains(auth);
        Deployment deployment = of(hub, Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("streamdns-applier")).findFirst().orElseThrow();
        assertThat(env(container(deployment)))
                .containsEntry("STREAMDNS_AWS_API_RATE_SHARE", spec.get("maxReplicaCount").toString());
    }

    @Test
    void kafkaTopicsMatchTheTopicsTheStagesUse() {
        List<HasMetadata> hub = BUILT.get("hub");
        List<GenericKubernetesResource> topics = generic(hub, "KafkaTopic");
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
        assertThat(generic(hub, "Kafka")).hasSize(1);
    }

    @Test
    void dashboardQueriesMetricsTheCodeExports() throws Exception {
        assertThat(build(DEPLOY.resolve("grafana"))).singleElement().satisfies(r -> {
            assertThat(r.getKind()).isEqualTo("ConfigMap");
            assertThat(r.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        });
        Map<?, ?> dashboard = YAML.unmarshal(Files.readString(DEPLOY.resolve("grafana/streamdns-dashboard.json")), Map.class);
        Set<String> exported = exportedMeters();
        Set<String> queried = new TreeSet<>();
        for (Object panel : (List<?>) dashboard.get("panels")) {
            for (Object target : (List<?>) ((Map<?, ?>) panel).get("targets")) {
                Matcher m = Pattern.compile("\\b(streamdns_[a-z_]+)").matcher((String) ((Map<?, ?>) target).get("expr"));
                while (m.find()) {
                    queried.add(m.group(1));
                }
            }
        }
        assertThat(queried).isNotEmpty().allSatisfy(series -> assertThat(meterOf(series, exported))
                .as(series + " is a meter the code registers").isNotNull());
    }

    /** The meter a Prometheus series comes from: without Micrometer's suffixes (_total, _bucket, units, ...). */
    private static String meterOf(String series, Set<String> meters) {
        String base = series.replaceFirst("_(total|bucket|count|sum|max)$", "");
        for (String candidate : List.of(base, base.replaceFirst("_(seconds|changes|plans)$", ""))) {
            if (meters.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Meter names in the stages' code, as Prometheus spells them: literal names and the applier's prefixed ones. */
    private static Set<String> exportedMeters() throws IOException {
        Set<String> out = new TreeSet<>();
        Pattern literal = Pattern.compile("\"(streamdns\\.[a-z.]+[a-z])\"");
        Pattern prefixed = Pattern.compile("(?:P \\+ |metrics\\.gauge\\(|metrics\\.counter\\()\"([a-z][a-z.]*)\"");
        for (String module : List.of("watcher", "planner", "applier")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String code = Files.readString(f);
                    Matcher m = literal.matcher(code);
                    while (m.find()) {
                        out.add(m.group(1).replace('.', '_'));
                    }
                    if (module.equals("applier")) {
                        Matcher p = prefixed.matcher(code);
                        while (p.find()) {
                            out.add(("streamdns.applier." + p.group(1)).replace('.', '_'));
                        }
                    }
                }
            }
        }
        return out;
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
            assertCliKnows(command.get(0), streamdnsEnv, flags);
        }
        // plaintext Kafka and the ops ports: this machine only
        for (var entry : services.entrySet()) {
            @SuppressWarnings("unchecked")
            List<String> ports = (List<String>) entry.getValue().getOrDefault("ports", List.of());
            assertThat(ports).as(entry.getKey() + " ports").allMatch(p -> p.startsWith("127.0.0.1:"));
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

    private static Container container(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static List<String> args(Deployment d) {
        return container(d).getArgs();
    }

    private static String secretKeyRef(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow()
                .getValueFrom().getSecretKeyRef().getName();
    }

    private static Map<String, String> env(Container c) {
        Map<String, String> out = new HashMap<>();
        c.getEnv().stream().filter(e -> e.getValue() != null).forEach(e -> out.put(e.getName(), e.getValue()));
        return out;
    }

    private static <T> List<T> of(List<HasMetadata> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<GenericKubernetesResource> generic(List<HasMetadata> resources, String kind) {
        return resources.stream().filter(r -> r instanceof GenericKubernetesResource && r.getKind().equals(kind))
                .map(GenericKubernetesResource.class::cast).toList();
    }
}
