package io.streamdns.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A record set as the provider has it: the value of {@code streamdns.zone-state}, keyed
 * {@code <shard>|<zoneId/name/type/setIdentifier>}. TXT ownership records are records like any other.
 *
 * @param name             normalised, lower case, no trailing dot; a wildcard is {@code *}
 * @param values           record values as the provider returns them (TXT values keep their quotes)
 * @param alias            alias target, or null
 * @param providerSpecific routing properties with the keys of {@link ProviderProperties}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ZoneRecord(String zoneId, String zoneName, String name, String type, long ttl, List<String> values,
                         String setIdentifier, AliasTarget alias, Map<String, String> providerSpecific) {
    public ZoneRecord {
        Require.text(zoneId, "zoneId");
        Require.text(zoneName, "zoneName");
        Require.text(name, "name");
        Require.text(type, "type");
        values = Require.list(values);
        if (setIdentifier != null && setIdentifier.isEmpty()) {
            setIdentifier = null;
        }
        providerSpecific = Require.map(providerSpecific);
    }

    /** {@code zoneId/name/type/setIdentifier}: the identity part of a zone-state key. */
    @JsonIgnore
    public String identity() {
        return zoneId + "/" + name + "/" + type + "/" + (setIdentifier == null ? "" : setIdentifier);
    }

    /**
     * The record as an {@link Endpoint}, the planner's view of "current": an alias becomes an A/AAAA
     * endpoint with property {@code alias=true} and its target name, as external-dns reads Route 53.
     */
    public Endpoint toEndpoint() {
        Map<String, String> props = new TreeMap<>(providerSpecific);
        List<String> targets = values;
        long effectiveTtl = ttl;
        if (alias != null) {
            props.put(ProviderProperties.ALIAS, "true");
            props.put(ProviderProperties.AWS_EVALUATE_TARGET_HEALTH, Boolean.toString(alias.evaluateTargetHealth()));
            targets = List.of(alias.dnsName());
            effectiveTtl = 300;
        }
        return new Endpoint(name, type, targets, effectiveTtl, setIdentifier, props, Map.of());
    }
}
