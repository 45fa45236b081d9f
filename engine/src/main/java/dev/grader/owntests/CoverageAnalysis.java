package dev.grader.owntests;

import dev.grader.model.OwnTestsEvidence;
import dev.grader.workspace.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.jacoco.agent.AgentJar;
import org.jacoco.core.JaCoCo;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.analysis.IClassCoverage;
import org.jacoco.core.tools.ExecFileLoader;

/**
 * Line and branch coverage of the candidate's main classes by their own tests, with JaCoCo: its agent on the test
 * JVM's command line (extracted once into the grader's cache folder), the exec file it wrote analysed here against
 * the very class files the test JVM loaded.
 */
final class CoverageAnalysis {

    private CoverageAnalysis() {}

    /** The JaCoCo agent jar, extracted into {@code cacheDir} the first time. */
    static synchronized Path agentJar(Path cacheDir) {
        Path jar = cacheDir.resolve("owntests").resolve("jacocoagent-" + JaCoCo.VERSION + ".jar");
        try {
            if (!Files.isRegularFile(jar)) {
                Files.createDirectories(jar.getParent());
                Path tmp = Files.createTempFile(jar.getParent(), "jacocoagent-", ".tmp");
                AgentJar.extractTo(tmp.toFile());
                Files.move(tmp, jar, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the JaCoCo agent: " + e.getMessage(), e);
        }
    }

    /** The agent's {@code includes}: every package of the classes under {@code mainClasses} ({@code com.acme.*}). */
    static String includes(Path mainClasses) {
        Set<String> packages = new TreeSet<>();
        for (Path c : FileTrees.files(mainClasses, ".class")) {
            Path rel = mainClasses.relativize(c).getParent();
            packages.add(rel == null ? "" : rel.toString().replace('/', '.').replace('\\', '.') + ".");
        }
        return packages.isEmpty()
                ? "*"
                : String.join(":", packages.stream().map(p -> p + "*").toList());
    }

    /** The coverage of the classes under {@code mainClasses} recorded in {@code execFile}; null when there is none. */
    static OwnTestsEvidence.Coverage analyse(Path execFile, Path mainClasses) throws IOException {
        if (!Files.isRegularFile(execFile) || Files.size(execFile) == 0) {
            return null;
        }
        ExecFileLoader loader = new ExecFileLoader();
        loader.load(execFile.toFile());
        CoverageBuilder builder = new CoverageBuilder();
        new Analyzer(loader.getExecutionDataStore(), builder).analyzeAll(mainClasses.toFile());
        int lines = 0;
        int linesCovered = 0;
        int branches = 0;
        int branchesCovered = 0;
        for (IClassCoverage c : builder.getClasses()) {
            lines += c.getLineCounter().getTotalCount();
            linesCovered += c.getLineCounter().getCoveredCount();
            branches += c.getBranchCounter().getTotalCount();
            branchesCovered += c.getBranchCounter().getCoveredCount();
        }
        return new OwnTestsEvidence.Coverage(linesCovered, lines, branchesCovered, branches);
    }
}
