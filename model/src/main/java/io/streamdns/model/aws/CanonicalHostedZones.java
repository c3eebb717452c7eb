package io.streamdns.model.aws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * AWS canonical hosted zone ids for ALIAS targets, by DNS suffix of the target (ELB/ALB/NLB per region,
 * CloudFront, Global Accelerator, ...), from the table external-dns keeps.
 */
public final class CanonicalHostedZones {
    private static final Map<String, String> BY_SUFFIX = load();

    private CanonicalHostedZones() {
    }

    /** The canonical hosted zone of a target host name (longest matching suffix), if it is an AWS endpoint. */
    public static Optional<String> zoneIdFor(String target) {
        String host = target.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        String best = null;
        for (String suffix : BY_SUFFIX.keySet()) {
            if ((host.equals(suffix) || host.endsWith("." + suffix)) && (best == null || suffix.length() > best.length())) {
                best = suffix;
            }
        }
        return Optional.ofNullable(best).map(BY_SUFFIX::get);
    }

    public static Map<String, String> all() {
        return BY_SUFFIX;
    }

    private static Map<String, String> load() {
        Map<String, String> map = new LinkedHashMap<>();
        try (InputStream in = CanonicalHostedZones.class.getResourceAsStream("aws-canonical-hosted-zones.tsv")) {
            if (in == null) {
                throw new IllegalStateException("aws-canonical-hosted-zones.tsv missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                if (cols.length >= 2) {
                    map.put(cols[0].strip().toLowerCase(Locale.ROOT), cols[1].strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(map);
    }
}
