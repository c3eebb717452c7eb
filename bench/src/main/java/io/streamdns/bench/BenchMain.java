package io.streamdns.bench;

import io.streamdns.bench.scenario.BurstScenario;
import io.streamdns.bench.scenario.EmulatorScenario;
import io.streamdns.bench.scenario.FaultScenario;
import io.streamdns.bench.scenario.FleetScenario;
import io.streamdns.bench.scenario.LatencyScenario;
import io.streamdns.bench.scenario.MemoryScenario;
import io.streamdns.bench.scenario.PlanCoreScenario;
import io.streamdns.bench.scenario.ScaleOutScenario;
import io.streamdns.bench.scenario.SteadyScenario;
import io.streamdns.bench.scenario.ThroughputScenario;
import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code java -jar bench/target/streamdns-bench.jar <scenario> [options]}: runs one benchmark scenario and prints
 * ONE JSON line of results on stdout (logs go to stderr). Exit code 0 when the target was met, 1 when missed,
 * 2 on a usage error or a scenario that could not run.
 */
@Command(name = "streamdns-bench", mixinStandardHelpOptions = true,
        description = "Benchmark scenarios of streamdns; each prints one JSON line of results.",
        subcommands = {LatencyScenario.class, BurstScenario.class, SteadyScenario.class, ThroughputScenario.class,
                PlanCoreScenario.class, MemoryScenario.class, ScaleOutScenario.class, EmulatorScenario.class,
                FaultScenario.class, FleetScenario.class})
public final class BenchMain implements Runnable {
    /** fabric8's mock API server logs every request through java.util.logging; held so the level sticks. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        // quiet Kafka and friends unless asked otherwise: stdout is for the result line, stderr for what matters
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        // as the streamdns command does: the broker's few Log4j API lines go to Log4j's simple logger, no error at start
        if (System.getProperty("log4j2.loggerContextFactory") == null) {
            System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
        if (System.getProperty("org.slf4j.simpleLogger.logFile") == null) {
            System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = run(new PrintWriter(System.out, true), args);
        System.exit(code);
    }

    /** Runs a scenario, writing its result line to {@code out}; returns the exit code. */
    public static int run(PrintWriter out, String... args) {
        CommandLine cli = new CommandLine(new BenchMain());
        cli.setOut(out);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("scenario failed: " + e);
            e.printStackTrace(cmd.getErr());
            return 2;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a scenario");
    }
}
