package io.streamdns.sandbox.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for tests of TLS listeners: a CA, certificates it signs for the broker
 * (valid for 127.0.0.1 and localhost) and for clients, written as PKCS12 stores or PEM. EC P-256 keys, so a whole
 * set is made in milliseconds. Needs BouncyCastle on the classpath (an optional dependency of sandbox).
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Path dir;
    private final String password;
    private final X500Name caName;
    private final KeyPair caKeys;
    private final X509Certificate ca;

    private TestPki(Path dir, String password, X500Name caName, KeyPair caKeys, X509Certificate ca) {
        this.dir = dir;
        this.caName = caName;
        this.password = password;
        this.caKeys = caKeys;
        this.ca = ca;
    }

    /** A new CA named {@code name}; stores go to {@code dir}, protected by {@code password}. */
    public static TestPki create(Path dir, String name, String password) {
        try {
            Files.createDirectories(dir);
            KeyPair keys = keyPair();
            X500Name subject = new X500Name("CN=" + name);
            X509v3CertificateBuilder b = builder(subject, subject, keys);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new TestPki(dir, password, subject, keys, sign(b, keys.getPrivate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the test CA", e);
        }
    }

    public String password() {
        return password;
    }

    /** A PKCS12 trust store holding this CA. */
    public Path truststore() {
        Path file = dir.resolve(fileName("truststore") + ".p12");
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("ca", ca);
            return store(ks, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This CA's certificate in PEM. */
    public String caPem() {
        return pem("CERTIFICATE", encoded(ca));
    }

    /** A key and a certificate for {@code commonName} (valid for 127.0.0.1 and localhost), signed by this CA. */
    public Identity issue(String commonName) {
        try {
            KeyPair keys = keyPair();
            X509v3CertificateBuilder b = builder(caName, new X500Name("CN=" + commonName), keys);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
            return new Identity(commonName, keys.getPrivate(), sign(b, caKeys.getPrivate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a test certificate for " + commonName, e);
        }
    }

    /** A key with its certificate chain (certificate, CA). */
    public final class Identity {
        private final String name;
        private final PrivateKey key;
        private final X509Certificate certificate;

        private Identity(String name, PrivateKey key, X509Certificate certificate) {
            this.name = name;
            this.key = key;
            this.certificate = certificate;
        }

        /** A PKCS12 key store with the key and its chain, store and key protected by the CA's password. */
        public Path keystore() {
            Path file = dir.resolve(fileName(name) + ".p12");
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry(name, key, password.toCharArray(), new Certificate[] {certificate, ca});
                return store(ks, file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The unencrypted PKCS#8 key in PEM ({@code ssl.keystore.key}). */
        public String keyPem() {
            return pem("PRIVATE KEY", key.getEncoded());
        }

        /** Certificate then CA in PEM ({@code ssl.keystore.certificate.chain}). */
        public String chainPem() {
            return pem("CERTIFICATE", encoded(certificate)) + pem("CERTIFICATE", encoded(ca));
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    }

    private Path store(KeyStore ks, Path file) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password.toCharArray());
        }
        return file;
    }

    private String fileName(String what) {
        return ca.getSerialNumber() + "-" + what.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
