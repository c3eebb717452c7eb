package io.streamdns.sandbox;

import static io.streamdns.testsupport.arch.ArchitectureRules.*;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** The shared architecture rules ({@code test-support}), applied to this module's main classes. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = mainClasses();

    @Test
    void theRoute53StoreIsPure() {
        pureCore("io.streamdns.sandbox.route53.store", "io.streamdns.sandbox.route53.xml..",
                // literal IPv6 parsing (the value is checked to be a literal first: no lookup)
                "java.net.InetAddress", "java.net.Inet6Address", "java.net.UnknownHostException").check(CLASSES);
    }

    @Test
    void theRoute53XmlCodecIsPure() {
        pureCore("io.streamdns.sandbox.route53.xml", "io.streamdns.sandbox.route53.store..", "javax.xml..",
                "org.w3c.dom..", "org.xml.sax..", "java.io").check(CLASSES);
    }

    @Test
    void theStoreDoesNotKnowTheHttpLayer() {
        coreDoesNotUse("io.streamdns.sandbox.route53.store", "io.streamdns.sandbox.route53").check(CLASSES);
        coreDoesNotUse("io.streamdns.sandbox.route53.xml", "io.streamdns.sandbox.route53").check(CLASSES);
    }
}
