package io.streamdns.app.audit.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The audit core reasons over decoded records only: no Kafka, Vert.x, fabric8 or AWS, and no picocli. */
class AuditCoreArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.streamdns.app.audit.core");

    static Stream<Arguments> forbidden() {
        return Stream.of(
                Arguments.of("Kafka", "org.apache.kafka.."),
                Arguments.of("Vert.x", "io.vertx.."),
                Arguments.of("fabric8", "io.fabric8.."),
                Arguments.of("AWS SDK", "software.amazon.."),
                Arguments.of("picocli (the command edge)", "picocli.."),
                Arguments.of("the audit edge", "io.streamdns.app.audit"),
                Arguments.of("the runtime module", "io.streamdns.runtime.."),
                Arguments.of("the sandbox module", "io.streamdns.sandbox.."));
    }

    @ParameterizedTest(name = "core imports no {0}")
    @MethodSource("forbidden")
    void coreStaysPure(String title, String packages) {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(packages).check(CORE);
    }
}
