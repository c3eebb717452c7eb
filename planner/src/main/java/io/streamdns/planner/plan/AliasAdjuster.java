package io.streamdns.planner.plan;

import io.streamdns.model.Endpoint;
import io.streamdns.model.ProviderProperties;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.aws.CanonicalHostedZones;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * external-dns's AWS {@code AdjustEndpoints}: makes desired records look like what Route 53 reports back, so equal
 * records plan nothing. Unless {@code --aws-prefer-cname}, a CNAME whose target has an AWS canonical hosted zone
 * becomes an ALIAS; so does any CNAME with {@code alias=true}. An ALIAS is recordType A plus a twin AAAA (unless
 * {@code alias-type}, or an {@code alias} value of "A"/"AAAA", restricts it), with {@code alias=true},
 * {@code aws/evaluate-target-health} and TTL 300.
 */
final class AliasAdjuster {
    static final long ALIAS_TTL = 300;
    private static final int CACHE_LIMIT = 50_000;

    private final boolean preferCname;
    private final String evaluateTargetHealth;
    private final Map<String, Boolean> canonical = new ConcurrentHashMap<>();

    AliasAdjuster(boolean preferCname, boolean evaluateTargetHealth) {
        this.preferCname = preferCname;
        this.evaluateTargetHealth = Boolean.toString(evaluateTargetHealth);
    }

    List<Endpoint> adjust(List<Endpoint> endpoints) {
        List<Endpoint> out = new ArrayList<>(endpoints.size());
        for (Endpoint e : endpoints) {
            adjust(e, out);
        }
        return out;
    }

    void adjust(Endpoint e, List<Endpoint> out) {
        Map<String, String> props = e.providerSpecific();
        String aliasProp = props.get(ProviderProperties.ALIAS);
        String restriction = restriction(aliasProp, props.get(ProviderProperties.ALIAS_TYPE));
        boolean explicitTrue = aliasProp != null && (aliasProp.equalsIgnoreCase("true") || restriction != null);
        boolean explicitFalse = aliasProp != null && aliasProp.equalsIgnoreCase("false");
        String type = e.recordType();
        boolean addressType = type.equals(RecordTypes.A) || type.equals(RecordTypes.AAAA);
        boolean alias;
        if (type.equals(RecordTypes.CNAME)) {
            alias = explicitTrue || (!explicitFalse && !preferCname && !e.targets().isEmpty()
                    && hasCanonicalZone(e.targets().get(0)));
        } else {
            alias = addressType && explicitTrue;
        }
        if (!alias) {
            if (aliasProp == null && !props.containsKey(ProviderProperties.ALIAS_TYPE)
                    && !props.containsKey(ProviderProperties.AWS_EVALUATE_TARGET_HEALTH)) {
                out.add(e);
                return;
            }
            Map<String, String> p = new TreeMap<>(props);
            p.remove(ProviderProperties.ALIAS);
            p.remove(ProviderProperties.ALIAS_TYPE);
            p.remove(ProviderProperties.AWS_EVALUATE_TARGET_HEALTH);
            out.add(new Endpoint(e.dnsName(), type, e.targets(), e.ttl(), e.setIdentifier(), p, e.labels()));
            return;
        }
        Map<String, String> p = new TreeMap<>(props);
        p.remove(ProviderProperties.ALIAS_TYPE);
        p.put(ProviderProperties.ALIAS, "true");
        String health = p.get(ProviderProperties.AWS_EVALUATE_TARGET_HEALTH);
        if (health == null) {
            p.put(ProviderProperties.AWS_EVALUATE_TARGET_HEALTH, evaluateTargetHealth);
        } else if (!health.equals("true") && !health.equals("false")) {
            p.put(ProviderProperties.AWS_EVALUATE_TARGET_HEALTH, "false"); // external-dns's choice for junk values
        }
        List<String> targets = e.targets().stream().map(AliasAdjuster::stripDot).toList();
        if (addressType) {
            out.add(new Endpoint(e.dnsName(), type, targets, ALIAS_TTL, e.setIdentifier(), p, e.labels()));
            return;
        }
        if (!RecordTypes.AAAA.equals(restriction)) {
            out.add(new Endpoint(e.dnsName(), RecordTypes.A, targets, ALIAS_TTL, e.setIdentifier(), p, e.labels()));
        }
        if (!RecordTypes.A.equals(restriction)) {
            out.add(new Endpoint(e.dnsName(), RecordTypes.AAAA, targets, ALIAS_TTL, e.setIdentifier(), p, e.labels()));
        }
    }

    /** "A" or "AAAA" when the alias is restricted to one family, else null. */
    private static String restriction(String aliasProp, String aliasType) {
        for (String v : new String[] {aliasType, aliasProp}) {
            if (v != null) {
                String u = v.strip().toUpperCase(Locale.ROOT);
                if (u.equals(RecordTypes.A) || u.equals(RecordTypes.AAAA)) {
                    return u;
                }
            }
        }
        return null;
    }

    private boolean hasCanonicalZone(String target) {
        Boolean known = canonical.get(target);
        if (known == null) {
            if (canonical.size() >= CACHE_LIMIT) {
                canonical.clear();
            }
            known = CanonicalHostedZones.zoneIdFor(target).isPresent();
            canonical.put(target, known);
        }
        return known;
    }

    private static String stripDot(String t) {
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
