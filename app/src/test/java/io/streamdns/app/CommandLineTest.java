package io.streamdns.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class CommandLineTest {

    @Test
    void helpListsEverySubcommand() {
        StringWriter out = new StringWriter();
        CommandLine cmd = Main.newCommandLine();
        cmd.setOut(new PrintWriter(out));
        assertThat(cmd.execute("--help")).isZero();
        assertThat(out.toString()).contains("watcher", "planner", "applier", "run", "demo", "audit", "route53-emulator");
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : Main.newCommandLine().getSubcommands().keySet()) {
            if (sub.equals("help")) {
                continue;
            }
            StringWriter out = new StringWriter();
            CommandLine cmd = Main.newCommandLine();
            cmd.setOut(new PrintWriter(out));
            assertThat(cmd.execute(sub, "--help")).as(sub).isZero();
            assertThat(out.toString()).as(sub).contains("Usage: streamdns " + sub);
        }
    }

    /** A single-cluster pipeline needs no --cluster-name: run names its one watcher's cluster "default". */
    @Test
    void runNeedsNoClusterName() {
        CommandLine main = Main.newCommandLine();
        main.parseArgs("run", "--policy=sync");
        RunCommand run = main.getSubcommands().get("run").getCommand();
        WatcherCommand watcher = new WatcherCommand();
        new CommandLine(watcher);
        Assumptions.assumeTrue(System.getenv("STREAMDNS_CLUSTER_NAME") == null
                && System.getenv("EXTERNAL_DNS_CLUSTER_NAME") == null);
        assertThat(run.flagsFor(watcher)).containsEntry("cluster-name", "default");
        main.parseArgs("run", "--policy=sync", "--domain-filter=a.com", "--domain-filter=b.com");
        assertThat(run.flagsFor(watcher)).containsEntry("domain-filter", "a.com\nb.com");
        main.parseArgs("run", "--policy=sync", "--cluster-name=c7");
        assertThat(run.flagsFor(watcher)).containsEntry("cluster-name", "c7");
    }

    /** The external-dns image's arguments are flags only: they mean run. */
    @Test
    void flagsWithoutACommandMeanRun() {
        assertThat(Main.withDefaultCommand("--provider=aws", "--policy=sync")).containsExactly("run", "--provider=aws",
                "--policy=sync");
        assertThat(Main.withDefaultCommand("planner", "--policy=sync")).containsExactly("planner", "--policy=sync");
        assertThat(Main.withDefaultCommand("--help")).containsExactly("--help");
        assertThat(Main.withDefaultCommand()).isEmpty();
    }

    @Test
    void envVariablesSupplyFlags() {
        assertThat(EnvDefaults.envName("--kafka-bootstrap-servers")).isEqualTo("STREAMDNS_KAFKA_BOOTSTRAP_SERVERS");
        CommandLine cmd = new CommandLine(new Holder());
        cmd.setDefaultValueProvider(new EnvDefaults(Map.of("STREAMDNS_HTTP_PORT", "9999", "STREAMDNS_DATA_DIR", "/x")));
        cmd.parseArgs();
        Holder holder = cmd.getCommand();
        assertThat(holder.shared.httpPort).isEqualTo(9999);
        assertThat(holder.shared.dataDir.toString()).isEqualTo("/x");
        cmd.parseArgs("--http-port", "1234");
        assertThat(holder.shared.httpPort).isEqualTo(1234);
    }

    @Test
    void invalidFlagValueNamesTheFlag() {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new Holder());
        cmd.setErr(new PrintWriter(err));
        assertThat(cmd.execute("--http-port", "eighty")).isEqualTo(2);
        assertThat(err.toString()).contains("--http-port").contains("eighty");
    }

    static Stream<Arguments> stagesWithoutKafka() {
        return Stream.of(
                Arguments.of("watcher", new String[] {"--cluster-name=c1"}),
                Arguments.of("watcher", new String[] {"--cluster-name=c1", "--kafka-bootstrap-servers="}),
                Arguments.of("planner", new String[] {"--txt-owner-id=o1", "--policy=sync"}),
                Arguments.of("planner", new String[] {"--policy=sync", "--kafka-bootstrap-servers=  "}),
                Arguments.of("applier", new String[] {"--txt-owner-id=o1"}),
                Arguments.of("applier", new String[] {"--data-dir=/tmp/never-used"}));
    }

    /** A stage on its own never comes up on a private broker: were the check missing, this would start one and hang. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("stagesWithoutKafka")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void stageWithoutBootstrapServersRefusesToStart(String stage, String[] flags) {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new Main());
        cmd.setDefaultValueProvider(new EnvDefaults(Map.of()));
        cmd.setErr(new PrintWriter(err));
        String[] args = Stream.concat(Stream.of(stage), Arrays.stream(flags))
                .toArray(String[]::new);
        assertThat(cmd.execute(args)).as(err::toString).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option '--kafka-bootstrap-servers'")
                .contains("STREAMDNS_KAFKA_BOOTSTRAP_SERVERS").contains("'streamdns " + stage + "'")
                .contains("never starts a private embedded broker");
    }

    @CommandLine.Command(name = "holder")
    static final class Holder implements Runnable {
        @CommandLine.Mixin
        SharedOptions shared;

        @Override
        public void run() {
        }
    }
}
