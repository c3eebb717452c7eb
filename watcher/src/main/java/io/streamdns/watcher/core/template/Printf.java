package io.streamdns.watcher.core.template;

import java.util.List;

/** fmt.Sprintf for the verbs a name template needs: %v %s %d %q %t %x %X %f %e %g %%, with flags and width. */
final class Printf {
    private Printf() {
    }

    static String format(String f, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int arg = 0;
        for (int k = 0; k < f.length(); k++) {
            char c = f.charAt(k);
            if (c != '%') {
                out.append(c);
                continue;
            }
            int start = k++;
            while (k < f.length() && "+-# 0".indexOf(f.charAt(k)) >= 0) {
                k++;
            }
            while (k < f.length() && (Character.isDigit(f.charAt(k)) || f.charAt(k) == '.')) {
                k++;
            }
            if (k >= f.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            char verb = f.charAt(k);
            String spec = f.substring(start + 1, k);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (arg >= args.size()) {
                out.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            out.append(one(verb, spec, args.get(arg++)));
        }
        if (arg < args.size()) {
            out.append("%!(EXTRA ");
            for (int k = arg; k < args.size(); k++) {
                out.append(k > arg ? ", " : "").append(GoValues.type(args.get(k))).append('=')
                        .append(GoValues.print(args.get(k)));
            }
            out.append(')');
        }
        return out.toString();
    }

    private static String one(char verb, String spec, Object v) {
        String s = switch (verb) {
            case 'v' -> GoValues.print(v);
            case 's' -> v instanceof String || v instanceof List || v instanceof GoValues.GoMap ? GoValues.print(v)
                    : null;
            case 'd' -> v instanceof Long l ? Long.toString(l) : null;
            case 'q' -> v instanceof String str ? quote(str) : null;
            case 't' -> v instanceof Boolean b ? b.toString() : null;
            case 'x', 'X' -> v instanceof Long l ? Long.toHexString(l) : v instanceof String str ? hex(str) : null;
            case 'f', 'e', 'g' -> v instanceof Double || v instanceof Long
                    ? String.format("%" + spec + verb, ((Number) v).doubleValue()) : null;
            default -> null;
        };
        if (s == null) {
            return "%!" + verb + "(" + GoValues.type(v) + "=" + GoValues.print(v) + ")";
        }
        if (verb == 'X') {
            s = s.toUpperCase(java.util.Locale.ROOT);
        }
        if ("feg".indexOf(verb) >= 0) {
            return s;
        }
        return pad(s, spec);
    }

    private static String pad(String s, String spec) {
        boolean left = spec.contains("-");
        boolean zero = spec.startsWith("0") && !left;
        String w = spec.replaceAll("[+\\-# ]", "").replaceFirst("^0+", "");
        int dot = w.indexOf('.');
        if (dot >= 0) {
            w = w.substring(0, dot);
        }
        int width = w.isEmpty() ? 0 : Integer.parseInt(w);
        if (s.length() >= width) {
            return s;
        }
        String fill = String.valueOf(zero ? '0' : ' ').repeat(width - s.length());
        return left ? s + fill : fill + s;
    }

    private static String hex(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            sb.append(String.format("%02x", b & 0xff));
        }
        return sb.toString();
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }
}
