package io.streamdns.model.dns;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;

/** Classifies a record target without any lookup: IPv4 → A, IPv6 → AAAA, a host name → CNAME. */
public final class Targets {
    private Targets() {
    }

    public enum Kind { IPV4, IPV6, HOSTNAME, INVALID }

    public record Classified(Kind kind, String value, String reason) {
        public String recordType() {
            return switch (kind) {
                case IPV4 -> "A";
                case IPV6 -> "AAAA";
                case HOSTNAME -> "CNAME";
                case INVALID -> null;
            };
        }
    }

    public static Classified classify(String raw) {
        if (raw == null || raw.isBlank()) {
            return new Classified(Kind.INVALID, null, "empty target");
        }
        String t = raw.strip();
        if (InetAddresses.isInetAddress(t)) {
            InetAddress addr = InetAddresses.forString(t);
            if (addr instanceof Inet4Address) {
                return new Classified(Kind.IPV4, InetAddresses.toAddrString(addr), null);
            }
            return new Classified(Kind.IPV6, InetAddresses.toAddrString(addr), null);
        }
        if (t.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            return new Classified(Kind.INVALID, null, "'" + t + "' is not a valid IPv4 address");
        }
        if (t.indexOf(':') >= 0) {
            return new Classified(Kind.INVALID, null, "'" + t + "' is not a valid IPv6 address");
        }
        NameCheck name = DnsNames.check(t);
        if (!name.isValid()) {
            return new Classified(Kind.INVALID, null, "target: " + name.reason());
        }
        if (DnsNames.isWildcard(name.name())) {
            return new Classified(Kind.INVALID, null, "target '" + t + "' must not be a wildcard");
        }
        return new Classified(Kind.HOSTNAME, name.name(), null);
    }
}
