package dev.grader.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.grader.RunsBeside;
import dev.grader.TestTiers;
import org.junit.jupiter.api.Test;

/**
 * The engine's test classes that use the Docker engine run beside the others, one at a time ({@link RunsBeside}): each
 * checks that no container of the grader's is left on the engine, which would see another class's containers if two
 * of them ran at once.
 */
class RunsBesideTest {

    private static final JavaClasses TESTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages("dev.grader");

    @Test
    void everyDockerTestClassRunsBesideTheOthersOneAtATime() {
        assertFalse(
                TESTS.stream().noneMatch(c -> c.isAnnotatedWith(TestTiers.Docker.class)),
                "no test class tagged docker was found: the rule below would hold for nothing");
        classes()
                .that()
                .areAnnotatedWith(TestTiers.Docker.class)
                .should()
                .beAnnotatedWith(RunsBeside.class)
                .because("a Docker test's check for containers left behind sees every container on the engine")
                .check(TESTS);
    }
}
