package io.streamdns.planner;

import static io.streamdns.testsupport.arch.ArchitectureRules.*;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** The shared architecture rules ({@code test-support}), applied to this module's main classes. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = mainClasses();

    @Test
    void thePlanCoreIsPure() {
        pureCore("io.streamdns.planner.plan",
                // address comparison as external-dns sorts targets; a memo shared by the shard planners
                "com.google.common.net.InetAddresses", "java.net.InetAddress",
                "java.util.concurrent.ConcurrentHashMap").check(CLASSES);
    }

    @Test
    void theCoreDoesNotReachBackIntoTheStage() {
        coreDoesNotUse("io.streamdns.planner.plan", "io.streamdns.planner").check(CLASSES);
    }

    @Test
    void nothingBlocksOutsideAWorker() {
        noBlockingCalls("io.streamdns.planner..").check(CLASSES);
    }
}
