package io.streamdns.watcher.core.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamdns.model.dns.Targets;
import io.streamdns.watcher.core.template.GoValues.ExecError;
import io.streamdns.watcher.core.template.GoValues.GoMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The functions a template may call: Go's builtins (without {@code call}, {@code html}, {@code js}) and
 * external-dns's ({@code source/template/functions.go}): contains, trimPrefix, trimSuffix, trim, toLower, replace,
 * isIPv4, isIPv6, isSource, hasKey, fromJson. Arguments are checked as Go checks them.
 */
final class Builtins {
    /** external-dns's source names ({@code source/types}), which isSource accepts. */
    static final Set<String> SOURCES = Set.of("node", "service", "ingress", "pod", "gateway-httproute",
            "gateway-grpcroute", "gateway-tlsroute", "gateway-tcproute", "gateway-udproute", "istio-gateway",
            "istio-virtualservice", "ambassador-host", "contour-httpproxy", "gloo-proxy", "traefik-proxy",
            "openshift-route", "fake", "empty", "connector", "crd", "skipper-routegroup", "kong-tcpingress",
            "f5-virtualserver", "f5-transportserver", "unstructured");
    /** and/or are evaluated lazily by the executor. */
    static final Set<String> LAZY = Set.of("and", "or");
    private static final Set<String> NAMES = Set.of("and", "or", "not", "len", "index", "slice", "print", "printf",
            "println", "urlquery", "eq", "ne", "lt", "le", "gt", "ge", "contains", "trimPrefix", "trimSuffix", "trim",
            "toLower", "replace", "isIPv4", "isIPv6", "isSource", "hasKey", "fromJson");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Builtins() {
    }

    static boolean has(String name) {
        return NAMES.contains(name);
    }

    /** Calls {@code name}; {@code source} is the watching source's name, for isSource. */
    static Object call(String name, List<Object> a, String source) {
        return switch (name) {
            case "not" -> {
                arity(name, a, 1);
                yield !GoValues.isTrue(a.get(0));
            }
            case "len" -> {
                arity(name, a, 1);
                yield len(a.get(0));
            }
            case "index" -> index(a);
            case "slice" -> slice(a);
            case "print" -> sprint(a);
            case "println" -> {
                List<String> parts = a.stream().map(GoValues::print).toList();
                yield String.join(" ", parts) + "\n";
            }
            case "printf" -> {
                if (a.isEmpty()) {
                    throw new ExecError("wrong number of args for printf: want at least 1 got 0");
                }
                yield Printf.format(str(name, a.get(0)), a.subList(1, a.size()));
            }
            case "urlquery" -> URLEncoder.encode(sprint(a), StandardCharsets.UTF_8);
            case "eq" -> {
                if (a.size() < 2) {
                    throw new ExecError("missing argument for comparison");
                }
                boolean any = false;
                for (int k = 1; k < a.size() && !any; k++) {
                    any = GoValues.equal(a.get(0), a.get(k));
                }
                yield any;
            }
            case "ne" -> {
                arity(name, a, 2);
                yield !GoValues.equal(a.get(0), a.get(1));
            }
            case "lt" -> cmp(name, a) < 0;
            case "le" -> cmp(name, a) <= 0;
            case "gt" -> cmp(name, a) > 0;
            case "ge" -> cmp(name, a) >= 0;
            case "contains" -> {
                arity(name, a, 2);
                yield str(name, a.get(0)).contains(str(name, a.get(1)));
            }
            case "trimPrefix" -> {
                arity(name, a, 2);
                String s = str(name, a.get(0));
                String p = str(name, a.get(1));
                yield s.startsWith(p) ? s.substring(p.length()) : s;
            }
            case "trimSuffix" -> {
                arity(name, a, 2);
                String s = str(name, a.get(0));
                String p = str(name, a.get(1));
                yield s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s;
            }
            case "trim" -> {
                arity(name, a, 1);
                yield str(name, a.get(0)).strip();
            }
            case "toLower" -> {
                arity(name, a, 1);
                yield str(name, a.get(0)).toLowerCase(Locale.ROOT);
            }
            case "replace" -> {
                arity(name, a, 3);
                yield str(name, a.get(2)).replace(str(name, a.get(0)), str(name, a.get(1)));
            }
            case "isIPv4" -> {
                arity(name, a, 1);
                yield Targets.classify(str(name, a.get(0))).kind() == Targets.Kind.IPV4;
            }
            case "isIPv6" -> {
                arity(name, a, 1);
                yield Targets.classify(str(name, a.get(0))).kind() == Targets.Kind.IPV6;
            }
            case "isSource" -> {
                arity(name, a, 1);
                String want = str(name, a.get(0));
                if (!SOURCES.contains(want.toLowerCase(Locale.ROOT))) {
                    throw new ExecError("isSource: unknown source \"" + want + "\"");
                }
                yield want.equalsIgnoreCase(source);
            }
            case "hasKey" -> {
                arity(name, a, 2);
                Object m = a.get(0);
                String key = str(name, a.get(1));
                if (m == null || m == GoValues.NO_VALUE) {
                    yield false;
                }
                if (!(m instanceof GoMap gm)) {
                    throw new ExecError("wrong type for value; expected map[string]string; got " + GoValues.type(m));
                }
                yield gm.entries().containsKey(key);
            }
            case "fromJson" -> {
                arity(name, a, 1);
                yield fromJson(str(name, a.get(0)));
            }
            default -> throw new ExecError("function \"" + name + "\" not defined");
        };
    }

    private static void arity(String name, List<Object> a, int want) {
        if (a.size() != want) {
            throw new ExecError("wrong number of args for " + name + ": want " + want + " got " + a.size());
        }
    }

    private static String str(String fn, Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v == null || v == GoValues.NO_VALUE) {
            throw new ExecError("invalid value; expected string");
        }
        throw new ExecError("wrong type for value; expected string; got " + GoValues.type(v));
    }

    private static int cmp(String name, List<Object> a) {
        arity(name, a, 2);
        return GoValues.compare(a.get(0), a.get(1));
    }

    private static long len(Object v) {
        if (v instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8).length;
        }
        if (v instanceof GoMap m) {
            return m.entries().size();
        }
        if (v instanceof List<?> l) {
            return l.size();
        }
        throw new ExecError("len of type " + GoValues.type(v));
    }

    private static Object index(List<Object> a) {
        if (a.isEmpty()) {
            throw new ExecError("wrong number of args for index: want at least 1 got 0");
        }
        Object item = a.get(0);
        for (Object key : a.subList(1, a.size())) {
            if (item == null || item == GoValues.NO_VALUE) {
                throw new ExecError("index of untyped nil");
            }
            if (item instanceof GoMap m) {
                if (!(key instanceof String k)) {
                    throw new ExecError("value has type " + GoValues.type(key) + "; should be string");
                }
                item = m.entries().containsKey(k) ? m.entries().get(k) : m.zero();
            } else if (item instanceof List<?> l) {
                int k = intArg(key);
                if (k < 0 || k >= l.size()) {
                    throw new ExecError("index out of range: " + k);
                }
                item = l.get(k);
            } else if (item instanceof String s) {
                int k = intArg(key);
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                if (k < 0 || k >= b.length) {
                    throw new ExecError("index out of range: " + k);
                }
                item = (long) (b[k] & 0xff);
            } else {
                throw new ExecError("can't index item of type " + GoValues.type(item));
            }
        }
        return item;
    }

    private static Object slice(List<Object> a) {
        if (a.isEmpty() || a.size() > 4) {
            throw new ExecError("wrong number of args for slice: want 1 to 4 got " + a.size());
        }
        Object item = a.get(0);
        int size = item instanceof String s ? s.length() : item instanceof List<?> l ? l.size() : -1;
        if (size < 0) {
            throw new ExecError("can't slice item of type " + GoValues.type(item));
        }
        int from = a.size() > 1 ? intArg(a.get(1)) : 0;
        int to = a.size() > 2 ? intArg(a.get(2)) : size;
        if (from < 0 || to < from || to > size) {
            throw new ExecError("index out of range: " + (from < 0 ? from : to));
        }
        return item instanceof String s ? s.substring(from, to) : List.copyOf(((List<?>) item).subList(from, to));
    }

    private static int intArg(Object v) {
        if (v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        throw new ExecError("cannot index slice/array with type " + GoValues.type(v));
    }

    /** fmt.Sprint: a space between operands when neither is a string. */
    static String sprint(List<Object> a) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < a.size(); k++) {
            if (k > 0 && !(a.get(k) instanceof String) && !(a.get(k - 1) instanceof String)) {
                sb.append(' ');
            }
            sb.append(GoValues.print(a.get(k)));
        }
        return sb.toString();
    }

    /** encoding/json into interface{}: objects → maps, arrays → slices, numbers → float64; nil when not JSON. */
    @SuppressWarnings("unchecked")
    static Object fromJson(String s) {
        try {
            return toGo(JSON.readValue(s, Object.class));
        } catch (Exception e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Object toGo(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.TreeMap<>();
            ((Map<String, Object>) m).forEach((k, x) -> out.put(k, toGo(x)));
            return GoMap.any(out);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(toGo(x)));
            return java.util.Collections.unmodifiableList(out);
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        return v;
    }
}
