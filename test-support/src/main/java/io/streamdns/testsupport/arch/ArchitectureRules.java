package io.streamdns.testsupport.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.PackageMatchers;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The architecture rules every module applies the same way (each module has one {@code ArchitectureTest}):
 * <ul>
 *   <li>a pure core depends only on itself, the model, a small part of the JDK and what its module names;</li>
 *   <li>stage code never blocks: no sleep, join, await or blocking Kafka call outside a class marked
 *       {@value #BLOCKING} (which runs on a named worker pool);</li>
 *   <li>a core never reaches back into the stage around it.</li>
 * </ul>
 */
public final class ArchitectureRules {
    /** The marker of classes that block and so run only on a named worker pool (in {@code runtime}). */
    public static final String BLOCKING = "io.streamdns.runtime.Blocking";

    /** What any pure core may use of the JDK: no I/O, no clocks beyond {@code java.time} values, no threads. */
    private static final List<String> PURE_JDK = List.of("java.lang", "java.lang.invoke", "java.lang.annotation",
            "java.util", "java.util.function", "java.util.stream", "java.util.regex", "java.time", "java.time.format",
            "java.time.temporal", "java.math", "java.text", "java.nio.charset");

    /** Methods that block the calling thread, by the type that declares them (or a supertype of the callee). */
    private static final Map<String, Set<String>> BLOCKING_METHODS = Map.of(
            "java.lang.Thread", Set.of("sleep", "join"),
            "io.vertx.core.Future", Set.of("await"),
            "java.util.concurrent.Future", Set.of("get"),
            "java.util.concurrent.CompletableFuture", Set.of("join", "get"),
            "java.util.concurrent.CountDownLatch", Set.of("await"),
            "org.apache.kafka.common.KafkaFuture", Set.of("get"),
            "org.apache.kafka.clients.consumer.Consumer", Set.of("poll", "commitSync", "position", "endOffsets",
                    "beginningOffsets", "listTopics", "partitionsFor"),
            "org.apache.kafka.clients.producer.Producer", Set.of("flush"));

    private ArchitectureRules() {
    }

    /** The module's main classes (not its tests, not other jars: scanning the class path is slow). */
    public static JavaClasses mainClasses() {
        Path classes = Path.of("target", "classes");
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException("no " + classes.toAbsolutePath() + ": run the tests through Maven");
        }
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(classes);
    }

    /**
     * A pure core: its classes depend only on the core itself, {@code io.streamdns.model}, the pure JDK and what is
     * named: a package ({@code "x.y"}, or {@code "x.y.."} with its subpackages) or one class ({@code "x.y.Z"}), so
     * that a core needing {@code java.net.IDN} is not thereby allowed sockets.
     */
    public static ArchRule pureCore(String corePackage, String... alsoAllowed) {
        List<String> packages = new ArrayList<>();
        Set<String> classNames = new java.util.HashSet<>();
        packages.add(corePackage + "..");
        packages.add("io.streamdns.model..");
        packages.addAll(PURE_JDK);
        for (String allowed : alsoAllowed) {
            String last = allowed.substring(allowed.lastIndexOf('.') + 1);
            if (!allowed.endsWith("..") && !last.isEmpty() && Character.isUpperCase(last.charAt(0))) {
                classNames.add(allowed);
            } else {
                packages.add(allowed);
            }
        }
        PackageMatchers inPackages = PackageMatchers.of(packages);
        DescribedPredicate<JavaClass> permitted = DescribedPredicate.describe("are in " + packages + " or are "
                + classNames, c -> inPackages.test(c.getBaseComponentType().getPackageName())
                || classNames.contains(c.getBaseComponentType().getName())
                || c.getBaseComponentType().isPrimitive());
        return classes().that().resideInAPackage(corePackage + "..")
                .should().onlyDependOnClassesThat(permitted)
                .because(corePackage + " is a pure core: values in, values out, table-tested without I/O");
    }

    /** A core must not reach back into the package of the stage that uses it. */
    public static ArchRule coreDoesNotUse(String corePackage, String stagePackage) {
        return noClasses().that().resideInAPackage(corePackage + "..")
                .should().dependOnClassesThat().resideInAPackage(stagePackage)
                .because("the stage depends on its core, never the other way round");
    }

    /** Stage code (event-loop code) does not block; blocking work sits in classes marked {@value #BLOCKING}. */
    public static ArchRule noBlockingCalls(String... stagePackages) {
        return noBlockingCallsUnless(BLOCKING, stagePackages);
    }

    static ArchRule noBlockingCallsUnless(String marker, String... stagePackages) {
        return noClasses().that().resideInAnyPackage(stagePackages)
                .and().areNotAnnotatedWith(marker)
                .and(DescribedPredicate.describe("are not nested in a class marked @Blocking",
                        c -> c.getEnclosingClass().map(e -> !e.isAnnotatedWith(marker)).orElse(true)))
                .should().callMethodWhere(blockingCall())
                .because("stage code runs on an event loop; what blocks runs on a named worker pool (@Blocking)");
    }

    static DescribedPredicate<JavaMethodCall> blockingCall() {
        return DescribedPredicate.describe("a blocking method (" + BLOCKING_METHODS + ")", call -> {
            String name = call.getTarget().getName();
            return BLOCKING_METHODS.entrySet().stream().anyMatch(e -> e.getValue().contains(name)
                    && call.getTarget().getOwner().isAssignableTo(e.getKey()));
        });
    }
}
