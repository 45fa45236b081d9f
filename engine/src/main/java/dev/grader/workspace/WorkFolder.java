package dev.grader.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder one grade works in: its private copy of the submission, the submission's compiled classes, the hidden suites' compiled classes and the
 * test JVM's own folder. Deleted when closed, unless kept for debugging (then its path is printed).
 */
public final class WorkFolder implements AutoCloseable {

    private final Path root;
    private final Path submission;
    private final Path mainClasses;
    private final Path hiddenClasses;
    private final Path runDir;
    private final boolean keep;

    private WorkFolder(Path root, boolean keep) throws IOException {
        this.root = root;
        this.keep = keep;
        this.submission = root.resolve("submission");
        this.mainClasses = Files.createDirectories(root.resolve("classes/main"));
        this.hiddenClasses = Files.createDirectories(root.resolve("classes/hidden"));
        this.runDir = Files.createDirectories(root.resolve("run"));
    }

    /**
     * A new work folder inside {@code parent}; {@code keep} leaves it on disk when closed, and {@code parent} with it
     * when the grader exits ({@link TemporaryFolders#keep}).
     */
    public static WorkFolder create(Path parent, boolean keep) throws IOException {
        TemporaryFolders.stopHereIfExiting();
        if (keep) {
            TemporaryFolders.keep(parent);
        }
        return new WorkFolder(Files.createTempDirectory(parent, "grade-"), keep);
    }

    /** Where the grade's private copy of the submission goes (not created: the copy makes it). */
    public Path submission() {
        return submission;
    }

    public Path mainClasses() {
        return mainClasses;
    }

    public Path hiddenClasses() {
        return hiddenClasses;
    }

    /** The test JVM's working folder (the only one it may write to when confined). */
    public Path runDir() {
        return runDir;
    }

    @Override
    public void close() {
        if (keep) {
            System.err.println("grader: work folder kept: " + root);
        } else {
            FileTrees.deleteQuietly(root);
        }
    }
}
