package dev.grader.build;

import dev.grader.model.Diagnostic;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/** Compiles Java sources in-process with the {@code javax.tools} compiler. */
public final class JavaCompilation {

    /** Errors kept in a report; a submission with thousands of errors does not need them all. */
    static final int MAX_DIAGNOSTICS = 50;
    /** Largest source file a submission may hold; a bigger one is refused before the compiler reads it. */
    public static final long MAX_SOURCE_BYTES = 1L << 20;
    /** Most source bytes a submission may hold in all. */
    public static final long MAX_TOTAL_SOURCE_BYTES = 8L << 20;
    /** Most source files a submission may hold. */
    public static final int MAX_SOURCE_FILES = 2000;

    private JavaCompilation() {}

    /**
     * Compiles the {@code .java} files under {@code sourceRoot} (a submission's {@code src/main/java}) after
     * checking them: symbolic links are only read when they point at a file inside {@code projectRoot}, files
     * must be valid UTF-8, and sizes and counts are bounded. A submission that breaks one of these rules gets a
     * compile report that says which file and why, and the compiler never runs.
     */
    public static CompileResult compileTree(
            Path sourceRoot, List<Path> classpath, Path outDir, int release, Path projectRoot) {
        return compileTree(sourceRoot, classpath, outDir, release, projectRoot, null)
                .main();
    }

    /**
     * Sources compiled in the same compiler run as a submission, against it, with their own output folder: the
     * hidden suites. One run instead of two saves the compiler a second start and a second reading of the libraries.
     *
     * @param sources the suites' {@code .java} files
     * @param outDir where their classes go (never mixed with the submission's, even when they share a package)
     * @param displayRoot diagnostics in them are shown relative to this folder
     */
    public record Companion(List<Path> sources, Path outDir, Path displayRoot) {
        public Companion {
            sources = List.copyOf(sources);
        }
    }

    /**
     * What one compiler run of a submission and its companion gave: {@code main} fails on any error in the
     * submission's files (the companion's errors then do not matter); {@code companion} is null when no companion
     * was given or the submission failed, else it fails on errors in the companion's files.
     */
    public record Compiled(CompileResult main, CompileResult companion) {}

    /**
     * {@link #compileTree(Path, List, Path, int, Path)}, with {@code companion} (when not null) compiled in the same
     * compiler run against the submission's sources.
     */
    public static Compiled compileTree(
            Path sourceRoot, List<Path> classpath, Path outDir, int release, Path projectRoot, Companion companion) {
        long start = System.nanoTime();
        SourceChecks.Gathered gathered = SourceChecks.gather(sourceRoot, projectRoot);
        if (!gathered.refused().isEmpty()) {
            List<Diagnostic> refused = gathered.refused();
            return new Compiled(
                    new CompileResult(
                            false,
                            refused.subList(0, Math.min(MAX_DIAGNOSTICS, refused.size())),
                            gathered.sources().size(),
                            millisSince(start)),
                    null);
        }
        List<Path> sources = new ArrayList<>(gathered.sources());
        sources.sort(null);
        return compile(sources, classpath, outDir, release, projectRoot, companion, true);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * Compiles {@code sources} against {@code classpath} into {@code outDir} for {@code release}.
     * Paths in diagnostics are shown relative to {@code displayRoot} when they lie under it.
     */
    public static CompileResult compile(
            List<Path> sources, List<Path> classpath, Path outDir, int release, Path displayRoot) {
        return compile(sources, classpath, outDir, release, displayRoot, null, false)
                .main();
    }

    /**
     * @param kept the class path is an exercise's (its libraries, which never change while the grader runs): the
     *     compiler's file manager for it is kept for the next compile ({@link FileManagerPool})
     */
    private static Compiled compile(
            List<Path> sources,
            List<Path> classpath,
            Path outDir,
            int release,
            Path displayRoot,
            Companion companion,
            boolean kept) {
        long start = System.nanoTime();
        if (sources.isEmpty()) {
            return new Compiled(
                    new CompileResult(
                            false,
                            List.of(new Diagnostic(null, 0, 0, "no Java sources found under src/main/java")),
                            0,
                            0),
                    null);
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("this Java runtime has no compiler: run the grader with a JDK, not a JRE");
        }
        try {
            Files.createDirectories(outDir);
            if (companion != null) {
                Files.createDirectories(companion.outDir());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
        StandardJavaFileManager files = kept
                ? FileManagerPool.borrow(compiler, classpath)
                : compiler.getStandardFileManager(collector, Locale.ROOT, StandardCharsets.UTF_8);
        boolean done = false;
        try (StandardJavaFileManager companionFiles = companion == null
                ? null
                : compiler.getStandardFileManager(collector, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = new ArrayList<>(List.of(
                    "--release",
                    Integer.toString(release),
                    "-encoding",
                    "UTF-8",
                    "-proc:none",
                    "-implicit:none",
                    "-g",
                    "-nowarn",
                    // with a companion, its errors must not use up the count before the submission's are seen
                    "-Xmaxerrs",
                    Integer.toString(companion == null ? MAX_DIAGNOSTICS : 10 * MAX_DIAGNOSTICS),
                    "-d",
                    outDir.toString()));
            if (!classpath.isEmpty()) {
                options.add("-classpath");
                options.add(String.join(
                        java.io.File.pathSeparator,
                        classpath.stream().map(Path::toString).toList()));
            }
            StringWriter compilerOutput = new StringWriter();
            List<JavaFileObject> units = new ArrayList<>();
            files.getJavaFileObjectsFromPaths(sources).forEach(units::add);
            Set<URI> companionUnits = new HashSet<>();
            JavaFileManager manager = files;
            if (companion != null) {
                companionFiles.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(companion.outDir()));
                for (JavaFileObject unit : files.getJavaFileObjectsFromPaths(companion.sources())) {
                    units.add(unit);
                    companionUnits.add(unit.toUri());
                }
                manager = new ForwardingJavaFileManager<JavaFileManager>(files) {
                    @Override
                    public JavaFileObject getJavaFileForOutput(
                            Location location, String className, JavaFileObject.Kind kind, FileObject sibling)
                            throws IOException {
                        // A class (nested and local ones too) goes where the source it was compiled from belongs.
                        if (location == StandardLocation.CLASS_OUTPUT
                                && sibling != null
                                && companionUnits.contains(sibling.toUri())) {
                            return companionFiles.getJavaFileForOutput(location, className, kind, sibling);
                        }
                        return super.getJavaFileForOutput(location, className, kind, sibling);
                    }
                };
            }
            boolean ok = Boolean.TRUE.equals(compiler.getTask(compilerOutput, manager, collector, options, null, units)
                    .call());
            List<Diagnostic> errors = new ArrayList<>();
            List<Diagnostic> companionErrors = new ArrayList<>();
            for (javax.tools.Diagnostic<? extends JavaFileObject> d : collector.getDiagnostics()) {
                if (d.getKind() != javax.tools.Diagnostic.Kind.ERROR) {
                    continue;
                }
                boolean inCompanion = d.getSource() != null
                        && companionUnits.contains(d.getSource().toUri());
                List<Diagnostic> into = inCompanion ? companionErrors : errors;
                if (into.size() < MAX_DIAGNOSTICS) {
                    into.add(new Diagnostic(
                            display(d.getSource(), inCompanion ? companion.displayRoot() : displayRoot),
                            d.getLineNumber(),
                            d.getColumnNumber(),
                            d.getMessage(Locale.ROOT)));
                }
            }
            if (!ok && errors.isEmpty() && companionErrors.isEmpty()) {
                errors.add(new Diagnostic(
                        null,
                        0,
                        0,
                        "the compiler failed: " + compilerOutput.toString().strip()));
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            CompileResult main = new CompileResult(
                    errors.isEmpty() && (ok || !companionErrors.isEmpty()), errors, sources.size(), millis);
            CompileResult suites = companion == null || !main.success()
                    ? null
                    : new CompileResult(
                            companionErrors.isEmpty(),
                            companionErrors,
                            companion.sources().size(),
                            millis);
            done = true;
            return new Compiled(main, suites);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (kept && done) {
                FileManagerPool.giveBack(classpath, files);
            } else {
                FileManagerPool.close(files);
            }
        }
    }

    private static String display(JavaFileObject source, Path root) {
        if (source == null) {
            return null;
        }
        try {
            Path p = Path.of(source.toUri()).toAbsolutePath().normalize();
            Path r = root == null ? null : root.toAbsolutePath().normalize();
            return r != null && p.startsWith(r)
                    ? r.relativize(p).toString().replace('\\', '/')
                    : p.getFileName().toString();
        } catch (RuntimeException e) {
            return source.getName();
        }
    }
}
