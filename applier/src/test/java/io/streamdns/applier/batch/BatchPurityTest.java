package io.streamdns.applier.batch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The batching core is pure: no Vert.x, AWS SDK, Kafka or fabric8. The build fails otherwise. */
@AnalyzeClasses(packages = "io.streamdns.applier.batch", importOptions = ImportOption.DoNotIncludeTests.class)
class BatchPurityTest {
    @ArchTest
    static final ArchRule BATCH_IS_PURE = noClasses().that().resideInAPackage("io.streamdns.applier.batch")
            .should().dependOnClassesThat()
            .resideInAnyPackage("io.vertx..", "io.fabric8..", "software.amazon..", "org.apache.kafka..", "io.netty..",
                    "io.github.resilience4j..");
}
