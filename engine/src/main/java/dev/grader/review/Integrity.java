package dev.grader.review;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import dev.grader.exercise.Exercise;
import dev.grader.model.ChangeSummary;
import dev.grader.model.Flag;
import dev.grader.model.FlagKind;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.xml.sax.SAXException;

/**
 * Compares a submission with the project the candidate was given: the exercise's starter, plus the brief
 * ({@code README.md}) and the test-support sources that {@code grader init} adds, which a submission may
 * also leave out. Changed or removed protected files and dependencies added to {@code pom.xml} become
 * {@link Flag}s; the differences are summarised as a {@link ChangeSummary}. Build output, version control
 * and IDE files are ignored; links are not followed.
 */
public final class Integrity {

    /** Folders that are never part of the comparison, at any depth. */
    private static final Set<String> IGNORED_DIRS =
            Set.of("target", ".git", ".idea", ".vscode", ".settings", ".fleet", ".metadata", ".gradle", "node_modules");
    /** Files that are never part of the comparison. */
    private static final Set<String> IGNORED_FILES =
            Set.of(".DS_Store", "Thumbs.db", ".classpath", ".project", ".factorypath", ".gitignore");

    private final Exercise exercise;
    private final List<Flag> flags = new ArrayList<>();
    private final List<String> added = new ArrayList<>();
    private final List<String> changed = new ArrayList<>();
    private final List<String> removed = new ArrayList<>();
    private final List<Pattern> protectedGlobs;
    private int linesAdded;
    private int linesRemoved;

    private Integrity(Exercise exercise) {
        this.exercise = exercise;
        this.protectedGlobs = exercise.manifest().protectedFiles().stream()
                .map(Integrity::glob)
                .toList();
    }

    /**
     * Compares {@code submission} with what the candidate received.
     *
     * @param supportSources the folder holding the exercise's test-support sources by package
     *     ({@code dev/grader/support/...}), which {@code grader init} put under {@code src/test/java}; {@code null}
     *     when the exercise has none
     */
    public static Review check(Exercise exercise, Path submission, Path supportSources) {
        Integrity integrity = new Integrity(exercise);
        integrity.compare(submission, supportSources);
        return new Review(
                integrity.flags,
                new ChangeSummary(
                        integrity.added,
                        integrity.changed,
                        integrity.removed,
                        integrity.linesAdded,
                        integrity.linesRemoved));
    }

    private void compare(Path submission, Path supportSources) {
        Map<String, Path> required = list(exercise.starter(), false);
        Map<String, Path> optional = new TreeMap<>();
        if (Files.isRegularFile(exercise.brief()) && !required.containsKey("README.md")) {
            optional.put("README.md", exercise.brief());
        }
        if (supportSources != null) {
            list(supportSources, false).forEach((rel, file) -> optional.putIfAbsent("src/test/java/" + rel, file));
        }
        Map<String, Path> given = Files.isDirectory(submission) ? list(submission, true) : Map.of();
        if (given.isEmpty()) {
            flags.add(FlagKind.EMPTY_SUBMISSION.flag(
                    null,
                    null,
                    Files.isDirectory(submission)
                            ? "the submission holds no files (build output, version control and IDE files aside)"
                            : "the submission is not a folder: " + submission));
            removed.addAll(required.keySet());
            required.values().forEach(file -> linesRemoved += TextFiles.lineCount(file));
            return;
        }
        Set<String> all = new TreeSet<>(given.keySet());
        all.addAll(required.keySet());
        for (String rel : all) {
            Path mine = given.get(rel);
            Path theirs = required.containsKey(rel) ? required.get(rel) : optional.get(rel);
            if (mine == null) {
                removed.add(rel);
                linesRemoved += TextFiles.lineCount(theirs);
                if (isProtected(rel)) {
                    flags.add(FlagKind.PROTECTED_FILE_REMOVED.flag(
                            rel, null, "removed, though the exercise protects this file"));
                }
            } else if (theirs == null) {
                added.add(rel);
                linesAdded += TextFiles.lineCount(mine);
            } else {
                compareFile(rel, theirs, mine);
            }
        }
        checkDependencies(submission.resolve("pom.xml"), given.containsKey("pom.xml"));
    }

    private void compareFile(String rel, Path theirs, Path mine) {
        byte[] before;
        byte[] after;
        try {
            before = Files.readAllBytes(theirs);
            after = Files.readAllBytes(mine);
        } catch (IOException e) {
            changed.add(rel);
            flags.add(FlagKind.UNREADABLE_FILE.flag(
                    rel, null, "could not be read (" + e.getMessage() + "); counted as changed"));
            return;
        }
        if (Arrays.equals(before, after)) {
            return;
        }
        changed.add(rel);
        Integer firstLine = null;
        List<String> a = TextFiles.lines(before);
        List<String> b = TextFiles.lines(after);
        if (a != null && b != null) {
            List<AbstractDelta<String>> deltas = DiffUtils.diff(a, b).getDeltas();
            for (AbstractDelta<String> d : deltas) {
                linesRemoved += d.getSource().size();
                linesAdded += d.getTarget().size();
            }
            if (!deltas.isEmpty()) {
                firstLine = Math.min(deltas.get(0).getTarget().getPosition() + 1, Math.max(1, b.size()));
            }
        }
        if (isProtected(rel)) {
            flags.add(FlagKind.PROTECTED_FILE_CHANGED.flag(
                    rel, firstLine, "changed, though the exercise protects this file"));
        }
    }

    private void checkDependencies(Path pom, boolean present) {
        Path starterPom = exercise.starter().resolve("pom.xml");
        if (!present || !Files.isRegularFile(starterPom)) {
            return;
        }
        Set<String> known = new HashSet<>(exercise.manifest().allowedDependencies());
        try {
            PomDependencies.read(starterPom).forEach(d -> known.add(d.key()));
        } catch (IOException | SAXException e) {
            return; // the exercise's own pom is checked by `grader validate`; nothing to compare with
        }
        List<PomDependencies.Dependency> declared;
        try {
            declared = PomDependencies.read(pom);
        } catch (IOException | SAXException e) {
            flags.add(FlagKind.POM_UNREADABLE.flag(
                    "pom.xml",
                    null,
                    "pom.xml could not be parsed (" + firstLine(e.getMessage())
                            + "); its dependencies were not checked"));
            return;
        }
        Set<String> reported = new HashSet<>();
        for (PomDependencies.Dependency d : declared) {
            if (!known.contains(d.key()) && reported.add(d.key())) {
                flags.add(FlagKind.DEPENDENCY_NOT_ALLOWED.flag(
                        "pom.xml",
                        d.line() > 0 ? d.line() : null,
                        "adds the dependency " + d.key() + (d.version() == null ? "" : ":" + d.version())
                                + ", which the exercise does not allow; the grader compiles and tests without it"));
            }
        }
    }

    private boolean isProtected(String rel) {
        return protectedGlobs.stream().anyMatch(p -> p.matcher(rel).matches());
    }

    /** Regular files under {@code root} by '/'-separated relative path, sorted; ignored and linked files left out. */
    private Map<String, Path> list(Path root, boolean flagOddFiles) {
        Map<String, Path> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    boolean skip = !dir.equals(root)
                            && IGNORED_DIRS.contains(dir.getFileName().toString());
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (IGNORED_FILES.contains(name) || name.endsWith(".iml")) {
                        return FileVisitResult.CONTINUE;
                    }
                    String rel = relative(root, file);
                    if (attrs.isRegularFile()) {
                        files.put(rel, file);
                    } else if (flagOddFiles) {
                        flags.add(FlagKind.UNREADABLE_FILE.flag(
                                rel,
                                null,
                                (attrs.isSymbolicLink() ? "a symbolic link" : "not a regular file")
                                        + "; not followed or compared"));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (flagOddFiles) {
                        flags.add(FlagKind.UNREADABLE_FILE.flag(
                                relative(root, file),
                                null,
                                "could not be read (" + e.getMessage() + "); not compared"));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            flags.add(FlagKind.UNREADABLE_FILE.flag(null, null, root + " could not be listed: " + e.getMessage()));
        }
        return files;
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /** A glob of the manifest's {@code protected} list ({@code **} crosses folders, {@code *} does not) as a regex. */
    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean slash = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                re.append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
