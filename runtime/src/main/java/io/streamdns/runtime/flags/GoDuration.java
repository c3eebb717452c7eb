package io.streamdns.runtime.flags;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Go's {@code time.ParseDuration} writes them, the syntax external-dns's flags take: a sequence of
 * decimal numbers each with a unit ({@code 200ms}, {@code 1.5s}, {@code 1h30m}); units ns, us (µs), ms, s, m, h.
 * A bare number is refused: it meant milliseconds in one stage and seconds in another before. Pure.
 */
public final class GoDuration {
    private static final Pattern WHOLE = Pattern.compile("((\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

    private GoDuration() {
    }

    /** @throws IllegalArgumentException saying what is accepted */
    public static Duration parse(String text) {
        String v = text == null ? "" : text.strip();
        if (v.matches("[+-]?\\d+(\\.\\d*)?")) {
            throw new IllegalArgumentException("'" + v + "' has no unit: write it with one, e.g. " + v + "s, " + v
                    + "m or " + v + "ms (Go duration syntax, as external-dns)");
        }
        if (v.startsWith("-")) {
            throw new IllegalArgumentException("'" + v + "' is negative");
        }
        if (v.startsWith("+")) {
            v = v.substring(1);
        }
        if (!WHOLE.matcher(v).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 200ms, 1.5s, 1m or 1h30m");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher m = PART.matcher(v);
        while (m.find()) {
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
        }
        return Duration.ofNanos(nanos.longValue());
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
    }

    /** The shortest Go-style text: {@code 200ms}, {@code 2s}, {@code 1m30s}, {@code 1h}, {@code 0s}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        long nanos = d.toNanos();
        if (nanos % 1_000_000_000L != 0) {
            if (nanos < 1_000_000_000L && nanos % 1_000_000L == 0) {
                return nanos / 1_000_000L + "ms";
            }
            return BigDecimal.valueOf(nanos).movePointLeft(9).stripTrailingZeros().toPlainString() + "s";
        }
        long s = d.toSeconds();
        StringBuilder b = new StringBuilder();
        if (s >= 3600) {
            b.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            b.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0) {
            b.append(s).append('s');
        }
        return b.toString();
    }
}
