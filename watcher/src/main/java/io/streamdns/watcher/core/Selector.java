package io.streamdns.watcher.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A Kubernetes label selector ({@code a=b, c!=d, e in (f,g), h notin (i), j, !k}), all terms ANDed. external-dns's
 * {@code --annotation-filter} applies this syntax to annotations.
 */
public final class Selector {
    public static final Selector ALL = new Selector("", List.of());

    private final String text;
    private final List<Predicate<Map<String, String>>> terms;

    private Selector(String text, List<Predicate<Map<String, String>>> terms) {
        this.text = text;
        this.terms = terms;
    }

    /** @throws IllegalArgumentException naming the term that cannot be parsed */
    public static Selector parse(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        List<Predicate<Map<String, String>>> terms = new ArrayList<>();
        for (String term : splitTerms(text)) {
            terms.add(parseTerm(term.strip(), text));
        }
        return new Selector(text.strip(), List.copyOf(terms));
    }

    public boolean matches(Map<String, String> values) {
        Map<String, String> v = values == null ? Map.of() : values;
        for (Predicate<Map<String, String>> t : terms) {
            if (!t.test(v)) {
                return false;
            }
        }
        return true;
    }

    public boolean isAll() {
        return terms.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }

    private static List<String> splitTerms(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }

    private static Predicate<Map<String, String>> parseTerm(String term, String whole) {
        if (term.isEmpty()) {
            throw new IllegalArgumentException("empty term in selector '" + whole + "'");
        }
        String[] setOp = term.split("\\s+(?=(in|notin)\\s*\\()", 2);
        if (setOp.length == 2) {
            String key = key(setOp[0], term);
            String rest = setOp[1].strip();
            boolean in = rest.startsWith("in");
            String list = rest.substring(in ? 2 : 5).strip();
            if (!list.startsWith("(") || !list.endsWith(")")) {
                throw new IllegalArgumentException("expected a (list) in selector term '" + term + "'");
            }
            Set<String> values = new HashSet<>();
            for (String v : list.substring(1, list.length() - 1).split(",")) {
                values.add(value(v, term));
            }
            return in ? m -> m.containsKey(key) && values.contains(m.get(key))
                    : m -> !m.containsKey(key) || !values.contains(m.get(key));
        }
        int ne = term.indexOf("!=");
        if (ne > 0) {
            String key = key(term.substring(0, ne), term);
            String value = value(term.substring(ne + 2), term);
            return m -> !value.equals(m.get(key));
        }
        int eq = term.indexOf('=');
        if (eq > 0) {
            String key = key(term.substring(0, eq), term);
            String value = value(term.substring(term.startsWith("==", eq) ? eq + 2 : eq + 1), term);
            return m -> value.equals(m.get(key));
        }
        if (term.startsWith("!")) {
            String key = key(term.substring(1), term);
            return m -> !m.containsKey(key);
        }
        String key = key(term, term);
        return m -> m.containsKey(key);
    }

    private static String key(String raw, String term) {
        String k = raw.strip();
        if (k.isEmpty() || !k.matches("[A-Za-z0-9._/-]+")) {
            throw new IllegalArgumentException("invalid key '" + k + "' in selector term '" + term + "'");
        }
        return k;
    }

    private static String value(String raw, String term) {
        String v = raw.strip();
        if (!v.matches("[A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("invalid value '" + v + "' in selector term '" + term + "'");
        }
        return v;
    }
}
