package ai.aleff.agent.arch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import ai.aleff.testkit.arch.LayeringRules;

/** The agent worker's packages keep the platform's layering (see {@link LayeringRules}). */
class LayeringTest {

    private static final LayeringRules RULES = LayeringRules.of("ai.aleff.agent");
    private static final JavaClasses CLASSES = RULES.importClasses();

    @Test
    void packagesDependOnEachOtherWithoutCycles() {
        // Given the worker's main classes; When / Then no two packages depend on each other, even transitively
        RULES.noPackageCycles().check(CLASSES);
    }

    @Test
    void restServiceRepositoryWithMessagingAtTheEdge() {
        // Given the worker's main classes; When / Then services use repositories, only the edge uses messaging
        RULES.layers().check(CLASSES);
    }

    @Test
    void theRulesRefuseACycleAnUpwardRepositoryAndAServiceUsingMessaging() {
        // Given a fixture whose repository uses its service, which uses messaging
        String root = "ai.aleff.agent.arch.violations";
        LayeringRules rules = LayeringRules.of(root);
        JavaClasses fixture = new ClassFileImporter().importPackages(root);

        // When / Then both rules fail, naming the offending dependencies
        assertThatThrownBy(() -> rules.noPackageCycles().check(fixture)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
        assertThatThrownBy(() -> rules.layers().check(fixture)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Rows")
                .hasMessageContaining("Sender");
    }
}
