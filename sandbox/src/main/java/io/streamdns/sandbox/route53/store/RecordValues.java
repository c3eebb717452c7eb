package io.streamdns.sandbox.route53.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks of resource record values by type, worded as Route 53 words them
 * ({@code Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (...) encountered with '...''}).
 */
final class RecordValues {
    static final int MAX_CHARACTER_STRING = 255;

    private RecordValues() {
    }

    static List<String> problems(String type, List<String> values) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String v : values) {
            if (!seen.add(v)) {
                problems.add("Duplicate Resource Record: '" + v + "'");
                return problems;
            }
        }
        if (type.equals("CNAME") && values.size() > 1) {
            problems.add("Invalid Resource Record: 'FATAL problem: RRDATATooManyValues (CNAME record set must have"
                    + " exactly one value) encountered with '" + String.join(",", values) + "''");
            return problems;
        }
        for (String v : values) {
            String problem = problem(type, v);
            if (problem != null) {
                problems.add("Invalid Resource Record: 'FATAL problem: " + problem + " encountered with '" + v + "''");
            }
        }
        return problems;
    }

    private static String problem(String type, String v) {
        switch (type) {
            case "A" -> {
                if (hasSpace(v)) {
                    return "ARRDATANotSingleField (Value contains spaces)";
                }
                return isIpv4(v) ? null : "ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address)";
            }
            case "AAAA" -> {
                if (hasSpace(v)) {
                    return "AAAARRDATANotSingleField (Value contains spaces)";
                }
                return isIpv6(v) ? null : "AAAARRDATAIllegalIPv6Address (Value is not a valid IPv6 address)";
            }
            case "CNAME", "NS", "PTR" -> {
                if (hasSpace(v)) {
                    return "RRDATANotSingleField (Value contains spaces)";
                }
                DnsName.Parsed parsed = DnsName.parse(v);
                return parsed.ok() ? null : parsed.problem();
            }
            case "TXT", "SPF" -> {
                return characterStringsTooLong(v) ? "CharacterStringTooLong (Value is too long)" : null;
            }
            case "MX" -> {
                String[] f = v.trim().split("\\s+");
                return f.length == 2 && isUnsigned16(f[0]) ? null
                        : "MXRRDATANotTwoFields (Value must be a preference and a mail server name)";
            }
            case "SRV" -> {
                String[] f = v.trim().split("\\s+");
                return f.length == 4 && isUnsigned16(f[0]) && isUnsigned16(f[1]) && isUnsigned16(f[2]) ? null
                        : "SRVRRDATANotFourFields (Value must be priority, weight, port and target)";
            }
            default -> {
                return v.isEmpty() ? "RRDATAEmpty (Value is empty)" : null;
            }
        }
    }

    static boolean isIpv4(String v) {
        String[] parts = v.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(ch -> ch >= '0' && ch <= '9')
                    || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String v) {
        if (v.indexOf(':') < 0) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex && c != ':' && c != '.') {
                return false;
            }
        }
        try {
            // a literal with ':' is parsed, never looked up
            InetAddress.getByName(v);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** TXT values are one or more character-strings, quoted or bare; none may exceed 255 characters. */
    private static boolean characterStringsTooLong(String v) {
        int i = 0;
        while (i < v.length()) {
            char c = v.charAt(i);
            if (c == ' ') {
                i++;
                continue;
            }
            int len = 0;
            if (c == '"') {
                i++;
                while (i < v.length() && v.charAt(i) != '"') {
                    i += v.charAt(i) == '\\' ? 2 : 1;
                    len++;
                }
                i++;
            } else {
                while (i < v.length() && v.charAt(i) != ' ') {
                    i++;
                    len++;
                }
            }
            if (len > MAX_CHARACTER_STRING) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasSpace(String v) {
        return v.chars().anyMatch(Character::isWhitespace);
    }

    private static boolean isUnsigned16(String s) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return false;
        }
        return Integer.parseInt(s) <= 65535;
    }
}
