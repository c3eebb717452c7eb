package io.streamdns.app.audit.core;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code --since} / {@code --until}: an ISO-8601 instant ({@code 2025-06-01T10:00:00Z}, an offset, or a
 * date meaning its start in UTC), or a duration meaning "that long ago" ({@code 10m}, {@code 2h}, {@code 3d},
 * {@code 90s}, {@code 1w}, or ISO {@code PT10M}). Pure: "now" is given.
 */
public final class TimeBounds {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

    private TimeBounds() {
    }

    /** @return epoch millis, or null when {@code text} is null or blank */
    public static Long parse(String flag, String text, Instant now) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        Matcher short_ = SHORT.matcher(t.toLowerCase(Locale.ROOT));
        try {
            if (short_.matches()) {
                long n = Long.parseLong(short_.group(1));
                Duration d = switch (short_.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    case "d" -> Duration.ofDays(n);
                    default -> Duration.ofDays(7 * n);
                };
                return now.minus(d).toEpochMilli();
            }
            if (t.startsWith("P") || t.startsWith("p")) {
                return now.minus(Duration.parse(t)).toEpochMilli();
            }
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            if (t.endsWith("Z") || t.endsWith("z")) {
                return Instant.parse(t.toUpperCase(Locale.ROOT)).toEpochMilli();
            }
            return OffsetDateTime.parse(t).toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": '" + text + "' is neither an ISO-8601 instant "
                    + "(2025-06-01T10:00:00Z) nor a duration ago (90s, 10m, 2h, 3d, PT10M)");
        }
    }

    /** Both bounds, checked to be in order. */
    public static Long[] window(String since, String until, Instant now) {
        Long from = parse("--since", since, now);
        Long to = parse("--until", until, now);
        if (from != null && to != null && from > to) {
            throw new IllegalArgumentException("--since (" + Instant.ofEpochMilli(from) + ") is after --until ("
                    + Instant.ofEpochMilli(to) + ")");
        }
        return new Long[] {from, to};
    }
}
