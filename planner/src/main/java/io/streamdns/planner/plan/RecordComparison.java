package io.streamdns.planner.plan;

import com.google.common.net.InetAddresses;
import io.streamdns.model.Endpoint;
import io.streamdns.model.ProviderProperties;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * When two record sets are "the same" for planning, as external-dns decides it: targets case- and
 * order-insensitive with IPv6 normalised, TTL only when the desired one is set, provider-specific properties
 * compared after normalisation ({@code alias} only when "true", health evaluation only on aliases, placement
 * hints ignored because providers do not report them back).
 */
public final class RecordComparison {
    /** Properties that steer the planner or the applier but are never read back from a provider. */
    static final Set<String> NOT_COMPARED = Set.of(ProviderProperties.ALIAS_TYPE, ProviderProperties.TXT_FORCE_UPDATE,
            ProviderProperties.AWS_HOSTED_ZONE_ID, ProviderProperties.AWS_TARGET_HOSTED_ZONE);

    private RecordComparison() {
    }

    /** True when {@code desired} differs from {@code current} in targets, a set TTL or provider properties. */
    public static boolean needsUpdate(Endpoint desired, Endpoint current) {
        return (desired.ttl() > 0 && desired.ttl() != current.ttl())
                || !sameTargets(desired.targets(), current.targets())
                || !comparableProperties(desired.providerSpecific()).equals(comparableProperties(current.providerSpecific()));
    }

    /** True when a provider record is what a plan asked for (the same test as {@link #needsUpdate}, inverted). */
    public static boolean matches(Endpoint expected, Endpoint actual) {
        return expected.recordType().equals(actual.recordType()) && !needsUpdate(expected, actual);
    }

    public static boolean isAlias(Endpoint e) {
        return "true".equalsIgnoreCase(e.property(ProviderProperties.ALIAS));
    }

    public static Map<String, String> comparableProperties(Map<String, String> props) {
        if (props.isEmpty()) {
            return props;
        }
        Map<String, String> out = new TreeMap<>(props);
        out.keySet().removeAll(NOT_COMPARED);
        if (out.containsKey(ProviderProperties.AWS_MULTI_VALUE_ANSWER)) {
            out.put(ProviderProperties.AWS_MULTI_VALUE_ANSWER, ""); // by presence, as external-dns
        }
        String coordinates = out.get(ProviderProperties.AWS_GEOPROXIMITY_COORDINATES);
        if (coordinates != null) {
            out.put(ProviderProperties.AWS_GEOPROXIMITY_COORDINATES, coordinates.replace(" ", ""));
        }
        if (out.containsKey(ProviderProperties.AWS_GEOPROXIMITY_REGION) || coordinates != null
                || out.containsKey(ProviderProperties.AWS_GEOPROXIMITY_LOCAL_ZONE_GROUP)) {
            // external-dns's adjustGeoProximityLocationEndpoint: a location without a bias has bias 0
            out.putIfAbsent(ProviderProperties.AWS_GEOPROXIMITY_BIAS, "0");
        }
        boolean alias = "true".equalsIgnoreCase(out.get(ProviderProperties.ALIAS));
        if (alias) {
            out.put(ProviderProperties.ALIAS, "true");
        } else {
            out.remove(ProviderProperties.ALIAS);
            out.remove(ProviderProperties.AWS_EVALUATE_TARGET_HEALTH);
        }
        return out;
    }

    public static boolean sameTargets(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        if (a.size() == 1) {
            return a.get(0).equals(b.get(0)) || normalize(a.get(0)).equals(normalize(b.get(0)));
        }
        if (a.equals(b)) {
            return true; // targets are kept sorted: the common case needs no normalising
        }
        return normalizeAll(a).equals(normalizeAll(b));
    }

    /**
     * external-dns's {@code Targets.IsLess}: fewer targets first; then the first differing sorted target, IP
     * addresses before host names, IPs by address, names by string.
     */
    public static boolean lessTargets(List<String> x, List<String> y) {
        if (x.size() != y.size()) {
            return x.size() < y.size();
        }
        List<String> a = x.stream().sorted().toList();
        List<String> b = y.stream().sorted().toList();
        for (int i = 0; i < a.size(); i++) {
            String s = a.get(i);
            String t = b.get(i);
            if (s.equals(t)) {
                continue;
            }
            InetAddress ipA = ip(s);
            InetAddress ipB = ip(t);
            if (ipA != null && ipB != null) {
                return compareIp(ipA, ipB) < 0;
            }
            if (ipA != null || ipB != null) {
                return ipA != null;
            }
            return s.compareTo(t) < 0;
        }
        return false;
    }

    static String normalize(String target) {
        String t = target.toLowerCase(Locale.ROOT);
        if (t.endsWith(".")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.indexOf(':') >= 0 && InetAddresses.isInetAddress(t)) {
            t = InetAddresses.toAddrString(InetAddresses.forString(t));
        }
        return t;
    }

    private static List<String> normalizeAll(List<String> targets) {
        List<String> out = new ArrayList<>(targets.size());
        for (String t : targets) {
            out.add(normalize(t));
        }
        out.sort(null);
        return out;
    }

    private static InetAddress ip(String s) {
        return InetAddresses.isInetAddress(s) ? InetAddresses.forString(s) : null;
    }

    private static int compareIp(InetAddress a, InetAddress b) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) {
            return Integer.compare(x.length, y.length); // IPv4 before IPv6, as Go's netip.Addr.Less
        }
        for (int i = 0; i < x.length; i++) {
            int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
