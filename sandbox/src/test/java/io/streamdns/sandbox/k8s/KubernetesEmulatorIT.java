package io.streamdns.sandbox.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class KubernetesEmulatorIT {

    @TempDir
    Path dir;

    @Test
    void loadsManifestsPlaysTheCloudControllerAndServesAKubeconfigClient() throws Exception {
        try (KubernetesEmulator k8s = KubernetesEmulator.start()) {
            List<HasMetadata> created = k8s.apply(Path.of("../examples/cluster-a/my-webapp.yaml"));
            assertThat(created).extracting(HasMetadata::getKind).containsExactly("Service");

            Path kubeconfig = k8s.writeKubeconfig(dir.resolve("config"));
            System.setProperty("kubeconfig", kubeconfig.toString());
            try (KubernetesClient other = new KubernetesClientBuilder().build()) {
                List<String> events = new CopyOnWriteArrayList<>();
                try (var watch = other.services().inNamespace("default").watch(new Watcher<Service>() {
                    @Override
                    public void eventReceived(Action action, Service svc) {
                        var lb = svc.getStatus() == null || svc.getStatus().getLoadBalancer() == null ? null
                                : svc.getStatus().getLoadBalancer().getIngress();
                        events.add(action + " " + (lb == null || lb.isEmpty() ? "-" : lb.get(0).getIp()));
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                })) {
                    Service svc = k8s.setServiceLoadBalancer("default", "my-webapp", "203.0.113.10");
                    assertThat(svc.getStatus().getLoadBalancer().getIngress().get(0).getIp()).isEqualTo("203.0.113.10");
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (!events.contains("MODIFIED 203.0.113.10") && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    assertThat(events).contains("MODIFIED 203.0.113.10");
                }
                Service seen = other.services().inNamespace("default").withName("my-webapp").get();
                assertThat(seen.getMetadata().getAnnotations())
                        .containsEntry("external-dns.kubernetes.io/hostname", "webapp.example.com");
            } finally {
                System.clearProperty("kubeconfig");
            }
        }
    }

    @Test
    void hasAKubeSystemNamespaceWhoseUidIsTheClusterIdentity() {
        try (KubernetesEmulator a = KubernetesEmulator.start(); KubernetesEmulator b = KubernetesEmulator.start();
             KubernetesEmulator again = KubernetesEmulator.start("uid-of-a")) {
            String uid = a.client().namespaces().withName(KubernetesEmulator.KUBE_SYSTEM).get().getMetadata().getUid();
            assertThat(uid).isNotBlank().isEqualTo(a.clusterIdentity());
            assertThat(b.clusterIdentity()).isNotEqualTo(a.clusterIdentity());
            assertThat(again.client().namespaces().withName("kube-system").get().getMetadata().getUid())
                    .isEqualTo("uid-of-a");
        }
    }

    /** The store alone answers /version with every object it holds; an API server answers with its version. */
    @Test
    void answersVersionWithAVersionNotTheStore() throws Exception {
        try (KubernetesEmulator k8s = KubernetesEmulator.start()) {
            k8s.apply(Path.of("../examples/cluster-a/my-webapp.yaml"));
            assertThat(k8s.client().getKubernetesVersion().getGitVersion()).isEqualTo("v1.31.0");
            String body = k8s.client().raw(k8s.client().getMasterUrl() + "version");
            assertThat(body).startsWith("{\"major\":\"1\"").doesNotContain("my-webapp");
        }
    }
}
