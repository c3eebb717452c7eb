package io.streamdns.watcher.core;

/**
 * The flags that shape the records of every object, beside the per-source ones of {@link MappingOptions}.
 *
 * @param combineFqdnAnnotation    {@code --combine-fqdn-annotation}: the template's names besides the object's own
 *                                 (hostname annotation, spec hosts), not only when it has none
 * @param ignoreHostnameAnnotation {@code --ignore-hostname-annotation}: the hostname (and internal-hostname)
 *                                 annotation is not read; names come from the spec and the template only
 */
public record Shaping(boolean combineFqdnAnnotation, boolean ignoreHostnameAnnotation) {
    public static final Shaping NONE = new Shaping(false, false);
}
