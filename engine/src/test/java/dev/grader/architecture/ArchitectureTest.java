package dev.grader.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The engine's packages follow the pipeline their package-info files describe: each depends only on the packages it
 * names there, and no two packages depend on each other.
 */
class ArchitectureTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.grader");

    /** Each package and the other grader packages it may use (as its package-info says). */
    private static final Map<String, String[]> ALLOWED = Map.ofEntries(
            Map.entry("model", new String[] {}),
            Map.entry("authoring", new String[] {"exercise", "workspace"}),
            Map.entry("exercise", new String[] {"support"}),
            Map.entry("workspace", new String[] {"exercise"}),
            Map.entry("build", new String[] {"exercise", "model", "workspace"}),
            Map.entry("suitecache", new String[] {"build", "exercise", "model", "workspace"}),
            Map.entry("run", new String[] {"exercise", "model", "workspace", "support"}),
            Map.entry("policy", new String[] {"exercise", "model", "support"}),
            Map.entry("interleave", new String[] {}),
            Map.entry("score", new String[] {"exercise", "model", "run", "support"}),
            Map.entry("review", new String[] {"codeview", "exercise", "model", "workspace"}),
            Map.entry("codeview", new String[] {"model"}),
            Map.entry("services", new String[] {"exercise", "model", "support", "workspace"}),
            Map.entry("report", new String[] {"model"}),
            Map.entry("similarity", new String[] {"model", "workspace"}),
            Map.entry("engine", new String[] {
                "build",
                "exercise",
                "interleave",
                "model",
                "owntests",
                "policy",
                "report",
                "review",
                "run",
                "score",
                "services",
                "suitecache",
                "support",
                "workspace"
            }),
            Map.entry(
                    "owntests", new String[] {"build", "exercise", "model", "policy", "run", "services", "workspace"}),
            Map.entry("history", new String[] {"model"}),
            Map.entry("intake", new String[] {"engine", "exercise", "history", "model", "workspace"}),
            Map.entry(
                    "batch",
                    new String[] {"engine", "exercise", "intake", "model", "report", "similarity", "workspace"}),
            Map.entry("validate", new String[] {"engine", "exercise", "model", "score", "workspace"}),
            Map.entry("mutation", new String[] {"build", "engine", "exercise", "model", "services", "workspace"}));

    @Test
    void noPackageCycles() {
        slices().matching("dev.grader.(*)..").should().beFreeOfCycles().check(ENGINE);
    }

    @TestFactory
    Stream<DynamicTest> eachPackageDependsOnlyOnWhatItsPackageInfoNames() {
        return ALLOWED.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> DynamicTest.dynamicTest(
                        e.getKey(),
                        () -> onlyDependsOn(e.getKey(), e.getValue()).check(ENGINE)));
    }

    @Test
    void nothingDependsOnTheCommandLine() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.grader.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.grader.cli..")
                .check(ENGINE);
    }

    /**
     * The environment is read at the edges: the command line (into GraderSettings) and the test JVM's runner. The
     * support jar is the hidden suites' and starters' library, run in test JVMs and by candidates: it reads its own
     * documented variables ({@code GRADER_DB_*}, the seed) and is outside this rule.
     */
    @Test
    void onlyTheCommandLineAndTheTestJvmReadTheEnvironment() {
        readingTheEnvironment().check(ENGINE);
    }

    private static ArchRule readingTheEnvironment() {
        return noClasses()
                .that()
                .resideOutsideOfPackages("dev.grader.cli..", "dev.grader.run.child..", "dev.grader.support..")
                .should()
                .callMethod(System.class, "getenv")
                .orShould()
                .callMethod(System.class, "getenv", String.class)
                .because("settings are read once by dev.grader.cli into GraderSettings and passed down");
    }

    @Test
    void theEnvironmentRuleCatchesAClassReadingTheEnvironment() {
        JavaClasses fixtures = new ClassFileImporter().importPackages("dev.grader.architecture.fixture");
        assertThrows(AssertionError.class, () -> readingTheEnvironment().check(fixtures));
    }

    @Test
    void theTestJvmSideUsesTheJdkAndJunitOnly() {
        classes()
                .that()
                .resideInAnyPackage("dev.grader.run.child..", "dev.grader.run.boot..")
                .should()
                .onlyDependOnClassesThat(resideInAnyPackage(
                        "java..",
                        "javax..",
                        "org.junit..",
                        "org.opentest4j..",
                        "dev.grader.run.child..",
                        "dev.grader.run.boot..",
                        ""))
                .check(ENGINE);
    }

    @Test
    void theRulesCatchACycleAndAForbiddenDependency() {
        JavaClasses cyclic = new ClassFileImporter().importPackages("dev.grader.architecture.fixture");
        assertThrows(
                AssertionError.class,
                () -> slices().matching("dev.grader.architecture.fixture.(*)..")
                        .should()
                        .beFreeOfCycles()
                        .check(cyclic));
        assertThrows(
                AssertionError.class,
                () -> noClasses()
                        .that()
                        .resideInAPackage("..fixture.a..")
                        .should()
                        .dependOnClassesThat(
                                resideInAPackage("dev.grader..").and(not(resideInAPackage("..fixture.a.."))))
                        .check(cyclic));
    }

    private static ArchRule onlyDependsOn(String pkg, String... allowed) {
        String[] packages = Stream.concat(Stream.of(pkg), Arrays.stream(allowed))
                .map(p -> "dev.grader." + p + "..")
                .toArray(String[]::new);
        return noClasses()
                .that()
                .resideInAPackage("dev.grader." + pkg + "..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.grader..").and(not(resideInAnyPackage(packages))))
                .because("package-info of dev.grader." + pkg + " names what it may depend on");
    }
}
