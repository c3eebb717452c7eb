package io.streamdns.app;

import io.streamdns.applier.ApplierFlags;
import io.streamdns.planner.PlannerConfig;
import io.streamdns.planner.PlannerFlags;
import io.streamdns.runtime.flags.Flag;
import io.streamdns.runtime.flags.FlagSet;
import io.streamdns.watcher.WatcherFlags;
import io.vertx.core.Deployable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * {@code streamdns run}: watcher, planner and applier in one JVM, like external-dns's single pod. Its flags are the
 * union of the three stages' flags (one flag such as {@code --domain-filter} reaches every stage that has it); each
 * stage then parses its share with its own command, so validation and env variables work exactly as when the stages
 * run alone.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = true,
        customSynopsis = "streamdns run [--cluster-name=NAME] [--domain-filter=DOMAIN]... [OPTIONS]",
        description = {"Runs watcher, planner and applier in one JVM (the embedded Kafka broker unless "
                + "--kafka-bootstrap-servers is given).", "Takes every flag of the three stages."})
public final class RunCommand implements Callable<Integer>, FlagOptions.Command {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
    /** Flags that must stay per stage (each stage has its own consumer group). */
    private static final Set<String> PER_STAGE = Set.of("--group-id");
    static final String DEFAULT_CLUSTER_NAME = "default";
    /** external-dns's {@code --once}: needs the whole pipeline in one process, so run has it and no stage does. */
    static final Flag<Boolean> ONCE = Flag.bool("once", false,
            "Plan everything once, apply it, print a summary and exit (for cron and CI): exit 0, or 1 when a plan "
                    + "failed");

    @CommandLine.Spec
    CommandSpec spec;

    private final Map<String, Object> given = new LinkedHashMap<>();
    /** The registry flags of all stages; each stage is handed its share of what was given. */
    private FlagOptions flags;

    @Override
    public FlagOptions flagOptions() {
        return flags;
    }

    /** The stage commands, fresh for each run. */
    static List<CommandLine> stageCommandLines() {
        List<CommandLine> stages = new ArrayList<>();
        for (Object stage : List.of(new WatcherCommand(), new PlannerCommand(), new ApplierCommand())) {
            CommandLine cl = new CommandLine(stage);
            cl.setDefaultValueProvider(new EnvDefaults(System.getenv()));
            stages.add(cl);
        }
        return stages;
    }

    /** Adds the union of the stages' options to {@code run}'s spec; Main calls this once per command line. */
    void addStageOptions(CommandSpec runSpec) {
        flags = new FlagOptions(unionFlags().plus("run", FlagSet.of("run", ONCE)));
        flags.addTo(runSpec);
        for (CommandLine stage : stageCommandLines()) {
            for (OptionSpec o : stage.getCommandSpec().options()) {
                String name = o.longestName();
                if (o.usageHelp() || o.versionHelp() || PER_STAGE.contains(name) || runSpec.findOption(name) != null
                        || o.userObject() instanceof Flag) {
                    continue;
                }
                runSpec.addOption(copy(o));
            }
        }
    }

    /** The registry flags of every stage, one definition per name, without the per-stage ones. */
    static FlagSet unionFlags() {
        FlagSet all = FlagSet.of("run");
        for (CommandLine stage : stageCommandLines()) {
            if (stage.getCommand() instanceof FlagOptions.Command c) {
                all = all.plus("run", c.flagOptions().set());
            }
        }
        return all.without("run", PER_STAGE.stream().map(n -> n.substring(2)).toList());
    }

    private OptionSpec copy(OptionSpec o) {
        String name = o.longestName();
        OptionSpec.Builder b = OptionSpec.builder(o.names()).description(escapePercent(o.description())).paramLabel(o.paramLabel())
                .hidden(o.hidden()).defaultValue(o.defaultValue());
        if (o.arity().max() == 0) {
            return b.arity("0").type(boolean.class)
                    .setter(new CommandLine.Model.ISetter() {
                        @Override
                        public <T> T set(T value) {
                            given.put(name, value);
                            return null;
                        }
                    })
                    .getter(new CommandLine.Model.IGetter() {
                        @SuppressWarnings("unchecked")
                        @Override
                        public <T> T get() {
                            return (T) given.getOrDefault(name, Boolean.FALSE);
                        }
                    }).build();
        }
        if (o.arity().min() == 0) {
            b.arity("0..1").fallbackValue(o.fallbackValue());
        } else {
            b.arity("1");
        }
        return b.type(List.class).auxiliaryTypes(String.class)
                .setter(new CommandLine.Model.ISetter() {
                    @Override
                    public <T> T set(T value) {
                        given.put(name, value);
                        return null;
                    }
                })
                .getter(new CommandLine.Model.IGetter() {
                    @SuppressWarnings("unchecked")
                    @Override
                    public <T> T get() {
                        return (T) given.get(name);
                    }
                }).build();
    }

    /** Descriptions are format strings: keep a literal % literal, however the stage wrote it. */
    private static String[] escapePercent(String[] lines) {
        return Arrays.stream(lines).map(l -> l.replace("%%", "%").replace("%", "%%")).toArray(String[]::new);
    }

    /** The command line each stage gets: the given flags it knows, in its own syntax. */
    List<String> argsFor(CommandSpec stage) {
        List<String> args = new ArrayList<>();
        given.forEach((name, value) -> {
            OptionSpec option = stage.findOption(name);
            if (option == null || value == null) {
                return;
            }
            if (value instanceof Boolean flag) {
                if (flag) {
                    args.add(option.arity().max() == 0 ? name : name + "=true");
                }
            } else {
                for (Object v : (List<?>) value) {
                    args.add(name + "=" + v);
                }
            }
        });
        return args;
    }

    /**
     * The registry flags a stage gets: what was given to run; the watcher's cluster is "default" when neither
     * the flag nor its env var names one (a single-cluster pipeline needs no name).
     */
    Map<String, String> flagsFor(FlagOptions.Command stage) {
        Map<String, String> share = new LinkedHashMap<>(flags.given());
        boolean watcher = stage.flagOptions().set().contains(WatcherFlags.CLUSTER_NAME.name());
        if (watcher && !share.containsKey(WatcherFlags.CLUSTER_NAME.name())
                && WatcherFlags.CLUSTER_NAME.envNames().stream().noneMatch(e -> System.getenv(e) != null)) {
            share.put(WatcherFlags.CLUSTER_NAME.name(), DEFAULT_CLUSTER_NAME);
        }
        return share;
    }

    /** --once: until the pipeline is quiet, then the summary on stdout; exit 1 when a plan failed. */
    private int runOnce(StageLauncher launcher, OnceRun onceRun) throws Exception {
        Duration quiet = flags.value(PlannerFlags.DEBOUNCE_MAX, spec)
                .plusSeconds(3);
        try {
            OnceRun.Summary summary = onceRun.await(launcher.context().readiness(),
                    PlannerConfig.DEFAULT_GROUP, ApplierFlags.GROUP_ID
                            .defaultValue(), quiet, Duration.ofMinutes(10));
            spec.commandLine().getOut().println(summary.text());
            spec.commandLine().getOut().flush();
            LOG.info("{}", summary.text());
            return summary.ok() ? 0 : 1;
        } finally {
            launcher.close();
        }
    }

    @Override
    public Integer call() throws Exception {
        List<CommandLine> stages = stageCommandLines();
        List<StageCommand.Prepared> prepared = new ArrayList<>();
        SharedOptions shared = null;
        try {
            for (CommandLine stage : stages) {
                List<String> args = argsFor(stage.getCommandSpec());
                try {
                    stage.parseArgs(args.toArray(String[]::new));
                } catch (CommandLine.ParameterException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
                }
                StageCommand command = stage.getCommand();
                if (command instanceof FlagOptions.Command c) {
                    c.flagOptions().give(flagsFor(c));
                }
                shared = command.shared();
                try {
                    prepared.add(command.prepare());
                } catch (CommandLine.ParameterException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
                }
            }
            LOG.info("running {} in one process", prepared.stream().map(StageCommand.Prepared::name).toList());
            StageLauncher launcher = StageLauncher.start(shared, "run", true, StageCommand.combined(prepared),
                    prepared.size());
            boolean once = flags.value(ONCE, spec);
            OnceRun onceRun;
            try {
                onceRun = once ? OnceRun.begin(launcher.context().bootstrapServers()) : null;
                launcher.deploy(prepared.stream().map(p -> p.verticle().apply(launcher.context()))
                        .map(Deployable.class::cast).toList());
            } catch (RuntimeException e) {
                launcher.close();
                throw e;
            }
            if (once) {
                return runOnce(launcher, onceRun);
            }
            launcher.runUntilStopped();
            return 0;
        } finally {
            for (StageCommand.Prepared p : prepared) {
                try {
                    p.resources().close();
                } catch (Exception e) {
                    LOG.warn("closing {}: {}", p.name(), e.toString());
                }
            }
        }
    }
}
