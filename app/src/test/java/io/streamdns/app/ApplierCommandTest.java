package io.streamdns.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdns.applier.ApplierConfig;
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

class ApplierCommandTest {

    static ApplierConfig parse(Map<String, String> env, String... args) {
        ApplierCommand cmd = new ApplierCommand();
        CommandLine cl = new CommandLine(cmd);
        cl.setDefaultValueProvider(new EnvDefaults(env));
        cmd.flagOptions().useEnv(env);
        cl.parseArgs(args);
        return cmd.config();
    }

    @Test
    void flagsReachTheConfig() {
        ApplierConfig c = parse(Map.of(), "--aws-api-rate=4", "--aws-api-rate-share", "2", "--domain-filter", "example.com",
                "--domain-filter", "example.org,example.net", "--dry-run", "--aws-evaluate-target-health=false",
                "--txt-owner-id", "prod", "--aws-endpoint-url", "http://127.0.0.1:9999", "--drift-interval", "1m", "--aws-zone-tags=a=b", "--aws-zone-tags=c",
                "--max-merged-plans", "10", "--max-merged-changes=800");
        assertThat(c.maxMergedPlans()).isEqualTo(10);
        assertThat(c.aws().zoneTags()).containsExactly("a=b", "c");
        assertThat(c.maxMergedChanges()).isEqualTo(800);
        assertThat(c.ratePerInstance()).isEqualTo(2);
        assertThat(c.domainFilters()).containsExactly("example.com", "example.org", "example.net");
        assertThat(c.dryRun()).isTrue();
        assertThat(c.awsEvaluateTargetHealth()).isFalse();
        assertThat(c.txtOwnerId()).isEqualTo("prod");
        assertThat(c.awsEndpointUrl()).isEqualTo("http://127.0.0.1:9999");
    }

    @Test
    void defaultsWhenNothingIsGiven() {
        assertThat(parse(Map.of())).isEqualTo(ApplierConfig.defaultConfig());
    }

    @Test
    void environmentVariablesSetFlags() {
        ApplierConfig c = parse(Map.of("STREAMDNS_TXT_OWNER_ID", "from-env", "STREAMDNS_DOMAIN_FILTER", "a.com,b.com",
                "STREAMDNS_DRY_RUN", "true"));
        assertThat(c.txtOwnerId()).isEqualTo("from-env");
        assertThat(c.domainFilters()).containsExactly("a.com", "b.com");
        assertThat(c.dryRun()).isTrue();
    }

    static Stream<Arguments> booleans() {
        return Stream.of(
                Arguments.of(new String[] {}, true),
                Arguments.of(new String[] {"--aws-evaluate-target-health"}, true),
                Arguments.of(new String[] {"--aws-evaluate-target-health=false"}, false),
                Arguments.of(new String[] {"--aws-evaluate-target-health", "false"}, false),
                Arguments.of(new String[] {"--no-aws-evaluate-target-health"}, false));
    }

    /** external-dns's boolean syntax: --x, --x=false, --no-x. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("booleans")
    void booleansTakeNoPrefix(String[] args, boolean expected) {
        assertThat(parse(Map.of(), args).awsEvaluateTargetHealth()).isEqualTo(expected);
        assertThat(parse(Map.of(), "--no-dry-run").dryRun()).isFalse();
        assertThat(parse(Map.of(), "--dry-run").dryRun()).isTrue();
    }

    @Test
    void externalDnsEnvironmentVariablesSetFlags() {
        ApplierConfig c = parse(Map.of("EXTERNAL_DNS_TXT_OWNER_ID", "edns", "EXTERNAL_DNS_DOMAIN_FILTER", "a.com\nb.com",
                "EXTERNAL_DNS_INTERVAL", "1m", "EXTERNAL_DNS_PROVIDER", "aws"));
        assertThat(c.txtOwnerId()).isEqualTo("edns");
        assertThat(c.domainFilters()).containsExactly("a.com", "b.com");
        assertThat(c.driftInterval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aBareDurationIsRefusedNamingTheFlag() {
        assertThatThrownBy(() -> parse(Map.of(), "--interval=2")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--interval").hasMessageContaining("'2' has no unit");
        assertThatThrownBy(() -> parse(Map.of(), "--provider=google")).hasMessageContaining("supported: aws");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(new String[] {"--aws-api-rate", "-1"}, "--aws-api-rate"),
                Arguments.of(new String[] {"--aws-zone-type", "both"}, "--aws-zone-type"),
                Arguments.of(new String[] {"--drift-interval", "often"}, "--interval"),
                Arguments.of(new String[] {"--aws-batch-change-size", "5000"}, "--aws-batch-change-size"),
                Arguments.of(new String[] {"--dry-run=perhaps"}, "--dry-run"),
                Arguments.of(new String[] {"--max-merged-plans", "0"}, "--max-merged-plans"),
                Arguments.of(new String[] {"--partitions", "0"}, "--partitions"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void invalidValuesFailNamingTheFlag(String[] args, String flag) {
        assertThatThrownBy(() -> parse(Map.of(), args)).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining(flag);
    }

    @Test
    void theCommandLineReportsTheFlagAndExitsWithTwo() {
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.newCommandLine();
        cmd.setErr(new PrintWriter(err));
        assertThat(cmd.execute("applier", "--aws-api-rate-share", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--aws-api-rate-share");
    }
}
