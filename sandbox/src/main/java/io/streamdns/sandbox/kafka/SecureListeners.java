package io.streamdns.sandbox.kafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The secured listeners the embedded broker can open beside its plaintext one (which stays for the broker itself,
 * topic creation and user management): {@code SSL} (server TLS, client certificates required when
 * {@code mutualTls}) and {@code SASL_SSL} with SCRAM-SHA-512 (users added through the admin API, see
 * {@link EmbeddedKafka#createScramUser}) and PLAIN ({@code plainUsers}, fixed at start).
 *
 * @param keystore   the broker's PKCS12 key store (its certificate must name 127.0.0.1)
 * @param truststore PKCS12 store of the CA that signs client certificates
 * @param password   password of both stores and the key
 * @param authorization whether ACLs are enforced on the secured listeners (Kafka's StandardAuthorizer; nothing is
 *                      allowed without an ACL, the plaintext listener's anonymous user is a super user)
 */
public record SecureListeners(Path keystore, Path truststore, String password, boolean mutualTls,
                              Map<String, String> plainUsers, boolean authorization) {
    static final String SSL = "SSL";
    static final String SASL_SSL = "SASL_SSL";

    /** TLS and SASL with certificates from a test CA: the broker's own, issued for CN=broker. */
    public static SecureListeners of(TestPki pki, boolean mutualTls, Map<String, String> plainUsers) {
        return new SecureListeners(pki.issue("broker").keystore(), pki.truststore(), pki.password(), mutualTls,
                Map.copyOf(plainUsers), false);
    }

    /** The same listeners with ACLs enforced. */
    public SecureListeners withAuthorization() {
        return new SecureListeners(keystore, truststore, password, mutualTls, plainUsers, true);
    }

    void addTo(Properties p, int sslPort, int saslPort) {
        String ssl = SSL + "://127.0.0.1:" + sslPort + "," + SASL_SSL + "://127.0.0.1:" + saslPort;
        p.put("listeners", p.getProperty("listeners") + "," + ssl);
        p.put("advertised.listeners", p.getProperty("advertised.listeners") + "," + ssl);
        p.put("listener.security.protocol.map", p.getProperty("listener.security.protocol.map")
                + "," + SSL + ":SSL," + SASL_SSL + ":SASL_SSL");
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.location", keystore.toString());
        p.put("ssl.keystore.password", password);
        p.put("ssl.key.password", password);
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.location", truststore.toString());
        p.put("ssl.truststore.password", password);
        p.put("listener.name.ssl.ssl.client.auth", mutualTls ? "required" : "none");
        p.put("listener.name.sasl_ssl.ssl.client.auth", "none");
        p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512,PLAIN");
        p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.put("listener.name.sasl_ssl.plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule "
                + "required " + plainUsers.entrySet().stream().map(e -> "user_" + e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(" ")) + ";");
        if (authorization) {
            p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            p.put("super.users", "User:ANONYMOUS");
            p.put("allow.everyone.if.no.acl.found", "false");
        }
    }
}
