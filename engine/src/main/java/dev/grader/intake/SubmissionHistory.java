package dev.grader.intake;

import dev.grader.exercise.Exercise;
import dev.grader.history.GitHistory;
import dev.grader.model.HistoryEvidence;
import dev.grader.workspace.SupportSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The git history of a submission, as evidence: a git bundle or bare repository (read from the clone intake made),
 * or a folder or archive holding {@code .git} at the project's folder or above it inside the submission. Anything
 * else says there is no history, and why.
 */
final class SubmissionHistory {

    private SubmissionHistory() {}

    /**
     * @param work the work folder {@link Submission#open} laid the submission out in
     * @param project the project folder that was graded, or null when the submission could not be read as one
     */
    static HistoryEvidence read(Submission submission, Exercise exercise, Path work, Path project, Instant gradeStart) {
        Path root =
                switch (submission.kind()) {
                    case FOLDER -> submission.source();
                    case ARCHIVE -> work.resolve(Submission.UNPACKED);
                    case GIT_BUNDLE, GIT_BARE -> work.resolve(Submission.CLONE);
                };
        Path workTree = workTree(root, project == null ? root : project);
        if (workTree == null) {
            return HistoryEvidence.unavailable(
                    switch (submission.kind()) {
                        case FOLDER -> "a folder without git history";
                        case ARCHIVE -> "an archive without git history";
                        case GIT_BUNDLE -> "the git bundle could not be cloned";
                        case GIT_BARE -> "the git repository could not be cloned";
                    });
        }
        Path graded = project == null ? workTree : project;
        try {
            return GitHistory.read(
                    workTree, graded, given(exercise, work), exercise.manifest().timeBudget(), gradeStart);
        } catch (RuntimeException e) {
            return HistoryEvidence.unavailable("the git history could not be read: " + e.getMessage());
        }
    }

    /** The nearest folder from {@code project} up to {@code root} that holds a {@code .git} folder, or null. */
    static Path workTree(Path root, Path project) {
        Path top = root.toAbsolutePath().normalize();
        for (Path p = project.toAbsolutePath().normalize(); p != null && p.startsWith(top); p = p.getParent()) {
            if (GitHistory.isWorkTree(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * What the candidate was given, by path relative to the project: the starter's files, the brief as
     * {@code README.md}, and the test-support sources {@code grader init} adds (copied under {@code work}).
     */
    static Map<String, Path> given(Exercise exercise, Path work) {
        Map<String, Path> given = new TreeMap<>();
        List<String> support = exercise.manifest().support();
        if (!support.isEmpty()) {
            Path dir = work.resolve("given-support");
            SupportSources.copy(support, dir);
            files(dir).forEach((rel, file) -> given.put("src/test/java/" + rel, file));
        }
        if (Files.isRegularFile(exercise.brief())) {
            given.put("README.md", exercise.brief());
        }
        given.putAll(files(exercise.starter()));
        return given;
    }

    private static Map<String, Path> files(Path dir) {
        Map<String, Path> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .forEach(p -> files.put(dir.relativize(p).toString().replace('\\', '/'), p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
