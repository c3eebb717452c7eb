package io.streamdns.watcher;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The mapping core stays pure: fabric8's plain model classes yes, clients, Vert.x, Kafka and AWS no. */
class ArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.streamdns.watcher");

    @Test
    void coreHasNoIoDependencies() {
        noClasses().that().resideInAPackage("io.streamdns.watcher.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "org.apache.kafka..",
                        "software.amazon..", "io.netty..", "io.fabric8.kubernetes.client..", "io.micrometer..",
                        "org.slf4j..", "io.streamdns.runtime..")
                .check(classes);
    }

    @Test
    void coreUsesOnlyFabric8ModelClasses() {
        noClasses().that().resideInAPackage("io.streamdns.watcher.core..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "fabric8 classes outside io.fabric8.kubernetes.api.model..",
                        c -> c.getPackageName().startsWith("io.fabric8")
                                && !c.getPackageName().startsWith("io.fabric8.kubernetes.api.model")))
                .check(classes);
    }

    @Test
    void coreDoesNotReachBackIntoTheStage() {
        noClasses().that().resideInAPackage("io.streamdns.watcher.core..")
                .should().dependOnClassesThat().resideInAPackage("io.streamdns.watcher")
                .check(classes);
    }
}
