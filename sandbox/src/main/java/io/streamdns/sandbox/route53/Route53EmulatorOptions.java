package io.streamdns.sandbox.route53;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Settings of a {@link Route53Emulator}: where it listens, the account's request rate (Route 53: 5/s;
 * 0 = no throttling), how long a change stays PENDING, zones to create at start, whether a change to a
 * zone whose previous change is PENDING gets {@code PriorRequestNotComplete}, and faults to inject.
 * {@link #fromMap} reads the {@code streamdns route53-emulator} flags by name (without the dashes).
 */
public record Route53EmulatorOptions(String host, int port, double rateLimitPerSecond, int burst,
                                     Duration changeDelay, List<ZoneSpec> zones, boolean priorRequestCheck,
                                     FaultSettings faults) {
    public static final double ROUTE53_RATE = 5;
    static final Set<String> KEYS = Set.of("host", "port", "rate-limit", "burst", "change-delay-ms", "zone",
            "prior-request-not-complete", "error-rate-500", "error-rate-503", "latency-ms", "outage");

    public Route53EmulatorOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("--host: must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port: " + port + " is not within 0..65535");
        }
        if (rateLimitPerSecond < 0 || Double.isNaN(rateLimitPerSecond)) {
            throw new IllegalArgumentException("--rate-limit: " + rateLimitPerSecond + " must be 0 (off) or positive");
        }
        if (burst < 0) {
            throw new IllegalArgumentException("--burst: " + burst + " must be 0 (= rate) or positive");
        }
        if (changeDelay == null || changeDelay.isNegative()) {
            throw new IllegalArgumentException("--change-delay-ms: must not be negative");
        }
        zones = List.copyOf(zones);
        faults = faults == null ? FaultSettings.NONE : faults;
    }

    /** A zone to create at start: {@code example.com} or {@code corp.internal:private}. */
    public record ZoneSpec(String name, boolean privateZone) {
        public static ZoneSpec parse(String spec) {
            String s = spec.strip();
            boolean priv = false;
            int colon = s.lastIndexOf(':');
            if (colon >= 0) {
                String kind = s.substring(colon + 1).toLowerCase(Locale.ROOT);
                if (!kind.equals("private") && !kind.equals("public")) {
                    throw new IllegalArgumentException("--zone: '" + spec + "' must be NAME or NAME:private");
                }
                priv = kind.equals("private");
                s = s.substring(0, colon);
            }
            if (s.isEmpty()) {
                throw new IllegalArgumentException("--zone: '" + spec + "' has no zone name");
            }
            return new ZoneSpec(s, priv);
        }
    }

    /** Loopback, a free port, Route 53's 5 requests/s, changes INSYNC after 1 s, no zones, no faults. */
    public static Route53EmulatorOptions defaults() {
        return new Route53EmulatorOptions("127.0.0.1", 0, ROUTE53_RATE, 0, Duration.ofSeconds(1), List.of(), false,
                FaultSettings.NONE);
    }

    public static Route53EmulatorOptions fromMap(Map<String, String> map) {
        for (String key : map.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("--" + key + ": unknown option (known: " + KEYS + ")");
            }
        }
        Route53EmulatorOptions d = defaults();
        List<ZoneSpec> zones = new ArrayList<>();
        String zoneList = map.get("zone");
        if (zoneList != null) {
            for (String spec : zoneList.split(",")) {
                if (!spec.isBlank()) {
                    zones.add(ZoneSpec.parse(spec));
                }
            }
        }
        FaultSettings faults;
        try {
            faults = new FaultSettings(dbl(map, "error-rate-500", 0), dbl(map, "error-rate-503", 0),
                    lng(map, "latency-ms", 0), bool(map, "outage", false), FaultSettings.OutageMode.UNAVAILABLE);
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith("--")) {
                throw e;
            }
            throw new IllegalArgumentException("--error-rate-500/--error-rate-503/--latency-ms: " + e.getMessage());
        }
        return new Route53EmulatorOptions(map.getOrDefault("host", d.host()), (int) lng(map, "port", d.port()),
                dbl(map, "rate-limit", d.rateLimitPerSecond()), (int) lng(map, "burst", 0),
                Duration.ofMillis(lng(map, "change-delay-ms", d.changeDelay().toMillis())), zones,
                bool(map, "prior-request-not-complete", false), faults);
    }

    public Route53EmulatorOptions withPort(int p) {
        return new Route53EmulatorOptions(host, p, rateLimitPerSecond, burst, changeDelay, zones, priorRequestCheck, faults);
    }

    public Route53EmulatorOptions withHost(String h) {
        return new Route53EmulatorOptions(h, port, rateLimitPerSecond, burst, changeDelay, zones, priorRequestCheck, faults);
    }

    /** Requests per second across all operations; 0 turns throttling off. */
    public Route53EmulatorOptions withRateLimit(double perSecond, int burstSize) {
        return new Route53EmulatorOptions(host, port, perSecond, burstSize, changeDelay, zones, priorRequestCheck, faults);
    }

    public Route53EmulatorOptions withChangeDelay(Duration delay) {
        return new Route53EmulatorOptions(host, port, rateLimitPerSecond, burst, delay, zones, priorRequestCheck, faults);
    }

    public Route53EmulatorOptions withZones(List<ZoneSpec> z) {
        return new Route53EmulatorOptions(host, port, rateLimitPerSecond, burst, changeDelay, z, priorRequestCheck, faults);
    }

    public Route53EmulatorOptions withPriorRequestCheck(boolean on) {
        return new Route53EmulatorOptions(host, port, rateLimitPerSecond, burst, changeDelay, zones, on, faults);
    }

    public Route53EmulatorOptions withFaults(FaultSettings f) {
        return new Route53EmulatorOptions(host, port, rateLimitPerSecond, burst, changeDelay, zones, priorRequestCheck, f);
    }

    private static long lng(Map<String, String> map, String key, long dflt) {
        String v = map.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + ": '" + v + "' is not a whole number");
        }
    }

    private static double dbl(Map<String, String> map, String key, double dflt) {
        String v = map.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + ": '" + v + "' is not a number");
        }
    }

    private static boolean bool(Map<String, String> map, String key, boolean dflt) {
        String v = map.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("--" + key + ": '" + v + "' is not true or false");
        };
    }
}
