package io.streamdns.watcher.core;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The {@code ttl} annotation: whole seconds ({@code 600}) or a Go duration ({@code 10m}, {@code 1m30s},
 * {@code 1.5h}); fractions of a second are cut off, as external-dns does. Valid range 1..2147483647;
 * {@code 0} means "not set".
 */
public final class Ttl {
    public static final long MAX = 2147483647L;

    private static final Map<String, BigDecimal> UNIT_NANOS = Map.of(
            "ns", BigDecimal.ONE,
            "us", BigDecimal.valueOf(1_000L),
            "µs", BigDecimal.valueOf(1_000L),
            "μs", BigDecimal.valueOf(1_000L),
            "ms", BigDecimal.valueOf(1_000_000L),
            "s", BigDecimal.valueOf(1_000_000_000L),
            "m", BigDecimal.valueOf(60_000_000_000L),
            "h", BigDecimal.valueOf(3_600_000_000_000L));
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    /** @param seconds the TTL, 0 when unset or invalid; @param error why the value was refused, or null */
    public record Parsed(long seconds, String error) {
    }

    private Ttl() {
    }

    public static Parsed parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return new Parsed(0, null);
        }
        String s = raw.strip();
        BigDecimal seconds;
        if (s.chars().allMatch(Character::isDigit)) {
            seconds = new BigDecimal(s);
        } else {
            seconds = goDurationSeconds(s);
            if (seconds == null) {
                return new Parsed(0, "ttl '" + s + "' is neither seconds nor a duration such as 1m30s");
            }
        }
        if (seconds.signum() == 0 && isZero(s)) {
            return new Parsed(0, null);
        }
        if (seconds.compareTo(BigDecimal.ONE) < 0 || seconds.compareTo(BigDecimal.valueOf(MAX)) > 0) {
            return new Parsed(0, "ttl '" + s + "' is outside 1.." + MAX + " seconds");
        }
        return new Parsed(seconds.longValueExact(), null);
    }

    private static boolean isZero(String s) {
        return s.chars().allMatch(c -> c == '0');
    }

    /** Go's time.ParseDuration, in whole seconds (truncated); null when malformed or negative. */
    static BigDecimal goDurationSeconds(String s) {
        int i = 0;
        if (s.startsWith("+")) {
            i = 1;
        } else if (s.startsWith("-")) {
            return null;
        }
        if (i == s.length()) {
            return null;
        }
        BigDecimal nanos = BigDecimal.ZERO;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                return null;
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            BigDecimal unit = UNIT_NANOS.get(s.substring(unitStart, i));
            if (unit == null) {
                return null;
            }
            nanos = nanos.add(new BigDecimal(number.startsWith(".") ? "0" + number : number).multiply(unit));
        }
        return nanos.divideToIntegralValue(NANOS_PER_SECOND);
    }
}
