package dev.grader.authoring;

import dev.grader.exercise.Exercise;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A built-in exercise copied as the start of a private variant, renamed so the public hidden suites no longer match
 * it word for word: the exercise id, its title, the Java package the starter, solution, hidden suites and mutant
 * patches share, and the hidden suites' class names (each gets the new id as a prefix).
 */
public final class VariantCopy {

    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    private static final Pattern ID_LINE = Pattern.compile("(?m)^id:\\s*\\S+");
    private static final Pattern TITLE_LINE = Pattern.compile("(?m)^title:\\s*(.+)$");
    private static final Set<String> TEXT =
            Set.of("java", "patch", "diff", "yaml", "yml", "md", "xml", "sql", "properties", "txt", "json", "csv");

    private VariantCopy() {}

    /** What was renamed, for the command to print. */
    public record Renames(String fromPackage, String toPackage, Map<String, String> classes) {}

    /** Copies {@code from} to {@code dir} as exercise {@code id}, renamed. */
    public static Renames write(Exercise from, String id, Path dir) {
        Names.checkedId(id);
        Targets.requireEmpty(dir);
        try {
            String oldPackage = commonPackage(from.dir());
            String newPackage = oldPackage == null ? null : Names.javaPackage("com.example", id);
            Map<String, String> classes = hiddenClasses(from.dir().resolve("hidden"), Names.camel(id));
            try (Stream<Path> walk = Files.walk(from.dir())) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String rel = from.dir().relativize(file).toString().replace('\\', '/');
                    if (rel.contains("/target/") || rel.startsWith("target/")) {
                        continue;
                    }
                    String relOut = rel;
                    if (oldPackage != null) {
                        relOut = relOut.replace(oldPackage.replace('.', '/') + "/", newPackage.replace('.', '/') + "/");
                    }
                    if (rel.startsWith("hidden/")) {
                        relOut = renameFile(relOut, classes);
                    }
                    Path out = dir.resolve(relOut);
                    Files.createDirectories(out.getParent());
                    if (!isText(rel)) {
                        Files.copy(file, out);
                        continue;
                    }
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    if (oldPackage != null) {
                        text = text.replace(oldPackage + ".", newPackage + ".")
                                .replace(oldPackage + ";", newPackage + ";")
                                .replace(oldPackage.replace('.', '/') + "/", newPackage.replace('.', '/') + "/")
                                .replaceAll(
                                        "\\b" + Pattern.quote(oldPackage) + "\\b",
                                        Matcher.quoteReplacement(newPackage));
                    }
                    if (rel.startsWith("hidden/")
                            || rel.startsWith("mutants/") && rel.endsWith(".yaml")
                            || rel.equals("rules.yaml")) {
                        text = renameClasses(text, classes);
                    }
                    if (rel.equals("exercise.yaml")) {
                        text = manifest(text, id);
                    }
                    Files.writeString(out, text, StandardCharsets.UTF_8);
                }
            }
            return new Renames(oldPackage, newPackage, classes);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": the copy of '" + from.id() + "' could not be written", e);
        }
    }

    static String manifest(String text, String id) {
        String out = ID_LINE.matcher(text).replaceFirst(Matcher.quoteReplacement("id: " + id));
        Matcher title = TITLE_LINE.matcher(out);
        if (title.find()) {
            String old = title.group(1).strip();
            String quoted = old.startsWith("\"") || old.startsWith("'") ? old.substring(1, old.length() - 1) : old;
            out = title.replaceFirst(
                    Matcher.quoteReplacement("title: \"" + quoted.replace("\"", "'") + " (" + id + ")\""));
        }
        return out;
    }

    /** The longest package every Java file of the exercise lies in, or null when it has fewer than two parts. */
    static String commonPackage(Path exercise) throws IOException {
        List<String[]> packages = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(exercise)) {
            for (Path f : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = PACKAGE.matcher(Files.readString(f, StandardCharsets.UTF_8));
                if (m.find()) {
                    packages.add(m.group(1).split("\\."));
                }
            }
        }
        if (packages.isEmpty()) {
            return null;
        }
        int common = packages.get(0).length;
        for (String[] p : packages) {
            int i = 0;
            while (i < Math.min(common, p.length) && p[i].equals(packages.get(0)[i])) {
                i++;
            }
            common = i;
        }
        return common < 2 ? null : String.join(".", List.of(packages.get(0)).subList(0, common));
    }

    /** Each top-level class of the hidden suites, mapped to its new name: {@code <CamelId><Name>}. */
    static Map<String, String> hiddenClasses(Path hidden, String prefix) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.isDirectory(hidden)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(hidden)) {
            for (Path f :
                    walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String name = f.getFileName().toString().replaceFirst("\\.java$", "");
                if (!name.equals("package-info") && !name.startsWith(prefix)) {
                    out.put(name, prefix + name);
                }
            }
        }
        return out;
    }

    private static String renameFile(String rel, Map<String, String> classes) {
        int slash = rel.lastIndexOf('/');
        String name = rel.substring(slash + 1);
        if (name.endsWith(".java") && classes.containsKey(name.substring(0, name.length() - 5))) {
            return rel.substring(0, slash + 1) + classes.get(name.substring(0, name.length() - 5)) + ".java";
        }
        return rel;
    }

    static String renameClasses(String text, Map<String, String> classes) {
        String out = text;
        for (Map.Entry<String, String> c : classes.entrySet()) {
            out = out.replaceAll("\\b" + Pattern.quote(c.getKey()) + "\\b", Matcher.quoteReplacement(c.getValue()));
        }
        return out;
    }

    private static boolean isText(String rel) {
        int dot = rel.lastIndexOf('.');
        return dot > 0 && TEXT.contains(rel.substring(dot + 1));
    }
}
