package dev.grader.build;

import dev.grader.model.Diagnostic;
import dev.grader.workspace.FileTrees;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
        List<Diagnostic> refused = new ArrayList<>();
        if (Files.isSymbolicLink(sourceRoot)) {
            refused.add(
                    new Diagnostic(
                            display(sourceRoot, projectRoot),
                            0,
                            0,
                            "is a symbolic link; the grader does not follow links out of the submission: put the sources there"));
            return new Compiled(new CompileResult(false, refused, 0, millisSince(start)), null);
        }
        List<Path> sources = new ArrayList<>(FileTrees.files(sourceRoot, ".java"));
        for (Path link : FileTrees.links(sourceRoot)) {
            Optional<Path> inside = FileTrees.targetInside(link, projectRoot);
            if (inside.isPresent() && link.getFileName().toString().endsWith(".java")) {
                sources.add(link);
            } else if (inside.isEmpty()) {
                refused.add(
                        new Diagnostic(
                                display(link, projectRoot),
                                0,
                                0,
                                "is a symbolic link to " + linkTarget(link)
                                        + ", outside the submission (or to a folder, or to nothing); the grader does not follow it"));
            }
        }
        if (sources.size() > MAX_SOURCE_FILES) {
            refused.add(new Diagnostic(
                    null,
                    0,
                    0,
                    "the submission holds " + sources.size() + " source files; at most " + MAX_SOURCE_FILES
                            + " are compiled"));
        }
        long total = 0;
        for (Path source : sources) {
            long size = size(source);
            total += size;
            if (size > MAX_SOURCE_BYTES) {
                refused.add(new Diagnostic(
                        display(source, projectRoot),
                        0,
                        0,
                        "is " + human(size) + "; source files over " + human(MAX_SOURCE_BYTES) + " are refused"));
            } else if (refused.size() < MAX_DIAGNOSTICS) {
                Diagnostic encoding = checkUtf8(source, projectRoot);
                if (encoding != null) {
                    refused.add(encoding);
                }
            }
        }
        if (total > MAX_TOTAL_SOURCE_BYTES) {
            refused.add(new Diagnostic(
                    null,
                    0,
                    0,
                    "the submission's sources total " + human(total) + "; at most " + human(MAX_TOTAL_SOURCE_BYTES)
                            + " are compiled"));
        }
        if (!refused.isEmpty()) {
            return new Compiled(
                    new CompileResult(
                            false,
                            refused.subList(0, Math.min(MAX_DIAGNOSTICS, refused.size())),
                            sources.size(),
                            millisSince(start)),
                    null);
        }
        sources.sort(null);
        return compile(sources, classpath, outDir, release, projectRoot, companion);
    }

    /** A diagnostic for the first byte of {@code source} that is not UTF-8, or null when it all is. */
    static Diagnostic checkUtf8(Path source, Path projectRoot) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(source);
        } catch (IOException e) {
            return new Diagnostic(display(source, projectRoot), 0, 0, "cannot be read: " + e.getMessage());
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            return null;
        }
        int at = in.position();
        long line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Diagnostic(
                display(source, projectRoot),
                line,
                at - lineStart + 1,
                String.format(
                        Locale.ROOT,
                        "is not valid UTF-8 (byte 0x%02X); the grader reads sources as UTF-8: save the file as UTF-8",
                        bytes[at] & 0xff));
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "an unreadable target";
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String human(long bytes) {
        return bytes >= 1 << 20
                ? String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20))
                : String.format(Locale.ROOT, "%d KiB", bytes >> 10);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String display(Path file, Path root) {
        Path p = file.toAbsolutePath().normalize();
        Path r = root == null ? null : root.toAbsolutePath().normalize();
        return r != null && p.startsWith(r)
                ? r.relativize(p).toString().replace('\\', '/')
                : p.getFileName().toString();
    }

    /**
     * Compiles {@code sources} against {@code classpath} into {@code outDir} for {@code release}.
     * Paths in diagnostics are shown relative to {@code displayRoot} when they lie under it.
     */
    public static CompileResult compile(
            List<Path> sources, List<Path> classpath, Path outDir, int release, Path displayRoot) {
        return compile(sources, classpath, outDir, release, displayRoot, null).main();
    }

    private static Compiled compile(
            List<Path> sources, List<Path> classpath, Path outDir, int release, Path displayRoot, Companion companion) {
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
        try (StandardJavaFileManager files =
                        compiler.getStandardFileManager(collector, Locale.ROOT, StandardCharsets.UTF_8);
                StandardJavaFileManager companionFiles = companion == null
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
            return new Compiled(main, suites);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
