package io.streamdns.runtime.flags;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * How a flag's text becomes a value and back. A parser throws {@link IllegalArgumentException} with the reason only;
 * {@link Flag} adds the flag's name. Pure.
 *
 * @param label    what the help shows as the value, e.g. {@code <duration>}
 * @param parse    text (stripped, never empty) → value
 * @param format   value → the text that parses back to it (help, {@code config show})
 * @param kind     a boolean takes {@code --x}, {@code --no-x} and {@code --x=false}; a list may be repeated and is
 *                 split on commas and newlines (external-dns's env var lists are newline separated)
 */
public record FlagType<T>(String label, Function<String, T> parse, Function<T, String> format, Kind kind) {

    public enum Kind { SCALAR, BOOLEAN, LIST }

    public static final FlagType<String> STRING = new FlagType<>("text", s -> s, s -> s, Kind.SCALAR);

    /** Go's {@code strconv.ParseBool}, as external-dns's env vars ({@code EXTERNAL_DNS_EVENTS=1}) use it. */
    public static final FlagType<Boolean> BOOLEAN = new FlagType<>("true|false", s -> switch (s) {
        case "true", "TRUE", "True", "t", "T", "1" -> true;
        case "false", "FALSE", "False", "f", "F", "0" -> false;
        default -> throw new IllegalArgumentException("'" + s + "' is not true or false");
    }, String::valueOf, Kind.BOOLEAN);

    public static final FlagType<List<String>> STRINGS = list(STRING);

    public static FlagType<Integer> integer(int min, int max) {
        return new FlagType<>("n", s -> {
            int v;
            try {
                v = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + s + "' is not a whole number " + min + ".." + max);
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException("'" + s + "' is outside " + min + ".." + max);
            }
            return v;
        }, String::valueOf, Kind.SCALAR);
    }

    /** A number in {@code (minExclusive, max]}. */
    public static FlagType<Double> decimal(double minExclusive, double max) {
        return new FlagType<>("x", s -> {
            double v;
            try {
                v = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
            if (!(v > minExclusive && v <= max)) {
                throw new IllegalArgumentException("'" + s + "' is not a number in (" + plain(minExclusive) + ", "
                        + plain(max) + "]");
            }
            return v;
        }, FlagType::plain, Kind.SCALAR);
    }

    /** A Go-style duration within {@code [min, max]}. */
    public static FlagType<Duration> duration(Duration min, Duration max) {
        return new FlagType<>("duration", s -> {
            Duration d = GoDuration.parse(s);
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new IllegalArgumentException("'" + s + "' is outside " + GoDuration.format(min) + ".."
                        + GoDuration.format(max));
            }
            return d;
        }, GoDuration::format, Kind.SCALAR);
    }

    /** One of {@code choices}, compared without case; the value is the choice as written here. */
    public static FlagType<String> oneOf(String... choices) {
        List<String> all = List.of(choices);
        return new FlagType<>(String.join("|", all), s -> all.stream().filter(c -> c.equalsIgnoreCase(s)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + s + "' is not one of " + String.join(", ", all))),
                s -> s, Kind.SCALAR);
    }

    /** Any parser whose failures are {@link IllegalArgumentException}s with the reason. */
    public static <T> FlagType<T> of(String label, Function<String, T> parse, Function<T, String> format) {
        return new FlagType<>(label, parse, format, Kind.SCALAR);
    }

    /** Elements of {@code element}, separated by commas or newlines, blanks dropped. */
    public static <E> FlagType<List<E>> list(FlagType<E> element) {
        return new FlagType<>(element.label + ",...", s -> {
            List<E> out = new ArrayList<>();
            for (String part : s.split("[,\n]")) {
                if (!part.isBlank()) {
                    out.add(element.parse.apply(part.strip()));
                }
            }
            return List.copyOf(out);
        }, l -> String.join(",", l.stream().map(element.format).toList()), Kind.LIST);
    }

    /** Values whose set of accepted elements is known, for help texts. */
    public static FlagType<List<String>> listOf(Set<String> choices) {
        FlagType<String> one = oneOf(new TreeSet<>(choices).toArray(String[]::new));
        return list(one);
    }

    public boolean isBoolean() {
        return kind == Kind.BOOLEAN;
    }

    public boolean isList() {
        return kind == Kind.LIST;
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d).toLowerCase(Locale.ROOT);
    }
}
