package io.streamdns.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdns.applier.ApplierConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
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
        cl.parseArgs(args);
        return cmd.config();
    }

    @Test
    void flagsReachTheConfig() {
        ApplierConfig c = parse(Map.of(), "--aws-api-rate=4", "--aws-api-rate-share", "2", "--domain-filter", "example.com",
                "--domain-filter", "example.org,example.net", "--dry-run", "--aws-evaluate-target-health=false",
                "--txt-owner-id", "prod", "--aws-endpoint-url", "http://127.0.0.1:9999", "--drift-interval", "1m",
                "--max-merged-plans", "10", "--max-merged-changes=800");
        assertThat(c.maxMergedPlans()).isEqualTo(10);
        assertThat(c.maxMergedChanges()).isEqualTo(800);
        assertThat(c.ratePerInstance()).isEqualTo(2);
        assertThat(c.domainFilter()).containsExactly("example.com", "example.org", "example.net");
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
        assertThat(c.domainFilter()).containsExactly("a.com", "b.com");
        assertThat(c.dryRun()).isTrue();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(new String[] {"--aws-api-rate", "-1"}, "--aws-api-rate"),
                Arguments.of(new String[] {"--aws-zone-type", "both"}, "--aws-zone-type"),
                Arguments.of(new String[] {"--drift-interval", "often"}, "--drift-interval"),
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
