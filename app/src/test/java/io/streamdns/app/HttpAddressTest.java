package io.streamdns.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** --http-address: all interfaces unless given (a container needs that); the demo falls back to loopback. */
class HttpAddressTest {

    private static SharedOptions parse(Map<String, String> env, String... args) {
        CommandLine cmd = new CommandLine(new CommandLineTest.Holder());
        cmd.setDefaultValueProvider(new EnvDefaults(env));
        cmd.parseArgs(args);
        return ((CommandLineTest.Holder) cmd.getCommand()).shared;
    }

    @Test
    void defaultIsAllInterfacesAndTheFlagOrEnvWins() {
        assertThat(parse(Map.of()).httpAddressOr("0.0.0.0")).isEqualTo("0.0.0.0");
        assertThat(parse(Map.of()).httpAddressOr("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(parse(Map.of(), "--http-address=10.1.2.3").httpAddressOr("127.0.0.1")).isEqualTo("10.1.2.3");
        assertThat(parse(Map.of("STREAMDNS_HTTP_ADDRESS", "::1")).httpAddressOr("0.0.0.0")).isEqualTo("::1");
    }

    @Test
    void everyLongRunningCommandHasIt() {
        CommandLine main = Main.newCommandLine();
        for (String sub : new String[] {"watcher", "planner", "applier", "run", "demo"}) {
            assertThat(main.getSubcommands().get(sub).getCommandSpec().findOption("--http-address")).as(sub).isNotNull();
        }
    }
}
