package dev.grader.authoring;

import dev.grader.exercise.ExerciseException;
import dev.grader.exercise.Service;
import dev.grader.workspace.BundledTree;
import dev.grader.workspace.FileTrees;
import dev.grader.workspace.TemporaryFolders;
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
import java.util.stream.Stream;

/**
 * Writes a new exercise from the template files bundled under {@code authoring/scaffold/}: a manifest, a brief, a
 * starter with a skeleton and one visible test, a hidden suite with one tagged test (plus one per service, using the
 * support helpers), a reference solution, one mutant and rules.yaml. The result passes {@code grader validate}.
 */
public final class Scaffold {

    /** The services a scaffold can use; each adds a hidden suite and test dependencies. */
    public static final Set<String> SERVICES = Service.ids();

    static final String ROOT = "authoring/scaffold/";
    private static final String GROUP = "com.example";
    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("@@[A-Z_]+@@");

    private Scaffold() {}

    /** Writes exercise {@code id} using {@code services} to {@code dir}, which must not exist or be empty. */
    public static void write(String id, List<String> services, Path dir) {
        Names.checkedId(id);
        for (String s : services) {
            if (!SERVICES.contains(s)) {
                throw new ExerciseException("--services: '" + s + "' is not a service; allowed: postgres, wiremock");
            }
        }
        Targets.requireEmpty(dir);
        List<String> chosen = Stream.of(Service.values())
                .map(Service::id)
                .filter(services::contains)
                .toList();
        Path bundled = unpack();
        try {
            String pkg = Names.javaPackage(GROUP, id);
            Map<String, String> values = values(id, pkg, chosen, bundled);
            copy(bundled, dir, chosen, values);
        } catch (IOException | RuntimeException e) {
            FileTrees.deleteQuietly(dir);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new UncheckedIOException(dir + ": the scaffold could not be written", (IOException) e);
        } finally {
            TemporaryFolders.delete(bundled);
        }
    }

    private static Path unpack() {
        try {
            Path tmp = TemporaryFolders.create("grader-scaffold-");
            BundledTree.extract(ROOT + "exercise.yaml", 0, rel -> true, tmp);
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled scaffold could not be unpacked", e);
        }
    }

    private static Map<String, String> values(String id, String pkg, List<String> services, Path bundled)
            throws IOException {
        List<String> tests = new ArrayList<>(List.of("CountingTest.wordsAreSeparatedByAnyRunOfWhiteSpace"));
        StringBuilder dependencies = new StringBuilder();
        for (String s : services) {
            tests.add(
                    s.equals("postgres")
                            ? "StoredTextTest.countsTheWordsOfATextStoredInTheDatabase"
                            : "FetchedTextTest.countsTheWordsOfATextFetchedOverHttp");
            dependencies.append(
                    Files.readString(bundled.resolve("fragments/pom-" + s + ".xml"), StandardCharsets.UTF_8));
        }
        List<String> support = new ArrayList<>(List.of("core", "policy"));
        support.addAll(services);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("@@ID@@", id);
        values.put("@@TITLE@@", Names.title(id));
        values.put("@@GROUP@@", GROUP);
        values.put("@@PACKAGE_PATH@@", pkg.replace('.', '/'));
        values.put("@@PACKAGE@@", pkg);
        values.put("@@SERVICES@@", String.join(", ", services));
        values.put("@@SUPPORT@@", String.join(", ", support));
        values.put(
                "@@RULE_TESTS@@",
                String.join("\n", tests.stream().map(t -> "      - " + t).toList()));
        values.put("@@MUTANT_FAILS@@", String.join(", ", tests));
        values.put("@@DEPENDENCIES@@", dependencies.toString());
        return values;
    }

    private static void copy(Path bundled, Path dir, List<String> services, Map<String, String> values)
            throws IOException {
        String pkgPath = values.get("@@PACKAGE_PATH@@");
        try (Stream<Path> walk = Files.walk(bundled)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String rel = bundled.relativize(file).toString().replace('\\', '/');
                String target = targetPath(rel, services);
                if (target == null) {
                    continue;
                }
                Path out = dir.resolve(target.replace("__package__", pkgPath));
                Files.createDirectories(out.getParent());
                Files.writeString(
                        out, fill(Files.readString(file, StandardCharsets.UTF_8), values), StandardCharsets.UTF_8);
            }
        }
    }

    /** Where a bundled file goes, or null when it is a fragment or belongs to a service not chosen. */
    static String targetPath(String rel, List<String> services) {
        if (rel.startsWith("fragments/")) {
            return null;
        }
        for (String s : SERVICES) {
            if (rel.startsWith("hidden-" + s + "/")) {
                return services.contains(s) ? "hidden/" + rel.substring(("hidden-" + s + "/").length()) : null;
            }
        }
        return rel;
    }

    static String fill(String text, Map<String, String> values) {
        String out = text;
        for (Map.Entry<String, String> v : values.entrySet()) {
            out = out.replace(v.getKey(), v.getValue());
        }
        java.util.regex.Matcher left = PLACEHOLDER.matcher(out);
        if (left.find()) {
            throw new IllegalStateException("a scaffold template holds an unknown placeholder: " + left.group());
        }
        return out;
    }
}
