package io.streamdns.testsupport.arch;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.streamdns.testsupport.arch.fixtures.stage.Worker;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The shared rules catch what they name and pass what they allow (each row a fixture class). */
class ArchitectureRulesTest {
    private static final String FIXTURES = "io.streamdns.testsupport.arch.fixtures";
    private static final JavaClasses CLASSES = new ClassFileImporter().importPackages(FIXTURES);
    private static final String MARKER = Worker.Marker.class.getName();

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("a core on java.util only is pure", ArchitectureRules.pureCore(FIXTURES + ".pure"), true),
                Arguments.of("a core opening a socket is not", ArchitectureRules.pureCore(FIXTURES + ".impure"), false),
                Arguments.of("... unless the socket is named", ArchitectureRules.pureCore(FIXTURES + ".impure",
                        "java.net.Socket", "java.io.IOException"), true),
                Arguments.of("naming java.net.IDN does not allow a socket", ArchitectureRules.pureCore(
                        FIXTURES + ".impure", "java.net.IDN", "java.io.IOException"), false),
                Arguments.of("sleep and join outside a marked class are caught",
                        ArchitectureRules.noBlockingCallsUnless(MARKER, FIXTURES + ".stage"), false),
                Arguments.of("a class that does not block passes",
                        ArchitectureRules.noBlockingCallsUnless(MARKER, FIXTURES + ".pure"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void ruleVerdict(String title, ArchRule rule, boolean passes) {
        if (passes) {
            assertDoesNotThrow(() -> rule.check(CLASSES));
        } else {
            assertThrows(AssertionError.class, () -> rule.check(CLASSES));
        }
    }

    @Test
    void theBlockingRuleNamesEachUnmarkedBlocker() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> ArchitectureRules.noBlockingCallsUnless(MARKER, FIXTURES + ".stage").check(CLASSES));
        assertTrue(e.getMessage().contains("Sleeper.nap"), e.getMessage());
        assertTrue(e.getMessage().contains("Joiner.await"), e.getMessage());
        assertTrue(!e.getMessage().contains("MarkedSleeper"), e.getMessage());
    }
}
