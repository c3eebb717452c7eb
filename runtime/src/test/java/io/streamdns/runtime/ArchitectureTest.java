package io.streamdns.runtime;

import static io.streamdns.testsupport.arch.ArchitectureRules.*;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** The shared architecture rules ({@code test-support}), applied to this module's main classes. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = mainClasses();

    @Test
    void nothingBlocksOutsideAWorker() {
        noBlockingCalls("io.streamdns.runtime..").check(CLASSES);
    }
}
