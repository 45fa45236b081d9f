package dev.grader.history;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.BundleWriter;

/** A git repository built with JGit for tests: files written and committed at chosen dates, then bundled. */
public final class TestRepo implements AutoCloseable {

    private final Git git;
    private final Path dir;

    private TestRepo(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    /** A new repository (branch {@code main}) in {@code dir}. */
    public static TestRepo init(Path dir) throws GitAPIException {
        return new TestRepo(
                Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
    }

    public Path dir() {
        return dir;
    }

    /** Writes {@code text} to {@code path} (relative to the work tree). */
    public TestRepo write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return this;
    }

    /** Commits every change, authored and committed at {@code when}. */
    public RevCommit commit(String message, Instant when) throws GitAPIException {
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("Candidate", "candidate@example.com", when, ZoneOffset.UTC);
        return git.commit()
                .setMessage(message)
                .setAuthor(who)
                .setCommitter(who)
                .setSign(false)
                .call();
    }

    /** A bundle of {@code main} and {@code HEAD} at {@code file}. */
    public Path bundle(Path file) throws IOException {
        BundleWriter writer = new BundleWriter(git.getRepository());
        writer.include(git.getRepository().exactRef("refs/heads/main"));
        writer.include("HEAD", git.getRepository().resolve("HEAD"));
        try (OutputStream out = Files.newOutputStream(file)) {
            writer.writeBundle(NullProgressMonitor.INSTANCE, out);
        }
        return file;
    }

    /** {@code n} numbered, non-blank lines. */
    public static String lines(String prefix, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            s.append(prefix).append(' ').append(i).append('\n');
        }
        return s.toString();
    }

    @Override
    public void close() {
        git.close();
    }
}
