package io.streamdns.watcher.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --fqdn-template}: comma-separated name templates using {@code {{.Name}}} and {@code {{.Namespace}}}
 * (the subset of external-dns's Go templates that services and ingresses need). Used only when an object has no
 * hostname annotation.
 */
public final class FqdnTemplate {
    private static final Pattern ACTION = Pattern.compile("\\{\\{\\s*(.*?)\\s*}}");

    private final List<String> templates;

    private FqdnTemplate(List<String> templates) {
        this.templates = templates;
    }

    /** @throws IllegalArgumentException naming what is wrong with the template */
    public static FqdnTemplate parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        List<String> templates = new ArrayList<>();
        for (String part : value.split(",")) {
            String t = part.strip();
            if (t.isEmpty()) {
                continue;
            }
            Matcher m = ACTION.matcher(t);
            while (m.find()) {
                String action = m.group(1);
                if (!action.equals(".Name") && !action.equals(".Namespace")) {
                    throw new IllegalArgumentException("unsupported template action '{{" + action
                            + "}}' in '" + t + "' (supported: {{.Name}}, {{.Namespace}})");
                }
            }
            String rest = ACTION.matcher(t).replaceAll("");
            if (rest.contains("{{") || rest.contains("}}")) {
                throw new IllegalArgumentException("unbalanced braces in template '" + t + "'");
            }
            templates.add(t);
        }
        return templates.isEmpty() ? null : new FqdnTemplate(List.copyOf(templates));
    }

    public List<String> render(String name, String namespace) {
        List<String> out = new ArrayList<>();
        for (String t : templates) {
            Matcher m = ACTION.matcher(t);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String v = m.group(1).equals(".Name") ? name : namespace;
                m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? "" : v));
            }
            m.appendTail(sb);
            out.addAll(Annotations.splitList(sb.toString()));
        }
        return out;
    }

    public List<String> templates() {
        return templates;
    }

    @Override
    public String toString() {
        return String.join(",", templates);
    }
}
