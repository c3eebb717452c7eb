package io.streamdns.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.planner.PlannerConfig;
import io.streamdns.planner.plan.MultiClusterStrategy;
import io.streamdns.planner.plan.Policy;
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

/** {@code streamdns planner} refuses bad flags before it starts anything, naming the flag and what it accepts. */
class PlannerCommandTest {

    static Stream<Arguments> badFlags() {
        return Stream.of(
                Arguments.of("unknown policy", new String[] {"--policy", "upsert"}, "--policy", "[sync, upsert-only, create-only]"),
                Arguments.of("unknown strategy", new String[] {"--multi-cluster", "union"}, "--multi-cluster",
                        "[merge, weighted, first-wins]"),
                Arguments.of("unmanageable type", new String[] {"--managed-record-types", "A,MX"}, "--managed-record-types", "MX"),
                Arguments.of("bad duration", new String[] {"--debounce", "2x"}, "--debounce", "duration"),
                Arguments.of("bare number", new String[] {"--debounce", "2"}, "--debounce", "'2' has no unit"),
                Arguments.of("no policy", new String[] {"--policy="}, "--policy", "is not one of"),
                Arguments.of("max below quiet time", new String[] {"--debounce", "3s", "--debounce-max", "1s"},
                        "--debounce-max", "shorter"),
                Arguments.of("prefix and suffix", new String[] {"--txt-prefix", "p.", "--txt-suffix", "-s"}, "--txt-prefix",
                        "mutually exclusive"),
                Arguments.of("bad domain", new String[] {"--domain-filter", "a..b"}, "--domain-filter", "a..b"),
                Arguments.of("owner id with a comma", new String[] {"--txt-owner-id", "a,b"}, "--txt-owner-id", "a,b"),
                Arguments.of("not a boolean", new String[] {"--aws-prefer-cname=maybe"}, "--aws-prefer-cname", "true or false"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFlags")
    void badFlagFailsAtStartNamingIt(String title, String[] flags, String flag, String accepted) {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new Main());
        cmd.setDefaultValueProvider(new EnvDefaults(Map.of()));
        cmd.setErr(new PrintWriter(err));
        Stream<String> policy = flag.equals("--policy") ? Stream.of() : Stream.of("--policy=sync");
        String[] args = Stream.of(Stream.of("planner"), policy, Stream.of(flags)).flatMap(x -> x)
                .toArray(String[]::new);
        assertThat(cmd.execute(args)).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '" + flag + "'").contains(accepted);
    }

    @Test
    void flagsAndEnvironmentMakeTheConfig() {
        PlannerCommand command = new PlannerCommand();
        CommandLine cmd = new CommandLine(command);
        command.flagOptions().useEnv(Map.of("STREAMDNS_TXT_OWNER_ID", "blue",
                "STREAMDNS_DOMAIN_FILTER", "example.com,example.org", "STREAMDNS_POLICY", "create-only"));
        cmd.parseArgs("--policy", "upsert-only", "--multi-cluster", "first-wins", "--aws-prefer-cname",
                "--debounce", "50ms", "--debounce-max", "1s", "--txt-prefix", "%{record_type}-");
        PlannerConfig config = command.config();
        assertThat(config.txtOwnerId()).isEqualTo("blue");
        assertThat(config.policy()).isEqualTo(Policy.UPSERT_ONLY);
        assertThat(config.policyGiven()).isTrue();
        assertThat(config.multiCluster()).isEqualTo(MultiClusterStrategy.FIRST_WINS);
        assertThat(config.awsPreferCname()).isTrue();
        assertThat(config.awsEvaluateTargetHealth()).isTrue();
        assertThat(config.domainFilters()).containsExactly("example.com", "example.org");
        assertThat(config.debounce()).isEqualTo(Duration.ofMillis(50));
        assertThat(config.debounceMax()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.txtPrefix()).isEqualTo("%{record_type}-");
        assertThat(config.groupId()).isEqualTo("streamdns-planner");
    }

    /** external-dns v0.22 requires --policy: a missing one must not silently mean sync. */
    @Test
    void withoutAPolicyThePlannerRefusesToStart() {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new Main());
        cmd.setErr(new PrintWriter(err));
        assertThat(cmd.execute("planner", "--kafka-bootstrap-servers=127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--policy': required (or env STREAMDNS_POLICY "
                + "or EXTERNAL_DNS_POLICY)");
    }

    @Test
    void externalDnsEnvironmentGivesThePolicy() {
        PlannerCommand command = new PlannerCommand();
        CommandLine cmd = new CommandLine(command);
        command.flagOptions().useEnv(Map.of("EXTERNAL_DNS_POLICY", "upsert-only", "EXTERNAL_DNS_REGISTRY", "txt",
                "EXTERNAL_DNS_MANAGED_RECORD_TYPES", "A\nCNAME"));
        cmd.parseArgs();
        assertThat(command.config().policy()).isEqualTo(Policy.UPSERT_ONLY);
        assertThat(command.config().managedRecordTypes()).containsExactlyInAnyOrder("A", "CNAME");
    }

    static Stream<Arguments> registries() {
        return Stream.of(Arguments.of("dynamodb", "streamdns keeps ownership in TXT records"),
                Arguments.of("aws-sd", "supported: txt"), Arguments.of("noop", "never touches a record it did not create. Use txt"),
                Arguments.of("etcd", "is not a registry"));
    }

    @ParameterizedTest(name = "--registry={0}")
    @MethodSource("registries")
    void onlyTheTxtRegistryIsSupported(String registry, String message) {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new Main());
        cmd.setErr(new PrintWriter(err));
        assertThat(cmd.execute("planner", "--policy=sync", "--registry=" + registry)).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--registry'").contains(message);
    }
}
