package io.streamdns.watcher.core.template;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Go values as the template sees them: {@code null} is a nil interface, {@link #NO_VALUE} an invalid value (a
 * missing map key), String, Long (any integer), Double, Boolean, {@link GoMap}, List (a slice), {@link Struct}, and
 * {@link NilPointer}. Truth, printing and comparison follow text/template and fmt.
 */
final class GoValues {
    /** What a missing map key yields: prints "<no value>". */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "<no value>";
        }
    };

    private GoValues() {
    }

    /** A Go map with string keys, iterated in key order; {@code zero} is what {@code index} gives a missing key. */
    record GoMap(SortedMap<String, Object> entries, Object zero, String type) {
        static GoMap strings(Map<String, String> m) {
            return new GoMap(m == null ? Collections.emptySortedMap() : new TreeMap<>(m), "", "map[string]string");
        }

        static GoMap any(Map<String, Object> m) {
            return new GoMap(new TreeMap<>(m), null, "map[string]interface {}");
        }
    }

    /** A Go struct: its fields by their Go names. */
    interface Struct {
        /** What {@link #field} returns when the struct has no such field. */
        Object ABSENT = new Object();

        String type();

        /** The field's value (null for a nil one), or {@link #ABSENT}. */
        Object field(String name);
    }

    /** A nil pointer to a struct (an absent optional part of an object, e.g. a Service's status.loadBalancer). */
    record NilPointer(String type) {
    }

    static boolean isTrue(Object v) {
        if (v == null || v == NO_VALUE || v instanceof NilPointer) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Long l) {
            return l != 0;
        }
        if (v instanceof Double d) {
            return d != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof GoMap m) {
            return !m.entries().isEmpty();
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        return true;
    }

    /** fmt's %v. */
    static String print(Object v) {
        if (v == null || v instanceof NilPointer) {
            return "<nil>";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Double d) {
            return formatFloat(d);
        }
        if (v instanceof GoMap m) {
            StringBuilder sb = new StringBuilder("map[");
            m.entries().forEach((k, x) -> sb.append(sb.length() > 4 ? " " : "").append(k).append(':').append(print(x)));
            return sb.append(']').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int k = 0; k < l.size(); k++) {
                sb.append(k > 0 ? " " : "").append(print(l.get(k)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Struct s) {
            return "{" + s.type() + "}";
        }
        return String.valueOf(v);
    }

    /** strconv.FormatFloat(f, 'g', -1, 64), which fmt's %v uses: the shortest digits, %e form below 1e-4 or from 1e6. */
    static String formatFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        java.math.BigDecimal bd = new java.math.BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        int exp = bd.precision() - bd.scale() - 1;
        String sign = d < 0 ? "-" : "";
        if (exp < -4 || exp >= 6) {
            String digits = bd.unscaledValue().toString();
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return sign + bd.toPlainString();
    }

    static String type(Object v) {
        if (v == null) {
            return "<nil>";
        }
        if (v == NO_VALUE) {
            return "invalid";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Long) {
            return "int";
        }
        if (v instanceof Double) {
            return "float64";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof GoMap m) {
            return m.type();
        }
        if (v instanceof List<?>) {
            return "[]interface {}";
        }
        if (v instanceof Struct s) {
            return s.type();
        }
        if (v instanceof NilPointer p) {
            return "*" + p.type();
        }
        return v.getClass().getSimpleName();
    }

    /**
     * {@code receiver.name}, as text/template's evalField.
     *
     * @param missingKeyError Go's {@code missingkey=error}: a missing map key is an error, not "<no value>"
     */
    static Object field(Object receiver, String name, boolean missingKeyError) {
        if (receiver instanceof Struct s) {
            Object v = s.field(name);
            if (v == Struct.ABSENT) {
                throw new ExecError("can't evaluate field " + name + " in type " + s.type());
            }
            return v;
        }
        if (receiver instanceof GoMap m) {
            Object v = m.entries().get(name);
            if (v == null && !m.entries().containsKey(name)) {
                if (missingKeyError) {
                    throw new ExecError("map has no entry for key \"" + name + "\"");
                }
                return NO_VALUE;
            }
            return v;
        }
        if (receiver == NO_VALUE) {
            if (missingKeyError) {
                throw new ExecError("nil data; no entry for key \"" + name + "\"");
            }
            return NO_VALUE;
        }
        if (receiver == null) {
            throw new ExecError("nil pointer evaluating interface {}." + name);
        }
        if (receiver instanceof NilPointer p) {
            throw new ExecError("nil pointer evaluating *" + p.type() + "." + name);
        }
        throw new ExecError("can't evaluate field " + name + " in type " + type(receiver));
    }

    /** eq's comparison of two basic values. */
    static boolean equal(Object a, Object b) {
        a = basic(a);
        b = basic(b);
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return x instanceof Long && y instanceof Long ? x.longValue() == y.longValue()
                    : x.doubleValue() == y.doubleValue();
        }
        if (a.getClass() != b.getClass()) {
            throw new ExecError("incompatible types for comparison");
        }
        return a.equals(b);
    }

    /** lt's comparison: negative, zero or positive. */
    static int compare(Object a, Object b) {
        a = basic(a);
        b = basic(b);
        if (a instanceof Boolean || b instanceof Boolean || a == null || b == null) {
            throw new ExecError("invalid type for comparison");
        }
        if (a instanceof Number x && b instanceof Number y) {
            return x instanceof Long && y instanceof Long ? Long.compare(x.longValue(), y.longValue())
                    : Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        throw new ExecError("incompatible types for comparison");
    }

    /** The value if it is comparable (bool, number, string, nil), else the error Go gives. */
    private static Object basic(Object v) {
        if (v == NO_VALUE) {
            throw new ExecError("invalid type for comparison");
        }
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof NilPointer) {
            return null;
        }
        throw new ExecError("non-comparable type " + type(v));
    }

    /** An error while executing; the executor adds where. */
    static final class ExecError extends RuntimeException {
        ExecError(String message) {
            super(message, null, false, false);
        }
    }
}
