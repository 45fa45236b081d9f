package dev.grader.build;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles Java sources in-process with the {@code javax.tools} compiler. */
public final class JavaCompilation {

  /** Errors kept in a report; a submission with thousands of errors does not need them all. */
  static final int MAX_DIAGNOSTICS = 50;

  private JavaCompilation() {}

  /**
   * Compiles {@code sources} against {@code classpath} into {@code outDir} for {@code release}.
   * Paths in diagnostics are shown relative to {@code displayRoot} when they lie under it.
   */
  public static CompileResult compile(List<Path> sources, List<Path> classpath, Path outDir, int release, Path displayRoot) {
    long start = System.nanoTime();
    if (sources.isEmpty()) {
      return new CompileResult(false,
          List.of(new Diagnostic(null, 0, 0, "no Java sources found under src/main/java")), 0, 0);
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException("this Java runtime has no compiler: run the grader with a JDK, not a JRE");
    }
    try {
      Files.createDirectories(outDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(collector, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options = new ArrayList<>(List.of(
          "--release", Integer.toString(release),
          "-encoding", "UTF-8",
          "-proc:none",
          "-implicit:none",
          "-g",
          "-nowarn",
          "-Xmaxerrs", Integer.toString(MAX_DIAGNOSTICS),
          "-d", outDir.toString()));
      if (!classpath.isEmpty()) {
        options.add("-classpath");
        options.add(String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()));
      }
      StringWriter compilerOutput = new StringWriter();
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
      boolean ok = Boolean.TRUE.equals(compiler.getTask(compilerOutput, files, collector, options, null, units).call());
      List<Diagnostic> errors = new ArrayList<>();
      for (javax.tools.Diagnostic<? extends JavaFileObject> d : collector.getDiagnostics()) {
        if (d.getKind() != javax.tools.Diagnostic.Kind.ERROR || errors.size() >= MAX_DIAGNOSTICS) {
          continue;
        }
        errors.add(new Diagnostic(display(d.getSource(), displayRoot), d.getLineNumber(), d.getColumnNumber(),
            d.getMessage(Locale.ROOT)));
      }
      if (!ok && errors.isEmpty()) {
        errors.add(new Diagnostic(null, 0, 0, "the compiler failed: " + compilerOutput.toString().strip()));
      }
      return new CompileResult(ok, errors, sources.size(), (System.nanoTime() - start) / 1_000_000);
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
      return r != null && p.startsWith(r) ? r.relativize(p).toString().replace('\\', '/') : p.getFileName().toString();
    } catch (RuntimeException e) {
      return source.getName();
    }
  }
}
