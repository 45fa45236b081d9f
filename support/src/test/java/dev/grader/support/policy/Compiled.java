package dev.grader.support.policy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Fixture sources compiled in the test (javax.tools), and the findings they must get, written beside the
 * offending line as {@code // policy: RULE API} (several joined by {@code ;}), or {@code // policy-class: RULE API}
 * for a finding with no line (a class's supertype).
 */
final class Compiled {

    private static final Pattern EXPECTED = Pattern.compile("// policy(-class)?: (.*)$");

    private Compiled() {}

    /** Compiles {@code sources} (path under the source root -> text) into {@code out}. */
    static Path compile(Path out, Map<String, String> sources) throws IOException {
        Path src = Files.createDirectories(out.resolveSibling(out.getFileName() + "-src"));
        List<String> args = new ArrayList<>(List.of(
                "-d",
                out.toString(),
                "-classpath",
                System.getProperty("java.class.path"),
                "-nowarn",
                "-XDignore.symbol.file"));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            args.add(f.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter log = new StringWriter();
        int rc = javac.run(
                null,
                null,
                new java.io.OutputStream() {
                    @Override
                    public void write(int b) {
                        log.write(b);
                    }
                },
                args.toArray(String[]::new));
        assertTrue(rc == 0, "fixture does not compile: " + log);
        return out;
    }

    /** The findings the sources' comments expect, as "RULE API FILE:LINE" (FILE alone for a class finding). */
    static TreeSet<String> expected(Map<String, String> sources) {
        TreeSet<String> out = new TreeSet<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            String[] lines = e.getValue().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = EXPECTED.matcher(lines[i]);
                if (m.find()) {
                    for (String one : m.group(2).split(";")) {
                        out.add(one.strip() + " " + e.getKey() + (m.group(1) == null ? ":" + (i + 1) : ""));
                    }
                }
            }
        }
        return out;
    }

    /** The findings as "RULE API FILE:LINE", comparable with {@link #expected}. */
    static TreeSet<String> actual(List<Finding> findings) {
        TreeSet<String> out = new TreeSet<>();
        findings.forEach(f -> out.add(f.rule() + " " + f.api() + " " + f.location()));
        return out;
    }
}
