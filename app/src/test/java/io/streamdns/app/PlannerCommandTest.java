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
        String[] args = Stream.concat(Stream.of("planner"), Stream.of(flags)).toArray(String[]::new);
        assertThat(cmd.execute(args)).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '" + flag + "'").contains(accepted);
    }

    @Test
    void flagsAndEnvironmentMakeTheConfig() {
        PlannerCommand command = new PlannerCommand();
        CommandLine cmd = new CommandLine(command);
        cmd.setDefaultValueProvider(new EnvDefaults(Map.of("STREAMDNS_TXT_OWNER_ID", "blue",
                "STREAMDNS_DOMAIN_FILTER", "example.com,example.org", "STREAMDNS_POLICY", "create-only")));
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

    @Test
    void withoutAPolicySyncApplies() {
        PlannerCommand command = new PlannerCommand();
        CommandLine cmd = new CommandLine(command);
        cmd.setDefaultValueProvider(new EnvDefaults(Map.of()));
        cmd.parseArgs();
        assertThat(command.config().policy()).isEqualTo(Policy.SYNC);
        assertThat(command.config().policyGiven()).isFalse();
    }
}
