package io.streamdns.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.app.logging.LogConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** A STREAMDNS_ variable no flag reads is warned about with the nearest flag; what a platform sets is not. */
class UnknownEnvTest {
    private static final Set<String> KNOWN = UnknownEnv.knownNames(Main.newCommandLine(Map.of()));

    @AfterEach
    void reset() {
        LogConfig.output(null);
    }

    @Test
    void everyOptionOfEveryCommandIsKnown() {
        assertThat(KNOWN).contains("STREAMDNS_DOMAIN_FILTER", "EXTERNAL_DNS_DOMAIN_FILTER", "STREAMDNS_POLICY",
                "STREAMDNS_AWS_ZONE_TYPE", "STREAMDNS_CLUSTER_NAME", "STREAMDNS_KAFKA_BOOTSTRAP_SERVERS",
                "STREAMDNS_DATA_DIR", "STREAMDNS_HTTP_PORT", "STREAMDNS_DRIFT_INTERVAL", "STREAMDNS_JAVA_OPTS");
    }

    static Stream<Arguments> variables() {
        return Stream.of(
                Arguments.of("STREAMDNS_DOMAIN_FILTERS", "x.example.com",
                        "did you mean STREAMDNS_DOMAIN_FILTER (--domain-filter)?"),
                Arguments.of("STREAMDNS_TXT_OWNERID", "team-a", "did you mean STREAMDNS_TXT_OWNER_ID (--txt-owner-id)?"),
                Arguments.of("STREAMDNS_PLOICY", "sync", "did you mean STREAMDNS_POLICY (--policy)?"),
                Arguments.of("STREAMDNS_ZZZ_QQQ_WWW", "1", "no flag's variable is close"),
                // known, or not ours to judge: no warning
                Arguments.of("STREAMDNS_DOMAIN_FILTER", "example.com", null),
                Arguments.of("EXTERNAL_DNS_DOMAIN_FILTERS", "example.com", null), // external-dns ignores them too
                Arguments.of("STREAMDNS_JAVA_OPTS", "-Xmx1g", null),
                Arguments.of("STREAMDNS_METRICS_SERVICE_HOST", "10.0.0.7", null),
                Arguments.of("STREAMDNS_METRICS_SERVICE_PORT", "7979", null),
                Arguments.of("STREAMDNS_METRICS_SERVICE_PORT_METRICS", "7979", null),
                Arguments.of("STREAMDNS_METRICS_PORT", "tcp://10.0.0.7:7979", null),
                Arguments.of("STREAMDNS_METRICS_PORT_7979_TCP", "tcp://10.0.0.7:7979", null),
                Arguments.of("STREAMDNS_METRICS_PORT_7979_TCP_ADDR", "10.0.0.7", null),
                // a _PORT that is no service link (its value is not a URL) is judged as a name
                Arguments.of("STREAMDNS_HTTP_PROT", "7979", "did you mean STREAMDNS_HTTP_PORT (--http-port)?"),
                Arguments.of("STREAMDNS_HTTPS_PORT", "7979", "did you mean STREAMDNS_HTTP_PORT (--http-port)?"),
                Arguments.of("HOME", "/root", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variables")
    void unknownVariablesAreWarnedAboutWithTheNearestFlag(String name, String value, String expected) {
        var warnings = UnknownEnv.warnings(Map.of(name, value), KNOWN);
        if (expected == null) {
            assertThat(warnings).isEmpty();
        } else {
            assertThat(warnings).singleElement().asString()
                    .startsWith("environment variable " + name + " is not read by any streamdns flag and is ignored")
                    .contains(expected);
        }
    }

    @Test
    void theCommandLogsTheWarningAtStartAndStillRuns() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        LogConfig.output(new PrintStream(log, true, StandardCharsets.UTF_8));
        StringWriter out = new StringWriter();
        CommandLine cmd = Main.newCommandLine(Map.of("STREAMDNS_DOMAIN_FILTERS", "example.com",
                "STREAMDNS_METRICS_SERVICE_HOST", "10.0.0.7"));
        cmd.setOut(new PrintWriter(out, true));
        assertThat(cmd.execute("--version")).isZero();
        assertThat(out.toString()).contains("streamdns");
        assertThat(log.toString(StandardCharsets.UTF_8)).containsOnlyOnce("WARN Main - environment variable")
                .contains("STREAMDNS_DOMAIN_FILTERS", "did you mean STREAMDNS_DOMAIN_FILTER (--domain-filter)?")
                .doesNotContain("STREAMDNS_METRICS_SERVICE_HOST");
    }
}
