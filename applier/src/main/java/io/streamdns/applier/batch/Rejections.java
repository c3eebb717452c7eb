package io.streamdns.applier.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Route 53's InvalidChangeBatch messages for the record sets they blame, e.g.
 * {@code Tried to create resource record set [name='www.example.com.', type='A'] but it already exists} or
 * {@code RRSet with DNS name x.example.com., type A ...}. A message that names nothing still rejects the batch;
 * the submitter then bisects.
 */
public final class Rejections {
    private static final Pattern BRACKETED = Pattern.compile(
            "\\[name='([^']+)', type='([A-Za-z]+)'(?:, set-identifier='([^']*)')?]");
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?:RRSet(?: of type ([A-Z]+))? with DNS name )(\\S+?)(?:,? type ([A-Z]+))?(?:[,\\s]|$)");

    private Rejections() {
    }

    public enum Kind {
        /** A CREATE of a set that exists. */
        EXISTS,
        /** A DELETE of a set that is not there: the delete is already done. */
        NOT_FOUND,
        /** A DELETE whose values differ from the zone's. */
        MISMATCH,
        /** Anything else Route 53 refuses about this set. */
        OTHER
    }

    /** One blamed set; type null when the message does not say. */
    public record Problem(String name, String type, String setIdentifier, Kind kind, String message) {
        public boolean matches(RecordSet set) {
            return set.name().equals(name) && (type == null || set.type().equals(type))
                    && (setIdentifier == null || setIdentifier.equals(set.setIdentifier()));
        }
    }

    public static List<Problem> parse(List<String> messages) {
        List<Problem> out = new ArrayList<>();
        for (String m : messages) {
            Problem p = parse(m);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    public static Problem parse(String message) {
        if (message == null) {
            return null;
        }
        Kind kind = message.contains("already exists") && message.startsWith("Tried to create") ? Kind.EXISTS
                : message.contains("but it was not found") ? Kind.NOT_FOUND
                : message.contains("do not match the current values") ? Kind.MISMATCH : Kind.OTHER;
        Matcher b = BRACKETED.matcher(message);
        if (b.find()) {
            return new Problem(name(b.group(1)), b.group(2).toUpperCase(Locale.ROOT), b.group(3), kind, message);
        }
        Matcher d = DNS_NAME.matcher(message);
        if (d.find()) {
            String type = d.group(1) != null ? d.group(1) : d.group(3);
            return new Problem(name(d.group(2)), type, null, kind, message);
        }
        return null;
    }

    /** Route 53 spells names with a trailing dot and {@code \052} for a wildcard. */
    static String name(String raw) {
        String n = raw.replace("\\052", "*").toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
