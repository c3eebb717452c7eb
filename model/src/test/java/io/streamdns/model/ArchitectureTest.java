package io.streamdns.model;

import static io.streamdns.testsupport.arch.ArchitectureRules.*;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** The shared architecture rules ({@code test-support}), applied to this module's main classes. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = mainClasses();

    @Test
    void theModelIsPure() {
        pureCore("io.streamdns.model", "com.fasterxml.jackson..", "com.google.common..", "com.ibm.icu..",
                // reading the bundled canonical-zone table; JSON codec errors; literal-address parsing (IDN is ICU's
                // UTS #46 in dns.Idna, the one place names are normalised: not java.net.IDN's IDNA2003)
                "java.io.IOException", "java.io.UncheckedIOException", "java.io.InputStream", "java.io.Reader",
                "java.io.BufferedReader", "java.io.InputStreamReader", "java.net.InetAddress",
                "java.net.Inet4Address", "java.net.Inet6Address", "java.net.UnknownHostException").check(CLASSES);
    }
}
