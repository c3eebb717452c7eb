package io.streamdns.app;

import static io.streamdns.testsupport.arch.ArchitectureRules.*;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** The shared architecture rules ({@code test-support}), applied to this module's main classes. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = mainClasses();

    @Test
    void theAuditCoreIsPure() {
        pureCore("io.streamdns.app.audit.core",
                // the report is JSON; its records carry Jackson's annotations
                "com.fasterxml.jackson..", "java.io.IOException", "java.io.UncheckedIOException").check(CLASSES);
    }

    @Test
    void theAuditCoreDoesNotReachBackIntoItsEdge() {
        coreDoesNotUse("io.streamdns.app.audit.core", "io.streamdns.app.audit").check(CLASSES);
    }

    @Test
    /** Commands block on their main thread by design (marked @Blocking); what runs on an event loop must not. */
    void commandsBlockOnlyWhereMarked() {
        noBlockingCalls("io.streamdns.app..").check(CLASSES);
    }
}
