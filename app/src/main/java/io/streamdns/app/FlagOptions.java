package io.streamdns.app;

import io.streamdns.runtime.config.InvalidFlagException;
import io.streamdns.runtime.flags.Flag;
import io.streamdns.runtime.flags.FlagSet;
import io.streamdns.runtime.flags.FlagValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The picocli face of a {@link FlagSet}: one option per flag, made from the registry (names, help with default and
 * env vars, {@code --no-x} for booleans), collecting the text given; the stage's config is then made from that text
 * and the environment by the registry, never by picocli. Commands with flags install it through
 * {@link Install} as their model transformer.
 */
public final class FlagOptions {
    private final FlagSet set;
    private final Map<String, List<String>> given = new LinkedHashMap<>();
    private Map<String, String> env = System.getenv();

    public FlagOptions(FlagSet set) {
        this.set = set;
    }

    /** Reads the flags' env vars from {@code env} instead of the process environment (tests). */
    public FlagOptions useEnv(Map<String, String> env) {
        this.env = env;
        return this;
    }

    /** A command whose options come (partly) from the registry. */
    public interface Command {
        FlagOptions flagOptions();
    }

    /** Adds the registry's options to a command's spec as picocli builds it. */
    public static final class Install implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            if (spec.userObject() instanceof Command c) {
                c.flagOptions().addTo(spec);
            }
            return spec;
        }
    }

    public FlagSet set() {
        return set;
    }

    /** Adds one option per flag not yet in {@code spec}. */
    public void addTo(CommandSpec spec) {
        for (Flag<?> f : set.flags()) {
            if (spec.findOption(f.name()) == null) {
                spec.addOption(option(f));
            }
        }
    }

    private OptionSpec option(Flag<?> f) {
        List<String> names = new ArrayList<>();
        names.add(f.option());
        f.aliases().forEach(a -> names.add("--" + a));
        OptionSpec.Builder b = OptionSpec.builder(names.toArray(String[]::new))
                .description(f.helpLine().replace("%", "%%"))
                .userObject(f);
        String name = f.name();
        CommandLine.Model.IGetter getter = new CommandLine.Model.IGetter() {
            @SuppressWarnings("unchecked")
            @Override
            public <T> T get() {
                List<String> v = given.get(name);
                return (T) (f.type().isList() ? (v == null ? null : new ArrayList<>(v)) : null);
            }
        };
        CommandLine.Model.ISetter setter = new CommandLine.Model.ISetter() {
            @Override
            public <T> T set(T value) {
                if (value == null) {
                    given.remove(name); // picocli resets options before each parse
                    return null;
                }
                if (value instanceof List<?> l) {
                    given.put(name, l.stream().map(String::valueOf).toList());
                } else {
                    given.put(name, List.of(String.valueOf(value)));
                }
                return null;
            }
        };
        if (f.type().isBoolean()) {
            b.type(Boolean.class).arity("0..1").negatable(true).paramLabel("true|false")
                    .converters(text -> { // the registry's boolean (Go's ParseBool), not picocli's
                        try {
                            return f.parse(text);
                        } catch (InvalidFlagException e) {
                            throw new CommandLine.TypeConversionException(e.reason());
                        }
                    });
        } else if (f.type().isList()) {
            b.type(List.class).auxiliaryTypes(String.class).arity("1").paramLabel("<" + f.type().label() + ">");
        } else {
            b.type(String.class).arity("1").paramLabel("<" + f.type().label() + ">");
        }
        return b.getter(getter).setter(setter).build();
    }

    /** What was given on the command line: flag name → text, a repeated list's values joined by newlines. */
    public Map<String, String> given() {
        Map<String, String> out = new LinkedHashMap<>();
        given.forEach((k, v) -> out.put(k, String.join("\n", v)));
        return out;
    }

    /** Sets what was given as if parsed ({@code run} hands each stage its share this way). */
    public void give(Map<String, String> flags) {
        given.clear();
        flags.forEach((k, v) -> {
            if (set.contains(k)) {
                given.put(set.find(k).name(), List.of(v));
            }
        });
    }

    /** The typed values: given, else env, else defaults; a bad one becomes picocli's usage error (exit 2). */
    public FlagValues values(CommandSpec spec) {
        try {
            return set.values(given(), env);
        } catch (InvalidFlagException e) {
            throw usageError(spec, e);
        }
    }

    /** One flag's value alone (given, else env, else default), before the command validates the rest. */
    public <T> T value(Flag<T> flag, CommandSpec spec) {
        Map<String, String> mine = new LinkedHashMap<>();
        given().forEach((k, v) -> {
            if (k.equals(flag.name())) {
                mine.put(k, v);
            }
        });
        try {
            return FlagSet.of(set.owner(), flag).values(mine, env).get(flag);
        } catch (InvalidFlagException e) {
            throw usageError(spec, e);
        }
    }

    static CommandLine.ParameterException usageError(CommandSpec spec, InvalidFlagException e) {
        return new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--" + e.flag()
                + "': " + e.reason());
    }
}
