package io.streamdns.watcher;

import static io.streamdns.testsupport.arch.ArchitectureRules.*;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** The shared architecture rules ({@code test-support}), applied to this module's main classes. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = mainClasses();

    @Test
    void theMappingCoreIsPure() {
        pureCore("io.streamdns.watcher.core", "io.fabric8.kubernetes.api.model..",
                // the state codec and the content hash of sharded states
                "com.fasterxml.jackson..", "com.google.common.hash..", "java.io.IOException",
                "java.io.UncheckedIOException", "java.io.OutputStream",
                // --fqdn-template reads an object's fields as Go names them (KubeData): reflection on values, no I/O
                "java.lang.reflect..", "java.util.concurrent.ConcurrentHashMap", "java.net.URLEncoder").check(CLASSES);
    }

    @Test
    void theCoreDoesNotReachBackIntoTheStage() {
        coreDoesNotUse("io.streamdns.watcher.core", "io.streamdns.watcher").check(CLASSES);
    }

    @Test
    void nothingBlocksOutsideAWorker() {
        noBlockingCalls("io.streamdns.watcher..").check(CLASSES);
    }
}
