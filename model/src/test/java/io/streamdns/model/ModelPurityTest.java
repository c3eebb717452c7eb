package io.streamdns.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** model is pure: records, codec and name logic; no Vert.x, fabric8, AWS or Kafka. The build fails otherwise. */
@AnalyzeClasses(packages = "io.streamdns.model", importOptions = ImportOption.DoNotIncludeTests.class)
class ModelPurityTest {
    @ArchTest
    static final ArchRule MODEL_IS_PURE = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("io.vertx..", "io.fabric8..", "software.amazon..", "org.apache.kafka..", "io.netty..");
}
