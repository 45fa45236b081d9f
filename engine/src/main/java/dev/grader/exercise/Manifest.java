package dev.grader.exercise;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The validated content of an exercise's {@code exercise.yaml}. See docs/exercise-format.md.
 *
 * @param allowedDependencies {@code groupId:artifactId} of the artifacts a candidate may add to the starter's
 *     pom without a review flag (they still never reach the grader's classpath)
 * @param policyAllow the APIs the code policy lets this exercise's submissions use ({@code policy.allow})
 * @param parallel how many hidden test classes may run at once, and which run alone ({@code parallel})
 */
public record Manifest(
        String id,
        int version,
        String title,
        String summary,
        Duration timeBudget,
        int javaRelease,
        List<Service> services,
        List<String> support,
        List<RubricCategory> rubric,
        Limits limits,
        List<String> protectedFiles,
        List<String> hiddenDependencies,
        List<String> allowedDependencies,
        List<PolicyAllowance> policyAllow,
        Parallelism parallel) {

    public Manifest {
        requireNonNull(id, "id");
        services = List.copyOf(services);
        support = List.copyOf(support);
        rubric = List.copyOf(rubric);
        protectedFiles = List.copyOf(protectedFiles);
        hiddenDependencies = List.copyOf(hiddenDependencies);
        allowedDependencies = List.copyOf(allowedDependencies);
        policyAllow = List.copyOf(policyAllow);
        parallel = parallel == null ? Parallelism.SEQUENTIAL : parallel;
    }

    /** A manifest whose exercise allows nothing beyond the code policy. */
    public Manifest(
            String id,
            int version,
            String title,
            String summary,
            Duration timeBudget,
            int javaRelease,
            List<Service> services,
            List<String> support,
            List<RubricCategory> rubric,
            Limits limits,
            List<String> protectedFiles,
            List<String> hiddenDependencies,
            List<String> allowedDependencies) {
        this(
                id,
                version,
                title,
                summary,
                timeBudget,
                javaRelease,
                services,
                support,
                rubric,
                limits,
                protectedFiles,
                hiddenDependencies,
                allowedDependencies,
                List.of(),
                Parallelism.SEQUENTIAL);
    }

    /** A manifest that allows no dependency beyond the starter's. */
    public Manifest(
            String id,
            int version,
            String title,
            String summary,
            Duration timeBudget,
            int javaRelease,
            List<Service> services,
            List<String> support,
            List<RubricCategory> rubric,
            Limits limits,
            List<String> protectedFiles,
            List<String> hiddenDependencies) {
        this(
                id,
                version,
                title,
                summary,
                timeBudget,
                javaRelease,
                services,
                support,
                rubric,
                limits,
                protectedFiles,
                hiddenDependencies,
                List.of(),
                List.of(),
                Parallelism.SEQUENTIAL);
    }

    /** The APIs (or rule ids) the code policy allows in this exercise. */
    public java.util.Set<String> policyAllowed() {
        return policyAllow.stream().map(PolicyAllowance::api).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The same manifest, every other field kept, with other limits (shorter ones for a test suite, say). */
    public Manifest withLimits(Limits other) {
        return new Manifest(
                id,
                version,
                title,
                summary,
                timeBudget,
                javaRelease,
                services,
                support,
                rubric,
                other,
                protectedFiles,
                hiddenDependencies,
                allowedDependencies,
                policyAllow,
                parallel);
    }

    /** The same manifest, every other field kept, whose code policy also allows {@code more}. */
    public Manifest alsoAllowing(List<PolicyAllowance> more) {
        List<PolicyAllowance> all = new java.util.ArrayList<>(policyAllow);
        all.addAll(more);
        return new Manifest(
                id,
                version,
                title,
                summary,
                timeBudget,
                javaRelease,
                services,
                support,
                rubric,
                limits,
                protectedFiles,
                hiddenDependencies,
                allowedDependencies,
                all,
                parallel);
    }

    public double maxScore() {
        return rubric.stream().mapToDouble(RubricCategory::weight).sum();
    }

    public Optional<RubricCategory> category(String categoryId) {
        return rubric.stream().filter(c -> c.id().equals(categoryId)).findFirst();
    }

    /** The category a hidden test's tag names: one scored by the candidate's own tests is no hidden test's. */
    public Optional<RubricCategory> hiddenCategory(String categoryId) {
        return category(categoryId).filter(c -> !c.byOwnTests());
    }

    /** Whether a category is scored by the candidate's own tests ({@code scored_by: own_tests}). */
    public boolean scoresOwnTests() {
        return rubric.stream().anyMatch(RubricCategory::byOwnTests);
    }

    public boolean needs(Service service) {
        return services.contains(service);
    }
}
