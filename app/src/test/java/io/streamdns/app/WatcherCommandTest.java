package io.streamdns.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code streamdns watcher} refuses bad flags before it starts anything, naming the flag. */
class WatcherCommandTest {

    static Stream<Arguments> badFlags() {
        return Stream.of(
                Arguments.of("cluster name missing", new String[] {}, "--cluster-name"),
                Arguments.of("cluster name with a slash", new String[] {"--cluster-name", "a/b"}, "--cluster-name"),
                Arguments.of("unknown source", new String[] {"--cluster-name", "c1", "--source", "service,pods"},
                        "--source"),
                Arguments.of("unknown service type", new String[] {"--cluster-name", "c1",
                        "--service-type-filter", "Headless"}, "--service-type-filter"),
                Arguments.of("bad annotation filter", new String[] {"--cluster-name", "c1",
                        "--annotation-filter", "a in b"}, "--annotation-filter"),
                Arguments.of("bad label filter", new String[] {"--cluster-name", "c1", "--label-filter", "a=b=c"},
                        "--label-filter"),
                Arguments.of("unsupported template", new String[] {"--cluster-name", "c1",
                        "--fqdn-template", "{{nosuchfunc .Name}}.example.com"}, "--fqdn-template"),
                Arguments.of("bad domain", new String[] {"--cluster-name", "c1", "--domain-filter", "a..b"},
                        "--domain-filter"),
                Arguments.of("resync out of range", new String[] {"--cluster-name", "c1", "--resync-period", "0s"},
                        "--resync-period"),
                Arguments.of("bare resync period", new String[] {"--cluster-name", "c1", "--resync-period", "300"},
                        "--resync-period"),
                Arguments.of("prefix without a slash", new String[] {"--cluster-name", "c1", "--annotation-prefix",
                        "external-dns.kubernetes.io"}, "--annotation-prefix"),
                Arguments.of("scope with an @", new String[] {"--cluster-name", "c1", "--watcher-scope", "a@b"},
                        "--watcher-scope"),
                Arguments.of("fraction out of range", new String[] {"--cluster-name", "c1", "--max-delete-fraction", "2"},
                        "--max-delete-fraction"),
                Arguments.of("unreadable kubeconfig", new String[] {"--cluster-name", "c1",
                        "--kubeconfig", "/nonexistent/kubeconfig"}, "--kubeconfig"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFlags")
    void badFlagFailsAtStartNamingIt(String title, String[] flags, String flag) {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new Main());
        cmd.setDefaultValueProvider(new EnvDefaults(Map.of()));
        cmd.setErr(new PrintWriter(err));
        String[] args = Stream.concat(Stream.of("watcher"), Stream.of(flags)).toArray(String[]::new);
        assertThat(cmd.execute(args)).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '" + flag + "'");
    }

    @Test
    void environmentSuppliesListFlags() {
        WatcherCommand command = new WatcherCommand();
        CommandLine cmd = new CommandLine(command);
        command.flagOptions().useEnv(Map.of("STREAMDNS_CLUSTER_NAME", "eu-1",
                "STREAMDNS_SOURCE", "ingress", "EXTERNAL_DNS_DOMAIN_FILTER", "example.com\nexample.org",
                "STREAMDNS_EMIT_EVENTS", "true"));
        cmd.parseArgs("--source", "service", "--source", "ingress");
        var config = command.config();
        assertThat(config.clusterName()).isEqualTo("eu-1");
        assertThat(config.sources()).containsExactlyInAnyOrder("service", "ingress");
        assertThat(config.domainFilters()).containsExactly("example.com", "example.org");
        assertThat(config.emitEvents()).isTrue();
        assertThat(config.safety().scope()).isEqualTo("default");
    }

    @Test
    void annotationPrefixesAsExternalDnsV022() {
        WatcherCommand command = new WatcherCommand();
        new CommandLine(command).parseArgs("--cluster-name", "c1");
        assertThat(command.config().annotationPrefixes()).containsExactly("external-dns.kubernetes.io/");
        command = new WatcherCommand();
        new CommandLine(command).parseArgs("--cluster-name", "c1", "--alpha-annotations",
                "--annotation-prefix=dns.example.org/");
        assertThat(command.config().annotationPrefixes())
                .containsExactly("external-dns.alpha.kubernetes.io/", "dns.example.org/");
        assertThat(command.config().mappingOptions().annotationPrefixes())
                .containsExactly("external-dns.alpha.kubernetes.io/", "dns.example.org/");
    }

    @Test
    void safetyFlags() {
        WatcherCommand command = new WatcherCommand();
        CommandLine cmd = new CommandLine(command);
        command.flagOptions().useEnv(Map.of("STREAMDNS_WATCHER_SCOPE", "alb"));
        cmd.parseArgs("--cluster-name", "eu-1", "--scope-changed", "--cluster-replaced", "--max-delete-fraction",
                "0.5", "--min-records-for-budget", "20", "--relist-interval", "5m");
        var safety = command.config().safety();
        assertThat(safety.clusterReplaced()).isTrue();
        assertThat(safety.maxDeleteFraction()).isEqualTo(0.5);
        assertThat(safety.minRecordsForBudget()).isEqualTo(20);
        assertThat(safety.relistInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(safety.scope()).isEqualTo("alb");
        assertThat(safety.scopeChanged()).isTrue();
    }
}
