package dev.grader.workspace;

import java.nio.file.Path;
import java.util.List;

/**
 * The test-support sources (module {@code support/}) that travel inside the grader: copied into a candidate's
 * starter by {@code init} and read by the review (the hidden suites use the compiled support jar). Package {@code core} is
 * {@code dev.grader.support} itself; the others are its sub-packages of the same name. {@code postgres} brings
 * {@code docker} with it (Docker's probe and Testcontainers' set-up, which its Testcontainers server uses).
 */
public final class SupportSources {

    private static final String ROOT = "dev/grader/support/";

    private SupportSources() {}

    /** Copies the sources of {@code packages} under {@code javaRoot} (a {@code src/.../java} folder). */
    public static void copy(List<String> packages, Path javaRoot) {
        BundledTree.extract("support-src/" + ROOT + "Seeds.java", 3, rel -> included(rel, packages), javaRoot);
    }

    static boolean included(String rel, List<String> packages) {
        if (!rel.startsWith(ROOT) || !rel.endsWith(".java")) {
            return false;
        }
        String inside = rel.substring(ROOT.length());
        int slash = inside.indexOf('/');
        String pkg = slash < 0 ? "core" : inside.substring(0, slash);
        return packages.contains(pkg) || pkg.equals("docker") && packages.contains("postgres");
    }
}
