package io.streamdns.watcher.core.template;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.streamdns.watcher.core.template.GoValues.GoMap;
import io.streamdns.watcher.core.template.GoValues.NilPointer;
import io.streamdns.watcher.core.template.GoValues.Struct;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Kubernetes object as external-dns's templates see it. Typed ({@link #typed}): the Go API struct, fields named as
 * Go names them ({@code .Spec.Type}, {@code .Spec.ClusterIP}, {@code .Status.LoadBalancer.Ingress}, {@code .IP}),
 * {@code TypeMeta} and {@code ObjectMeta} embedded (so {@code .Name}, {@code .Labels}, {@code .Kind}), absent parts
 * their zero values. Unstructured ({@link #unstructured}): external-dns's retry shape, {@code .Name},
 * {@code .Namespace}, {@code .Kind}, {@code .APIVersion}, {@code .Labels}, {@code .Annotations} and the JSON maps
 * {@code .Metadata}, {@code .Spec}, {@code .Status}, {@code .Object} (JSON keys: {@code .Spec.type}).
 */
public final class KubeData {
    private static final Map<Class<?>, Map<String, Field>> PROPERTIES = new ConcurrentHashMap<>();
    /** Go's initialisms at the start of a JSON name: {@code ipFamilies} is {@code IPFamilies}, {@code uid} UID. */
    private static final List<String> INITIALISMS = List.of("api", "dns", "http", "ip", "tcp", "tls", "udp", "uid",
            "url");

    private KubeData() {
    }

    /** The typed view of {@code obj}. */
    public static Object typed(HasMetadata obj) {
        return new Root(obj);
    }

    /** external-dns's unstructured retry data of {@code obj}. */
    public static Object unstructured(HasMetadata obj) {
        Map<String, Object> json = obj instanceof GenericKubernetesResource g ? genericJson(g) : asJson(obj);
        ObjectMeta meta = obj.getMetadata() == null ? new ObjectMeta() : obj.getMetadata();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("Name", nz(meta.getName()));
        f.put("Namespace", nz(meta.getNamespace()));
        f.put("Kind", kind(obj));
        f.put("APIVersion", apiVersion(obj));
        f.put("Labels", GoMap.strings(meta.getLabels()));
        f.put("Annotations", GoMap.strings(meta.getAnnotations()));
        f.put("Metadata", jsonMap(json.get("metadata")));
        f.put("Spec", jsonMap(json.get("spec")));
        f.put("Status", jsonMap(json.get("status")));
        f.put("Object", GoMap.any(json));
        return new Fixed("*template.fqdnTemplateData", f);
    }

    /** The object's kind, from its class when the object does not carry it. */
    public static String kind(HasMetadata obj) {
        return obj.getKind() != null && !obj.getKind().isEmpty() ? obj.getKind() : HasMetadata.getKind(obj.getClass());
    }

    static String apiVersion(HasMetadata obj) {
        return obj.getApiVersion() != null && !obj.getApiVersion().isEmpty() ? obj.getApiVersion()
                : HasMetadata.getApiVersion(obj.getClass());
    }

    private static Object jsonMap(Object v) {
        return v instanceof GoMap ? v : new GoMap(Collections.emptySortedMap(), null, "map[string]interface {}");
    }

    /** The Go name of a JSON field: the first letter upper-cased, a leading initialism all upper-case. */
    static String goName(String json) {
        for (String i : INITIALISMS) {
            if (json.startsWith(i) && (json.length() == i.length() || Character.isUpperCase(json.charAt(i.length())))) {
                return i.toUpperCase(java.util.Locale.ROOT) + json.substring(i.length());
            }
        }
        return json.isEmpty() ? json : Character.toUpperCase(json.charAt(0)) + json.substring(1);
    }

    /** The JSON properties of a fabric8 model class by Go name. */
    private static Map<String, Field> properties(Class<?> c) {
        return PROPERTIES.computeIfAbsent(c, k -> {
            Map<String, Field> props = new LinkedHashMap<>();
            for (Class<?> x = k; x != null && x != Object.class; x = x.getSuperclass()) {
                for (Field f : x.getDeclaredFields()) {
                    JsonProperty p = f.getAnnotation(JsonProperty.class);
                    if (p == null || Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    f.setAccessible(true);
                    props.putIfAbsent(goName(p.value().isEmpty() ? f.getName() : p.value()), f);
                }
            }
            return Map.copyOf(props);
        });
    }

    private static Object read(Field f, Object bean) {
        try {
            return f.get(bean);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Java value of declared type {@code t} as a Go value; null is the type's zero value. */
    private static Object go(Object v, Type t) {
        Class<?> raw = t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : t instanceof Class<?> c ? c
                : Object.class;
        if (v == null) {
            if (raw == String.class) {
                return "";
            }
            if (raw == Boolean.class) {
                return false;
            }
            if (Number.class.isAssignableFrom(raw)) {
                return Number.class == raw || Double.class == raw ? 0.0 : 0L;
            }
            if (Map.class.isAssignableFrom(raw)) {
                return new GoMap(Collections.emptySortedMap(), stringValued(t) ? "" : null, mapType(t));
            }
            if (List.class.isAssignableFrom(raw)) {
                return List.of();
            }
            // Go's API structs hold their parts by value (Spec, Status, LoadBalancer): an absent one is its zero value
            return raw == Object.class ? null : zero(raw);
        }
        if (v instanceof String || v instanceof Boolean || v instanceof Double) {
            return v;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof AnyType a) {
            return go(a.getValue(), Object.class);
        }
        if (v instanceof Quantity q) {
            return q.toString();
        }
        if (v instanceof Map<?, ?> m) {
            Type elem = t instanceof ParameterizedType p ? p.getActualTypeArguments()[1] : Object.class;
            TreeMap<String, Object> entries = new TreeMap<>();
            m.forEach((k, x) -> entries.put(String.valueOf(k), go(x, elem)));
            return new GoMap(entries, stringValued(t) ? "" : null, mapType(t));
        }
        if (v instanceof List<?> l) {
            Type elem = t instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(go(x, elem)));
            return Collections.unmodifiableList(out);
        }
        if (v.getClass().getName().startsWith("io.fabric8.")) {
            return new Bean(v);
        }
        return String.valueOf(v);
    }

    private static Object zero(Class<?> raw) {
        try {
            return new Bean(raw.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new NilPointer("v1." + raw.getSimpleName());
        }
    }

    private static boolean stringValued(Type t) {
        return t instanceof ParameterizedType p && p.getActualTypeArguments()[1] == String.class;
    }

    private static String mapType(Type t) {
        return stringValued(t) ? "map[string]string" : "map[string]interface {}";
    }

    /** The object as JSON would show it (keys as written, absent parts left out), for the unstructured data. */
    private static Map<String, Object> asJson(Object bean) {
        Map<String, Object> out = new TreeMap<>();
        for (Class<?> x = bean.getClass(); x != null && x != Object.class; x = x.getSuperclass()) {
            for (Field f : x.getDeclaredFields()) {
                JsonProperty p = f.getAnnotation(JsonProperty.class);
                if (p == null || Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                Object v = json(read(f, bean));
                if (v != null) {
                    out.putIfAbsent(p.value().isEmpty() ? f.getName() : p.value(), v);
                }
            }
        }
        if (bean instanceof HasMetadata h) {
            out.putIfAbsent("kind", kind(h));
            out.putIfAbsent("apiVersion", apiVersion(h));
        }
        return out;
    }

    private static Map<String, Object> genericJson(GenericKubernetesResource g) {
        Map<String, Object> out = new TreeMap<>();
        g.getAdditionalProperties().forEach((k, v) -> out.put(k, json(v)));
        out.put("kind", kind(g));
        out.put("apiVersion", apiVersion(g));
        if (g.getMetadata() != null) {
            out.put("metadata", json(g.getMetadata()));
        }
        return out;
    }

    private static Object json(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof AnyType a) {
            return json(a.getValue());
        }
        if (v instanceof Quantity q) {
            return q.toString();
        }
        if (v instanceof Map<?, ?> m) {
            TreeMap<String, Object> entries = new TreeMap<>();
            m.forEach((k, x) -> entries.put(String.valueOf(k), json(x)));
            return GoMap.any(entries);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(json(x)));
            return Collections.unmodifiableList(out);
        }
        if (v.getClass().getName().startsWith("io.fabric8.")) {
            return GoMap.any(asJson(v));
        }
        return String.valueOf(v);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** A fabric8 model object as a Go struct. */
    private record Bean(Object bean) implements Struct {
        @Override
        public String type() {
            return "v1." + bean.getClass().getSimpleName();
        }

        @Override
        public Object field(String name) {
            Field f = properties(bean.getClass()).get(name);
            return f == null ? ABSENT : go(read(f, bean), f.getGenericType());
        }
    }

    /** A struct of fixed fields. */
    private record Fixed(String type, Map<String, Object> fields) implements Struct {
        @Override
        public Object field(String name) {
            return fields.containsKey(name) ? fields.get(name) : ABSENT;
        }
    }

    /** A typed object: {@code Spec}, {@code Status}, ... of its own, TypeMeta and ObjectMeta embedded. */
    private record Root(HasMetadata obj) implements Struct {
        @Override
        public String type() {
            return "*v1." + kind(obj);
        }

        @Override
        public Object field(String name) {
            ObjectMeta meta = obj.getMetadata() == null ? new ObjectMeta() : obj.getMetadata();
            switch (name) {
                case "Kind" -> {
                    return kind(obj);
                }
                case "APIVersion" -> {
                    return apiVersion(obj);
                }
                case "TypeMeta" -> {
                    return new Fixed("v1.TypeMeta", Map.of("Kind", kind(obj), "APIVersion", apiVersion(obj)));
                }
                case "ObjectMeta" -> {
                    return new Bean(meta);
                }
                case "Metadata" -> {
                    return ABSENT;
                }
                default -> {
                    if (obj instanceof GenericKubernetesResource) {
                        return new Bean(meta).field(name);
                    }
                    Object own = new Bean(obj).field(name);
                    return own != ABSENT ? own : new Bean(meta).field(name);
                }
            }
        }
    }
}
