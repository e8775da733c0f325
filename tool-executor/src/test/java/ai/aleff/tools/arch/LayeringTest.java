package ai.aleff.tools.arch;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

import ai.aleff.testkit.arch.LayeringRules;

/** The tool-executor packages keep the platform's layering (see {@link LayeringRules}). */
class LayeringTest {

    private static final LayeringRules RULES = LayeringRules.of("ai.aleff.tools");
    private static final JavaClasses CLASSES = RULES.importClasses();

    @Test
    void packagesDependOnEachOtherWithoutCycles() {
        // Given the service's main classes; When / Then no two packages depend on each other, even transitively
        RULES.noPackageCycles().check(CLASSES);
    }

    @Test
    void restServiceRepositoryWithMessagingAtTheEdge() {
        // Given the service's main classes; When / Then services use repositories, only the edge uses messaging
        RULES.layers().check(CLASSES);
    }
}
