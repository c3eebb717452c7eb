package io.streamdns.runtime.flags;

import io.streamdns.runtime.config.InvalidFlagException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The flags of one stage (or command), in help order. {@link #values} turns what was given (command line, then the
 * environment) into typed values; an unknown key is refused. Immutable, pure.
 */
public final class FlagSet {
    private final String owner;
    private final Map<String, Flag<?>> flags;

    private FlagSet(String owner, Map<String, Flag<?>> flags) {
        this.owner = owner;
        this.flags = flags;
    }

    /** @throws IllegalArgumentException when a name (or alias) is defined twice */
    public static FlagSet of(String owner, Collection<? extends Flag<?>> flags) {
        Map<String, Flag<?>> byName = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Flag<?> f : flags) {
            List<String> all = new ArrayList<>(f.aliases());
            all.add(0, f.name());
            for (String n : all) {
                if (names.putIfAbsent(n, f.name()) != null) {
                    throw new IllegalArgumentException(owner + ": --" + n + " is defined twice");
                }
            }
            byName.put(f.name(), f);
        }
        return new FlagSet(owner, java.util.Collections.unmodifiableMap(byName));
    }

    public static FlagSet of(String owner, Flag<?>... flags) {
        return of(owner, List.of(flags));
    }

    /** This set's flags followed by those of {@code other} not in this one (same name: this set's definition). */
    public FlagSet plus(String newOwner, FlagSet other) {
        Map<String, Flag<?>> all = new LinkedHashMap<>(flags);
        other.flags.forEach(all::putIfAbsent);
        return of(newOwner, all.values());
    }

    /** This set without the named flags. */
    public FlagSet without(String newOwner, Collection<String> names) {
        return of(newOwner, flags.values().stream().filter(f -> !names.contains(f.name())).toList());
    }

    public String owner() {
        return owner;
    }

    public Collection<Flag<?>> flags() {
        return flags.values();
    }

    public Flag<?> find(String name) {
        Flag<?> f = flags.get(name);
        if (f != null) {
            return f;
        }
        return flags.values().stream().filter(x -> x.aliases().contains(name)).findFirst().orElse(null);
    }

    public boolean contains(String name) {
        return find(name) != null;
    }

    /** Only what was given; defaults for the rest. */
    public FlagValues values(Map<String, String> given) {
        return values(given, Map.of());
    }

    /**
     * @param given flag name (or alias) → text, from the command line; a list given several times is joined by
     *              newlines
     * @param env   the process environment: {@code STREAMDNS_<FLAG>}, else {@code EXTERNAL_DNS_<FLAG>}, for flags
     *              not given
     * @throws InvalidFlagException for an unknown key, a bad value or a missing required flag, naming the flag
     */
    public FlagValues values(Map<String, String> given, Map<String, String> env) {
        Map<String, String> text = new LinkedHashMap<>();
        given.forEach((k, v) -> {
            Flag<?> f = find(k);
            if (f == null) {
                throw new InvalidFlagException(k, "unknown " + owner + " flag (known: "
                        + new TreeSet<>(flags.keySet()) + ")");
            }
            if (v != null) {
                text.merge(f.name(), v, (a, b) -> f.type().isList() ? a + "\n" + b : b);
            }
        });
        Map<String, String> sources = new LinkedHashMap<>();
        text.keySet().forEach(k -> sources.put(k, "--" + k));
        for (Flag<?> f : flags.values()) {
            if (text.containsKey(f.name())) {
                continue;
            }
            for (String e : f.allEnvNames()) {
                String v = env.get(e);
                if (v != null) {
                    text.put(f.name(), v);
                    sources.put(f.name(), e);
                    break;
                }
            }
        }
        Map<Flag<?>, Object> values = new LinkedHashMap<>();
        for (Flag<?> f : flags.values()) {
            String t = text.get(f.name());
            if (t == null) {
                if (f.required()) {
                    throw new InvalidFlagException(f.name(), "required (or env " + String.join(" or ", f.envNames())
                            + ")");
                }
                values.put(f, f.defaultValue());
            } else {
                try {
                    values.put(f, f.parse(t));
                } catch (InvalidFlagException e) {
                    String from = sources.get(f.name());
                    throw from.startsWith("--") ? e : new InvalidFlagException(f.name(), e.reason() + " (from env "
                            + from + ")");
                }
            }
        }
        return new FlagValues(this, values, text.keySet());
    }
}
