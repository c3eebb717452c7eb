package io.streamdns.watcher.core;

import io.streamdns.model.Endpoint;
import java.util.List;

/**
 * What one object maps to.
 *
 * @param endpoints  the valid endpoints, merged and sorted
 * @param rejections what was dropped and why
 * @param skipped    why the whole object is ignored (controller annotation, filters), or null
 */
public record MappingResult(List<Endpoint> endpoints, List<MappingRejection> rejections, String skipped) {
    public MappingResult {
        endpoints = List.copyOf(endpoints);
        rejections = List.copyOf(rejections);
    }

    public static MappingResult skip(String reason) {
        return new MappingResult(List.of(), List.of(), reason);
    }
}
