package io.streamdns.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.runtime.flags.Flag;
import io.streamdns.runtime.flags.FlagSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/** Walks every registry flag of every command: help, default, env vars and parsing agree; one definition each. */
class FlagRegistryTest {
    /** Flags that are per stage by design: {@code run} does not offer them. */
    private static final Set<String> PER_STAGE = Set.of("group-id");

    /** Every (sub)command of {@code streamdns} with registry flags. */
    static List<CommandLine> commands() {
        List<CommandLine> out = new ArrayList<>();
        for (CommandLine sub : Main.newCommandLine().getSubcommands().values()) {
            if (sub.getCommand() instanceof FlagOptions.Command) {
                out.add(sub);
            }
        }
        return out;
    }

    static Stream<Arguments> everyFlagOfEveryCommand() {
        List<Arguments> rows = new ArrayList<>();
        for (CommandLine cl : commands()) {
            FlagSet set = ((FlagOptions.Command) cl.getCommand()).flagOptions().set();
            for (Flag<?> f : set.flags()) {
                rows.add(Arguments.of(cl.getCommandName(), f.name()));
            }
        }
        return rows.stream();
    }

    /** The class of each subcommand, read once: building Main's whole command tree per parse made this test slow. */
    private static final Map<String, Class<?>> COMMAND_CLASSES = new LinkedHashMap<>();

    static {
        Main.newCommandLine().getSubcommands().forEach((name, cl) -> COMMAND_CLASSES.put(name,
                cl.getCommand().getClass()));
    }

    /** A command line of its own (a subcommand of Main's cannot be parsed alone). */
    private static CommandLine fresh(String command) {
        try {
            Object copy = COMMAND_CLASSES.get(command).getDeclaredConstructor().newInstance();
            CommandLine cl = new CommandLine(copy);
            if (copy instanceof RunCommand run) {
                run.addStageOptions(cl.getCommandSpec());
            }
            return cl;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Flag<?> flag(CommandLine cl, String name) {
        return ((FlagOptions.Command) cl.getCommand()).flagOptions().set().find(name);
    }

    private static Object parsed(String command, String name, Map<String, String> env, String... args) {
        CommandLine cl = fresh(command);
        FlagOptions options = ((FlagOptions.Command) cl.getCommand()).flagOptions().useEnv(env);
        cl.parseArgs(args);
        Map<String, String> given = new LinkedHashMap<>(options.given());
        Flag<?> f = flag(cl, name);
        Map<String, String> withRequired = new LinkedHashMap<>(given);
        for (Flag<?> other : options.set().flags()) {
            if (other.required() && !other.equals(f) && !env.containsKey(other.envNames().get(0))) {
                withRequired.putIfAbsent(other.name(), sample(other));
            }
        }
        return options.set().values(withRequired, env).get(f);
    }

    /** A valid value of a flag: its default, else a value its help names. */
    private static String sample(Flag<?> f) {
        if (f.defaultText() != null) {
            return f.defaultText();
        }
        String label = f.type().label();
        return label.contains("|") ? label.split("\\|")[0] : "x";
    }

    @ParameterizedTest(name = "{0} --{1}")
    @MethodSource("everyFlagOfEveryCommand")
    void helpDefaultEnvAndParsingAgree(String command, String name) {
        CommandLine cl = fresh(command);
        Flag<?> f = flag(cl, name);
        OptionSpec option = cl.getCommandSpec().findOption(f.option());
        assertThat(option).as("option of %s", f.option()).isNotNull();
        assertThat(option.userObject()).isSameAs(f);
        String help = String.join(" ", option.description());
        assertThat(help.replace("%%", "%")).isEqualTo(f.helpLine());
        assertThat(help).contains(f.envNames().get(0)).contains(f.envNames().get(1));
        assertThat(f.envNames()).containsExactly("STREAMDNS_" + name.replace('-', '_').toUpperCase(),
                "EXTERNAL_DNS_" + name.replace('-', '_').toUpperCase());
        if (f.required()) {
            assertThat(help).contains("(required");
            assertThat(f.defaultValue()).isNull();
            return;
        }
        String text = f.defaultText();
        assertThat(help).contains("default: " + (text == null || text.isEmpty() ? "none" : text));
        Object dflt = f.defaultValue();
        // nothing given, the default's text on the command line, in either env var: all the default
        assertThat(parsed(command, name, Map.of())).isEqualTo(dflt);
        if (text != null && !text.isEmpty()) {
            assertThat(parsed(command, name, Map.of(), f.option() + "=" + text)).isEqualTo(dflt);
            assertThat(parsed(command, name, Map.of(f.envNames().get(0), text))).isEqualTo(dflt);
            assertThat(parsed(command, name, Map.of(f.envNames().get(1), text))).isEqualTo(dflt);
        }
        if (f.type().isBoolean()) {
            assertThat(parsed(command, name, Map.of(), f.option())).isEqualTo(true);
            assertThat(parsed(command, name, Map.of(), "--no-" + name)).isEqualTo(false);
            assertThat(parsed(command, name, Map.of(f.envNames().get(1), "1"))).isEqualTo(true);
        }
    }

    /** One definition per name: a flag several stages (and run) have is the same object everywhere. */
    @Test
    void everyFlagNameHasExactlyOneDefinition() {
        Map<String, Flag<?>> byName = new LinkedHashMap<>();
        Map<Flag<?>, String> where = new IdentityHashMap<>();
        for (CommandLine cl : commands()) {
            for (Flag<?> f : ((FlagOptions.Command) cl.getCommand()).flagOptions().set().flags()) {
                if (PER_STAGE.contains(f.name())) {
                    continue;
                }
                Flag<?> seen = byName.putIfAbsent(f.name(), f);
                assertThat(seen == null || seen == f).as("--%s of %s is defined again (first in %s)", f.name(),
                        cl.getCommandName(), where.get(seen)).isTrue();
                where.putIfAbsent(f, cl.getCommandName());
            }
        }
        assertThat(byName).containsKeys("domain-filter", "txt-owner-id", "interval", "provider");
    }

    /** A migrated stage command declares no flag of its own beside the registry's and the shared options. */
    @Test
    void migratedStagesTakeTheirFlagsFromTheRegistryOnly() {
        Set<String> shared = new HashSet<>();
        CommandSpec holder = new CommandLine(new CommandLineTest.Holder()).getCommandSpec();
        holder.options().forEach(o -> shared.addAll(List.of(o.names())));
        for (String stage : List.of("applier", "planner", "watcher")) {
            for (OptionSpec o : fresh(stage).getCommandSpec().options()) {
                if (o.usageHelp() || o.versionHelp() || shared.contains(o.longestName())) {
                    continue;
                }
                assertThat(o.userObject()).as("%s %s", stage, o.longestName()).isInstanceOf(Flag.class);
            }
        }
    }

    /** run offers the union of the stages' registry flags with the same help. */
    @Test
    void runOffersEveryStageFlag() {
        CommandLine run = fresh("run");
        for (CommandLine cl : commands()) {
            for (Flag<?> f : ((FlagOptions.Command) cl.getCommand()).flagOptions().set().flags()) {
                OptionSpec o = run.getCommandSpec().findOption(f.option());
                if (PER_STAGE.contains(f.name())) {
                    assertThat(o).as(f.option()).isNull();
                } else {
                    assertThat(o).as(f.option()).isNotNull();
                    assertThat(o.userObject()).isSameAs(f);
                }
            }
        }
    }
}
