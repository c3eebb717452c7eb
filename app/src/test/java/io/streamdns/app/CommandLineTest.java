package io.streamdns.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
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

    @CommandLine.Command(name = "holder")
    static final class Holder implements Runnable {
        @CommandLine.Mixin
        SharedOptions shared;

        @Override
        public void run() {
        }
    }
}
