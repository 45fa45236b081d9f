package dev.grader.similarity;

import dev.grader.model.SimilarityEvidence.OtherKind;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One side of the comparison: a name, the folder whose {@code .java} files are compared (a project's
 * {@code src/main/java}, or any folder of sources), and what it is.
 */
public record Candidate(String name, Path sources, OtherKind kind) {

    public Candidate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(kind, "kind");
    }

    /** A project folder's main sources ({@code src/main/java} when it has one, else the folder itself). */
    public static Path mainSources(Path project) {
        Path main = project.resolve("src/main/java");
        return java.nio.file.Files.isDirectory(main) ? main : project;
    }
}
