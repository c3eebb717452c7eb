package io.streamdns.planner.plan;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The plan core is pure: no Vert.x, Kafka, fabric8 or AWS SDK, no stage classes. */
class PlanCorePurityTest {

    @Test
    void planPackageImportsNoIo() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.streamdns.planner");
        noClasses().that().resideInAPackage("io.streamdns.planner.plan..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.fabric8..", "software.amazon..",
                        "org.apache.kafka..", "io.streamdns.runtime..", "io.micrometer..", "java.io..", "java.nio..",
                        "java.net.http..")
                .check(classes);
        noClasses().that().resideInAPackage("io.streamdns.planner.plan..")
                .should().dependOnClassesThat().resideInAPackage("io.streamdns.planner")
                .check(classes);
    }
}
