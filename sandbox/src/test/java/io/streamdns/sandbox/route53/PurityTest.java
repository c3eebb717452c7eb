package io.streamdns.sandbox.route53;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The zone store, validation and XML codec are pure: no Vert.x, AWS SDK, Kafka or fabric8. */
class PurityTest {
    // importing the compiled directory, not the package: scanning every jar of the classpath takes ~20 s
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(Path.of("target/classes/io/streamdns/sandbox/route53"));

    @Test
    void storeAndXmlImportNoFrameworks() {
        noClasses().that().resideInAnyPackage("..route53.store..", "..route53.xml..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("io.vertx..", "software.amazon..", "org.apache.kafka..", "io.fabric8..")
                .check(CLASSES);
    }

    @Test
    void storeDoesNotKnowTheHttpLayer() {
        noClasses().that().resideInAnyPackage("..route53.store..", "..route53.xml..")
                .should().dependOnClassesThat().resideInAPackage("io.streamdns.sandbox.route53")
                .check(CLASSES);
    }
}
