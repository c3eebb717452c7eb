package io.streamdns.app.audit.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Rejection;
import io.streamdns.model.SourceState;
import java.util.List;

/**
 * What one object version says about the audited name: the endpoints it wants, the TXT ownership endpoints it
 * carries for it, and the watcher's refusals of it.
 *
 * @param object {@code cluster/kind/namespace/name}
 */
public record Claim(String object, String resourceVersion, long observedAt, List<Endpoint> wants,
                    List<Endpoint> ownership, List<Rejection> rejected) {
    public Claim {
        wants = List.copyOf(wants);
        ownership = List.copyOf(ownership);
        rejected = List.copyOf(rejected);
    }

    public static Claim of(NameMatcher m, SourceState s) {
        List<Endpoint> wants = s.endpoints().stream()
                .filter(e -> m.endpoint(e) == NameMatcher.Relation.RECORD).toList();
        List<Endpoint> ownership = s.endpoints().stream()
                .filter(e -> m.endpoint(e) == NameMatcher.Relation.OWNERSHIP).toList();
        List<Rejection> rejected = s.rejected().stream().filter(m::rejection).toList();
        return new Claim(s.ref().identity(), s.resourceVersion(), s.observedAt(), wants, ownership, rejected);
    }

    /** True when the object asks for the name (or owns it). */
    @JsonIgnore
    public boolean wantsIt() {
        return !wants.isEmpty() || !ownership.isEmpty();
    }

    /** True when the object has anything to say about the name, a refusal included. */
    @JsonIgnore
    public boolean mentions() {
        return wantsIt() || !rejected.isEmpty();
    }
}
