package io.streamdns.runtime.flags;

import io.streamdns.runtime.config.InvalidFlagException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One flag, defined once: its name (without dashes), type, default, help and environment variables
 * ({@code STREAMDNS_<FLAG>}, then {@code EXTERNAL_DNS_<FLAG>} as external-dns reads them). The picocli option of
 * every command that has it and the stage's config are both made from this. Immutable.
 *
 * @param defaultValue null when the flag has no value unless given (the config sees null)
 * @param aliases      older names still accepted (e.g. {@code drift-interval} for {@code interval}), on the command
 *                     line and as {@code STREAMDNS_<ALIAS>} (deployments that set the old variable keep working)
 */
public record Flag<T>(String name, FlagType<T> type, T defaultValue, String help, boolean required,
                      List<String> aliases) {

    public Flag {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("flag name '" + name + "' must be lower-case words joined by '-'");
        }
        if (help == null || help.isBlank() || help.contains("default:")) {
            throw new IllegalArgumentException("--" + name + ": help must be given and must not copy the default");
        }
        aliases = List.copyOf(aliases);
    }

    public static <T> Flag<T> of(String name, FlagType<T> type, T defaultValue, String help) {
        return new Flag<>(name, type, defaultValue, help, false, List.of());
    }

    public static Flag<Boolean> bool(String name, boolean defaultValue, String help) {
        return of(name, FlagType.BOOLEAN, defaultValue, help);
    }

    public static Flag<String> string(String name, String defaultValue, String help) {
        return of(name, FlagType.STRING, defaultValue, help);
    }

    public static Flag<List<String>> strings(String name, String help) {
        return of(name, FlagType.STRINGS, List.of(), help);
    }

    /** The same flag, to be given (no default applies). */
    public Flag<T> asRequired() {
        return new Flag<>(name, type, null, help, true, aliases);
    }

    /** The same flag, also accepted under an older name. */
    public Flag<T> alias(String older) {
        List<String> a = new ArrayList<>(aliases);
        a.add(older);
        return new Flag<>(name, type, defaultValue, help, required, a);
    }

    /** {@code --name}. */
    public String option() {
        return "--" + name;
    }

    /** {@code STREAMDNS_<NAME>} then {@code EXTERNAL_DNS_<NAME>}. */
    public List<String> envNames() {
        String upper = name.replace('-', '_').toUpperCase(Locale.ROOT);
        return List.of("STREAMDNS_" + upper, "EXTERNAL_DNS_" + upper);
    }

    /** {@link #envNames()}, then {@code STREAMDNS_<ALIAS>} of each older name. */
    public List<String> allEnvNames() {
        List<String> all = new ArrayList<>(envNames());
        aliases.forEach(a -> all.add("STREAMDNS_" + a.replace('-', '_').toUpperCase(Locale.ROOT)));
        return all;
    }

    /** The default as the flag would be written, or null when there is none. */
    public String defaultText() {
        if (defaultValue == null) {
            return null;
        }
        return type.format().apply(defaultValue);
    }

    /** The help line every command shows: the help, then default, env vars and accepted values, all generated. */
    public String helpLine() {
        StringBuilder b = new StringBuilder(help.strip());
        if (!help.strip().endsWith(".")) {
            b.append('.');
        }
        b.append(" (");
        if (required) {
            b.append("required");
        } else {
            String d = defaultText();
            b.append("default: ").append(d == null || d.isEmpty() ? "none" : d);
        }
        b.append("; env ").append(String.join(" or ", envNames()));
        if (type.isList()) {
            b.append("; repeat or separate by commas");
        }
        if (type.isBoolean()) {
            b.append("; --no-").append(name).append(" for false");
        }
        b.append(')');
        return b.toString();
    }

    /**
     * @param text as given (stripped here); blank is a string's and a list's empty value, an error for others
     * @throws InvalidFlagException naming this flag
     */
    public T parse(String text) {
        String v = text == null ? "" : text.strip();
        try {
            return type.parse().apply(v);
        } catch (InvalidFlagException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidFlagException(name, e.getMessage());
        }
    }
}
