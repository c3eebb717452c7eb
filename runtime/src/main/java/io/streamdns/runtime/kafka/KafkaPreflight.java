package io.streamdns.runtime.kafka;

import io.streamdns.runtime.Blocking;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up check of every command that talks to a given Kafka: one admin {@code describeCluster} with a short
 * timeout, so that a wrong password, an untrusted certificate or a protocol that does not match the listener ends
 * the command at once with a message that names the cause, instead of clients retrying quietly forever. Blocking.
 */
@Blocking("the launching thread, before any verticle is deployed (and CLI commands)")
public final class KafkaPreflight {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPreflight.class);
    /** Long enough for a TLS handshake across regions, short enough that a wrong setting ends the start at once. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    private KafkaPreflight() {
    }

    /**
     * Registers the operator's properties for these servers (every client made for them from now on uses them) and
     * checks that Kafka accepts them.
     *
     * @return the cluster id
     * @throws KafkaAccessException with the cause in words when Kafka cannot be used with these settings
     */
    public static String connect(String bootstrap, KafkaClientProperties properties, Duration timeout) {
        KafkaClientSecurity.register(bootstrap, properties);
        String clusterId = check(bootstrap, timeout);
        LOG.info("Kafka at {}: cluster {}, client settings {}", bootstrap, clusterId, properties);
        return clusterId;
    }

    /** A Kafka that cannot be used with these settings; the message says why and what to check. */
    public static final class KafkaAccessException extends RuntimeException {
        private final boolean invalidSettings;

        public KafkaAccessException(String message, Throwable cause) {
            this(message, cause, false);
        }

        KafkaAccessException(String message, Throwable cause, boolean invalidSettings) {
            super(message, cause);
            this.invalidSettings = invalidSettings;
        }

        /** The settings themselves are wrong (a malformed value), not the broker's answer to them. */
        public boolean invalidSettings() {
            return invalidSettings;
        }
    }

    /** @return the cluster id */
    public static String check(String bootstrap, Duration timeout) {
        KafkaClientProperties props = KafkaClientSecurity.forServers(bootstrap);
        Map<String, Object> config = new HashMap<>(KafkaSettings.admin(bootstrap, "streamdns-preflight"));
        String millis = Long.toString(timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        config.put(AdminClientConfig.ENABLE_METRICS_PUSH_CONFIG, "false");
        String where = "Kafka at " + bootstrap + " (security.protocol=" + props.securityProtocol()
                + (props.asMap().containsKey("sasl.mechanism") ? ", sasl.mechanism=" + props.shown("sasl.mechanism") : "")
                + ")";
        try (Admin admin = Admin.create(config)) {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .clusterId().get(timeout.toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAccessException("interrupted while connecting to " + where, e);
        } catch (ExecutionException e) {
            throw explain(where, e.getCause(), timeout);
        } catch (TimeoutException e) {
            throw explain(where, new org.apache.kafka.common.errors.TimeoutException(e.getMessage()), timeout);
        } catch (KafkaException e) {
            throw explain(where, e, timeout);
        }
    }

    /** Maps what the client saw to a message an operator can act on. Pure, for tests. */
    static KafkaAccessException explain(String where, Throwable cause, Duration timeout) {
        String message;
        if (cause instanceof SaslAuthenticationException) {
            message = where + " refused the credentials (SASL authentication failed: " + cause.getMessage()
                    + "). Check the user and password in sasl.jaas.config and sasl.mechanism.";
        } else if (cause instanceof SslAuthenticationException) {
            message = where + ": the TLS handshake failed (" + rootMessage(cause) + "). " + tlsHint(cause);
        } else if (cause instanceof AuthenticationException) {
            message = where + " refused the client: " + cause.getMessage();
        } else if (cause instanceof AuthorizationException) {
            message = where + " authenticated the client but denied it: " + cause.getMessage()
                    + ". Check the ACLs of the user (describe on the cluster).";
        } else if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            message = "cannot reach " + where + ": no answer within " + timeout.toSeconds() + " s. Either it is "
                    + "unreachable, or security.protocol does not match the listener (e.g. PLAINTEXT or SASL_PLAINTEXT "
                    + "against a TLS listener: set security.protocol=SSL or SASL_SSL in --kafka-config).";
        } else if (cause instanceof ConfigException || cause instanceof KafkaException && hasCause(cause, ConfigException.class)) {
            String root = rootMessage(cause);
            boolean unresolvable = root.contains("resolvable");
            return new KafkaAccessException((unresolvable ? "cannot reach " : "invalid Kafka client settings for ")
                    + where + ": " + root, cause, !unresolvable);
        } else {
            message = "cannot use " + where + ": " + rootMessage(cause);
        }
        return new KafkaAccessException(message, cause);
    }

    private static String tlsHint(Throwable cause) {
        String root = rootMessage(cause);
        if (root.contains("PKIX") || root.contains("certification path") || root.contains("unable to find valid")) {
            return "The broker's certificate is not trusted: set ssl.truststore.location (or ssl.truststore.certificates) "
                    + "to the CA that signed it.";
        }
        if (root.contains("No subject alternative") || root.contains("No name matching")) {
            return "The broker's certificate does not name the host connected to: use the host its certificate names.";
        }
        if (hasCause(cause, SSLHandshakeException.class) && (root.contains("certificate_required") || root.contains("bad_certificate"))) {
            return "The broker requires a client certificate (mutual TLS): set ssl.keystore.location or ssl.keystore.key.";
        }
        return "Check security.protocol and the ssl.* settings against the listener.";
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
