package dev.grader.history;

import dev.grader.model.HistoryEvidence;
import dev.grader.model.HistoryEvidence.CommitShare;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Reads the git history of a work tree (a folder holding {@code .git}) into {@link HistoryEvidence}: the commits
 * reachable from {@code HEAD}, their dates, and the commit most of the final code came from. Read with JGit; nothing
 * in the repository is run or written.
 */
public final class GitHistory {

    /** The most commits read; a longer history is reported from its newest {@value} commits. */
    public static final int MAX_COMMITS = 20_000;

    /** How long counting the final code's lines by commit may take. */
    public static final Duration LINES_LIMIT = Duration.ofSeconds(30);

    private GitHistory() {}

    /** Whether {@code folder} holds a git repository of its own (a {@code .git} folder, not a link or file). */
    public static boolean isWorkTree(Path folder) {
        Path git = folder.resolve(Constants.DOT_GIT);
        return Files.isDirectory(git, LinkOption.NOFOLLOW_LINKS)
                && Files.isRegularFile(git.resolve(Constants.HEAD), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The history of the work tree {@code workTree}.
     *
     * @param project the project folder that was graded: {@code workTree} or a folder inside it
     * @param given the files the candidate was given (the starter's, the brief), by path relative to the project
     * @param budget the exercise's time budget, or null
     * @param gradeStart when the grade began: commits dated later are listed as in the future
     */
    public static HistoryEvidence read(
            Path workTree, Path project, Map<String, Path> given, Duration budget, Instant gradeStart) {
        return read(workTree, project, given, budget, gradeStart, LINES_LIMIT);
    }

    /** {@link #read}, with a time limit of its own for counting lines (for tests). */
    static HistoryEvidence read(
            Path workTree,
            Path project,
            Map<String, Path> given,
            Duration budget,
            Instant gradeStart,
            Duration linesLimit) {
        String prefix = prefix(workTree, project);
        try (Repository repo = new FileRepositoryBuilder()
                        .setGitDir(workTree.resolve(Constants.DOT_GIT).toFile())
                        .setMustExist(true)
                        .build();
                RevWalk walk = new RevWalk(repo);
                ObjectReader reader = repo.newObjectReader()) {
            ObjectId headId = repo.resolve(Constants.HEAD);
            if (headId == null) {
                return HistoryEvidence.unavailable("a git repository without commits");
            }
            RevCommit head = walk.parseCommit(headId);
            walk.markStart(head);
            List<Commit> commits = new ArrayList<>();
            for (RevCommit c : walk) {
                List<String> parents = new ArrayList<>();
                for (RevCommit p : c.getParents()) {
                    parents.add(p.getName());
                }
                commits.add(new Commit(
                        c.getName(),
                        reader.abbreviate(c, 7).name(),
                        c.getFullMessage(),
                        c.getCommitterIdent().getWhenAsInstant(),
                        parents));
                if (commits.size() >= MAX_COMMITS) {
                    break;
                }
            }
            CommitDates dates = new CommitDates(commits);
            OwnLines.Count own = OwnLines.count(repo, head, prefix, given, linesLimit);
            long span = dates.spanSeconds();
            Long budgetSeconds = budget == null ? null : budget.getSeconds();
            Double ofBudget =
                    budgetSeconds == null || budgetSeconds == 0 ? null : round2((double) span / budgetSeconds);
            return new HistoryEvidence(
                    true,
                    null,
                    reader.abbreviate(head, 7).name(),
                    commits.size(),
                    dates.first().toString(),
                    dates.last().toString(),
                    span,
                    dates.longestGap(),
                    budgetSeconds,
                    ofBudget,
                    own == null ? null : own.total(),
                    own == null ? null : largest(own, commits),
                    dates.outOfOrder(),
                    dates.after(gradeStart));
        } catch (IOException | GitAPIException | RuntimeException e) {
            String where = workTree.toAbsolutePath().normalize().toString();
            return HistoryEvidence.unavailable("the git history could not be read: "
                    + Commit.subject(String.valueOf(e.getMessage()).replace(where, ".")));
        }
    }

    /** The commit the most own lines came from (the earlier commit on a tie); null when there are no own lines. */
    static CommitShare largest(OwnLines.Count own, List<Commit> commits) {
        if (own.total() == 0) {
            return null;
        }
        Map<String, Commit> byId = new HashMap<>();
        commits.forEach(c -> byId.put(c.id(), c));
        return own.byCommit().entrySet().stream()
                .filter(e -> byId.containsKey(e.getKey()))
                .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(e -> byId.get(e.getKey()).committed(), Comparator.reverseOrder()))
                .map(e -> {
                    Commit c = byId.get(e.getKey());
                    return new CommitShare(
                            c.shortId(), c.subject(), e.getValue(), round2(100.0 * e.getValue() / own.total()));
                })
                .orElse(null);
    }

    /** The project's folder inside the work tree, as a tree path prefix: {@code ""} or {@code "alice/"}. */
    static String prefix(Path workTree, Path project) {
        Path rel = workTree.toAbsolutePath()
                .normalize()
                .relativize(project.toAbsolutePath().normalize());
        String s = rel.toString().replace('\\', '/');
        return s.isEmpty() ? "" : s + "/";
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
