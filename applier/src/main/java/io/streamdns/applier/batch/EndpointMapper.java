package io.streamdns.applier.batch;

import io.streamdns.model.AliasTarget;
import io.streamdns.model.Endpoint;
import io.streamdns.model.ProviderProperties;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.aws.CanonicalHostedZones;
import java.util.List;
import java.util.Locale;

/**
 * Endpoint → Route 53 record set, as external-dns's AWS provider writes it: {@code alias=true} becomes an alias
 * target in the canonical hosted zone of the load balancer / CloudFront / Global Accelerator (or
 * {@code aws/target-hosted-zone}, or the record's own zone), with no TTL; other records get TTL 300 when unset;
 * routing policies come from the {@code aws/*} properties.
 */
public final class EndpointMapper {
    public static final long DEFAULT_TTL = 300;

    private final boolean evaluateTargetHealthDefault;

    public EndpointMapper(boolean evaluateTargetHealthDefault) {
        this.evaluateTargetHealthDefault = evaluateTargetHealthDefault;
    }

    /** @throws IllegalArgumentException with the reason when the endpoint cannot be written */
    public RecordSet toRecordSet(Endpoint e, Zone zone) {
        Routing routing = Routing.fromProperties(e.providerSpecific());
        if (routing.isPolicy() && e.setIdentifier() == null) {
            throw new IllegalArgumentException("routing policy " + routing.kind() + " needs a set identifier");
        }
        if (e.targets().isEmpty()) {
            throw new IllegalArgumentException("no targets");
        }
        if (isAlias(e)) {
            String target = stripDot(e.targets().get(0)).toLowerCase(Locale.ROOT);
            String hostedZone = e.property(ProviderProperties.AWS_TARGET_HOSTED_ZONE);
            if (hostedZone == null || hostedZone.isBlank()) {
                // an unknown target is an alias into the record's own zone, as external-dns does
                hostedZone = CanonicalHostedZones.zoneIdFor(target).orElse(zone.id());
            }
            String eth = e.property(ProviderProperties.AWS_EVALUATE_TARGET_HEALTH);
            boolean evaluate = eth == null || eth.isBlank() ? evaluateTargetHealthDefault
                    : Boolean.parseBoolean(eth.strip());
            String type = e.recordType().equals(RecordTypes.CNAME) ? RecordTypes.A : e.recordType();
            return new RecordSet(e.dnsName(), type, 0, List.of(), e.setIdentifier(),
                    new AliasTarget(ZoneSelection.bareId(hostedZone), target, evaluate), routing);
        }
        List<String> values = e.targets().stream().map(t -> value(e.recordType(), t)).toList();
        return new RecordSet(e.dnsName(), e.recordType(), e.ttl() > 0 ? e.ttl() : DEFAULT_TTL, values,
                e.setIdentifier(), null, routing);
    }

    public static boolean isAlias(Endpoint e) {
        return "true".equalsIgnoreCase(e.property(ProviderProperties.ALIAS));
    }

    private static String value(String type, String target) {
        return switch (type) {
            case RecordTypes.TXT -> target.startsWith("\"") ? target : "\"" + target.replace("\"", "\\\"") + "\"";
            case RecordTypes.CNAME -> stripDot(target);
            default -> target;
        };
    }

    static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
