package io.streamdns.applier;

import static io.streamdns.testsupport.arch.ArchitectureRules.*;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/** The shared architecture rules ({@code test-support}), applied to this module's main classes. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = mainClasses();

    @Test
    void theBatchCoreIsPure() {
        pureCore("io.streamdns.applier.batch").check(CLASSES);
    }

    /** Stage on top; state, resilience and provider below it; the batch core and metrics at the bottom. */
    @Test
    void packagesAreLayered() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("stage").definedBy("io.streamdns.applier")
                .layer("state").definedBy("io.streamdns.applier.state..")
                .layer("provider").definedBy("io.streamdns.applier.provider..")
                .layer("resilience").definedBy("io.streamdns.applier.resilience..")
                .layer("batch").definedBy("io.streamdns.applier.batch..")
                .layer("metrics").definedBy("io.streamdns.applier.metrics..")
                .whereLayer("stage").mayNotBeAccessedByAnyLayer()
                .whereLayer("state").mayOnlyBeAccessedByLayers("stage")
                // the provider package holds the ports (CallGate, ProviderException) that resilience implements
                .whereLayer("provider").mayOnlyBeAccessedByLayers("stage", "state", "resilience")
                .whereLayer("resilience").mayOnlyBeAccessedByLayers("stage")
                .whereLayer("metrics").mayOnlyBeAccessedByLayers("stage", "state", "provider", "resilience")
                .check(CLASSES);
    }

    @Test
    void nothingBlocksOutsideAWorker() {
        noBlockingCalls("io.streamdns.applier..").check(CLASSES);
    }
}
