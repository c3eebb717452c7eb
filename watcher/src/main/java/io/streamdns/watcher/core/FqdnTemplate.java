package io.streamdns.watcher.core;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.streamdns.watcher.core.template.GoTemplate;
import io.streamdns.watcher.core.template.KubeData;
import io.streamdns.watcher.core.template.TemplateException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --fqdn-template}, as external-dns's template engine: the templates (the flag repeated, or one value) joined
 * by commas into one Go template, parsed once; executed on the object (typed: {@code .Name}, {@code .Namespace},
 * {@code .Labels}, {@code .Annotations}, {@code .Kind}, {@code .APIVersion}, {@code .Spec.Type}, ..., and on failure
 * again on the unstructured shape with {@code missingkey=error}); the output split on commas, each name trimmed and
 * its trailing dot dropped, duplicates dropped, sorted.
 */
public final class FqdnTemplate {
    private final List<String> templates;
    private final GoTemplate template;

    private FqdnTemplate(List<String> templates, GoTemplate template) {
        this.templates = templates;
        this.template = template;
    }

    /**
     * What a template made of one object.
     *
     * @param names the host names (not yet checked)
     * @param error why the template failed on the object, or null
     */
    public record Rendered(List<String> names, String error) {
    }

    /** One flag value (several templates may be separated by commas inside it). */
    public static FqdnTemplate parse(String value) {
        return value == null ? null : parse(List.of(value));
    }

    /**
     * @return null when there is no template
     * @throws IllegalArgumentException naming the template and where it is wrong
     */
    public static FqdnTemplate parse(List<String> values) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                distinct.add(v.strip());
            }
        }
        if (distinct.isEmpty()) {
            return null;
        }
        List<String> templates = List.copyOf(distinct);
        for (int i = 0; i < templates.size(); i++) {
            try {
                GoTemplate.parse(templates.get(i));
            } catch (TemplateException e) {
                throw new IllegalArgumentException((templates.size() > 1 ? "template " + (i + 1) + " " : "")
                        + "'" + templates.get(i) + "': " + e.getMessage());
            }
        }
        return new FqdnTemplate(templates, GoTemplate.parse(String.join(",", templates)));
    }

    /** The names for a typed object (Service, Ingress, Node, ...); {@code source} for {@code isSource}. */
    public Rendered render(HasMetadata obj, String source) {
        String out;
        try {
            out = template.execute(KubeData.typed(obj), false, source);
        } catch (TemplateException typed) {
            try {
                out = template.execute(KubeData.unstructured(obj), true, source);
            } catch (TemplateException retry) {
                ObjectMeta m = obj.getMetadata() == null ? new ObjectMeta() : obj.getMetadata();
                return new Rendered(List.of(), "--fqdn-template failed on " + KubeData.kind(obj) + " "
                        + (m.getNamespace() == null ? "" : m.getNamespace() + "/") + m.getName() + ": "
                        + typed.getMessage() + " (unstructured retry also failed: " + retry.getMessage() + ")");
            }
        }
        return new Rendered(split(out), null);
    }

    /** The names for an object of which only metadata is at hand (its spec fields are not). */
    public Rendered render(String kind, String apiVersion, ObjectMeta meta, String source) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setKind(kind);
        r.setApiVersion(apiVersion);
        r.setMetadata(meta);
        return render(r, source);
    }

    /** external-dns's split: on commas, trimmed, one trailing dot dropped, blanks and duplicates dropped, sorted. */
    static List<String> split(String out) {
        Set<String> names = new TreeSet<>();
        for (String part : out.split(",")) {
            String n = part.strip();
            if (n.endsWith(".")) {
                n = n.substring(0, n.length() - 1);
            }
            if (!n.isEmpty()) {
                names.add(n);
            }
        }
        return new ArrayList<>(names);
    }

    public List<String> templates() {
        return templates;
    }

    @Override
    public String toString() {
        return String.join(",", templates);
    }
}
