package io.streamdns.app;

import io.streamdns.app.logging.LogConfig;
import io.streamdns.app.safety.ApproveDeletesCommand;
import io.streamdns.app.safety.ClustersCommand;
import io.streamdns.runtime.config.StartRefusedException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code streamdns} command. */
@Command(name = "streamdns", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Keeps Route 53 in sync with Kubernetes Services and Ingresses: watchers -> Kafka -> planners -> appliers.",
        subcommands = {
                WatcherCommand.class,
                PlannerCommand.class,
                ApplierCommand.class,
                RunCommand.class,
                DemoCommand.class,
                AuditCommand.class,
                ConfigCommand.class,
                ApproveDeletesCommand.class,
                ClustersCommand.class,
                Route53EmulatorCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        LogConfig.log4jToSimpleLogger();
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int execute(String... args) {
        return newCommandLine().execute(withDefaultCommand(args));
    }

    /**
     * external-dns's image takes its flags without a command (the Helm chart renders only flags): flags first mean
     * {@code run}, the whole pipeline in one process, as external-dns's controller.
     */
    static String[] withDefaultCommand(String... args) {
        if (args.length == 0 || !args[0].startsWith("--") || Set.of("--help", "--version").contains(args[0])) {
            return args;
        }
        String[] out = new String[args.length + 1];
        out[0] = "run";
        System.arraycopy(args, 0, out, 1, args.length);
        return out;
    }

    public static CommandLine newCommandLine() {
        return newCommandLine(System.getenv());
    }

    /** @param env what {@code STREAMDNS_}/{@code EXTERNAL_DNS_} variables of the options not in the registry and
     *             the check for unknown ones see (tests); registry flags read the process environment */
    static CommandLine newCommandLine(Map<String, String> env) {
        CommandLine cmd = new CommandLine(new Main());
        CommandLine run = cmd.getSubcommands().get("run");
        ((RunCommand) run.getCommand()).addStageOptions(run.getCommandSpec());
        cmd.setDefaultValueProvider(new EnvDefaults(env));
        cmd.setExecutionExceptionHandler((e, cl, parsed) -> refusedWithoutTrace(e, cl, parsed));
        cmd.setExecutionStrategy(parsed -> {
            configureLogging(parsed);
            warnUnknownEnv(cmd, env);
            return new CommandLine.RunLast().execute(parsed);
        });
        return cmd;
    }

    /** A typo in a variable's name must not pass unseen: a WARN line each, naming the nearest flag. */
    static void warnUnknownEnv(CommandLine root, Map<String, String> env) {
        List<String> warnings = UnknownEnv.warnings(env, UnknownEnv.knownNames(root));
        warnings.forEach(w -> LoggerFactory.getLogger(Main.class).warn(w));
    }

    /** --log-level and --log-format take effect before the command logs anything. */
    static void configureLogging(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        if (last.commandSpec().userObject() instanceof FlagOptions.Command c && c.flagOptions() != null
                && c.flagOptions().set().contains(ProcessFlags.LOG_LEVEL.name())) {
            FlagOptions o = c.flagOptions();
            CommandLine.Model.CommandSpec spec = last.commandSpec();
            LogConfig.configure(LogConfig.level(o.value(ProcessFlags.LOG_LEVEL, spec)),
                    o.value(ProcessFlags.LOG_FORMAT, spec));
            if (!o.value(ProcessFlags.EVENTS, spec)) {
                LoggerFactory.getLogger(Main.class).info("--events=false: streamdns still reacts to "
                        + "changes of Kubernetes objects at once; --interval sets only the re-list period");
            }
        }
    }

    /** A refusal to start is an operator's message, not a crash: print it plainly and exit 1. */
    static int refusedWithoutTrace(Exception e, CommandLine cl, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof StartRefusedException refused) {
            cl.getErr().println("streamdns " + cl.getCommandName() + ": refusing to start: " + refused.getMessage());
            return 1;
        }
        return KafkaAccessFailures.handle(e, cl, parsed);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"streamdns " + (v == null ? "dev" : v)};
        }
    }
}
