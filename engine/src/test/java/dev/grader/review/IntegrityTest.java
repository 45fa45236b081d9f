package dev.grader.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.ManifestLoader;
import dev.grader.model.ChangeSummary;
import dev.grader.model.Flag;
import dev.grader.workspace.FileTrees;
import dev.grader.workspace.SupportSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Integrity on copies of the fixture exercise {@code adder} (pom.xml and src/test/** are protected). */
class IntegrityTest {

    private static final String TEST = "src/test/java/com/acme/adder/AdderTest.java";
    private static final String MAIN = "src/main/java/com/acme/adder/Adder.java";

    @TempDir
    Path dir;

    private Exercise adder;
    private Path submission;

    @BeforeEach
    void copyTheStarter() throws IOException {
        adder = exercise("");
        submission = dir.resolve("submission");
        FileTrees.copyOver(adder.starter(), submission);
    }

    /** A copy of the adder exercise with {@code extraYaml} appended to its manifest. */
    private Exercise exercise(String extraYaml) throws IOException {
        Path copy = dir.resolve("exercises-" + extraYaml.hashCode()).resolve("adder");
        FileTrees.copyOver(Fixtures.fixtureCatalog().get("adder").dir(), copy);
        Files.writeString(copy.resolve("exercise.yaml"), Files.readString(copy.resolve("exercise.yaml")) + extraYaml);
        return new Exercise(copy, ManifestLoader.load(copy));
    }

    private Review check() {
        return Integrity.check(adder, submission, null);
    }

    private static Flag only(Review r, String kind) {
        List<Flag> found = r.flags().stream().filter(f -> f.kind().equals(kind)).toList();
        assertEquals(1, found.size(), () -> "one " + kind + " flag expected in " + r.flags());
        return found.get(0);
    }

    private void replaceIn(String rel, String from, String to) throws IOException {
        Path file = submission.resolve(rel);
        String text = Files.readString(file);
        assertTrue(text.contains(from), rel + " holds " + from);
        Files.writeString(file, text.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to)));
    }

    @Test
    void theUntouchedStarterHasNoFlagsAndNoChanges() {
        Review r = check();
        assertEquals(List.of(), r.flags());
        assertEquals(ChangeSummary.none(), r.changes());
    }

    @Test
    void whatInitAddsAndBuildOrIdeFilesAreNoChange() throws IOException {
        Path support = dir.resolve("support");
        SupportSources.copy(List.of("core"), support);
        FileTrees.copyOver(support, submission.resolve("src/test/java"));
        Files.copy(adder.brief(), submission.resolve("README.md"));
        Files.writeString(submission.resolve(".gitignore"), "target/\n");
        Files.createDirectories(submission.resolve("target/classes"))
                .resolve("Adder.class")
                .toFile()
                .createNewFile();
        Files.writeString(Files.createDirectories(submission.resolve(".idea")).resolve("workspace.xml"), "<x/>");
        Files.writeString(
                Files.createDirectories(submission.resolve(".git")).resolve("HEAD"), "ref: refs/heads/main\n");
        Files.writeString(submission.resolve("adder.iml"), "<module/>");
        assertFalse(FileTrees.files(support, ".java").isEmpty(), "the core support sources exist");

        Review r = Integrity.check(adder, submission, support);

        assertEquals(List.of(), r.flags());
        assertEquals(ChangeSummary.none(), r.changes());
    }

    @Test
    void aChangedProtectedTestIsFlaggedAtItsFirstChangedLine() throws IOException {
        replaceIn(TEST, "assertEquals(3, Adder.add(1, 2));", "assertEquals(3, 3);");

        Review r = check();

        Flag f = only(r, "protected-file-changed");
        assertEquals(Flag.WARNING, f.severity());
        assertEquals(TEST, f.file());
        assertEquals(10, f.line());
        assertEquals(List.of(TEST), r.changes().changed());
        assertEquals(1, r.changes().linesAdded());
        assertEquals(1, r.changes().linesRemoved());
    }

    @Test
    void aRemovedProtectedFileIsFlagged() throws IOException {
        int pomLines = Files.readAllLines(submission.resolve("pom.xml")).size();
        Files.delete(submission.resolve("pom.xml"));

        Review r = check();

        Flag f = only(r, "protected-file-removed");
        assertEquals("pom.xml", f.file());
        assertEquals(List.of("pom.xml"), r.changes().removed());
        assertEquals(pomLines, r.changes().linesRemoved());
    }

    @Test
    void changesOutsideTheProtectedFilesAreSummarisedButNotFlagged() throws IOException {
        replaceIn(MAIN, "throw new UnsupportedOperationException(\"TODO\");", "return a + b;\n    // done");
        Files.writeString(
                submission.resolve("src/main/java/com/acme/adder/Helper.java"),
                "package com.acme.adder;\n\nclass Helper {}\n");
        Files.write(submission.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});
        Files.writeString(submission.resolve("NOTES.md"), "one\ntwo\n");

        Review r = check();

        assertEquals(List.of(), r.flags());
        ChangeSummary c = r.changes();
        assertEquals(List.of("NOTES.md", "logo.png", "src/main/java/com/acme/adder/Helper.java"), c.added());
        assertEquals(List.of(MAIN), c.changed());
        assertEquals(List.of(), c.removed());
        assertEquals(
                2 + 3 + 2, c.linesAdded(), "Adder.java +2, Helper.java 3, NOTES.md 2; the binary file has no lines");
        assertEquals(1, c.linesRemoved());
    }

    @Test
    void aChangedBinaryFileCountsAsChangedWithoutLines() throws IOException {
        Files.write(adder.starter().resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1});
        Files.write(submission.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 2, 3});

        Review r = check();

        assertEquals(List.of("logo.png"), r.changes().changed());
        assertEquals(0, r.changes().linesAdded());
        assertEquals(0, r.changes().linesRemoved());
    }

    @Test
    void aDependencyAddedToThePomIsFlaggedWithItsLineUnlessAllowed() throws IOException {
        replaceIn("pom.xml", "  </dependencies>", """
            <dependency>
              <groupId>com.google.guava</groupId>
              <artifactId>guava</artifactId>
              <version>33.3.1-jre</version>
            </dependency>
          </dependencies>""");
        List<String> lines = Files.readAllLines(submission.resolve("pom.xml"));
        int groupIdIndex = -1;
        for (int i = 0; i < lines.size(); i++) {
            groupIdIndex = lines.get(i).contains("<groupId>com.google.guava</groupId>") ? i : groupIdIndex;
        }
        assertTrue(groupIdIndex > 0, "the pom holds the added dependency");

        Review r = check();

        Flag f = only(r, "dependency-not-allowed");
        assertEquals("pom.xml", f.file());
        assertEquals(
                groupIdIndex, f.line(), "the <dependency> line, just above its groupId (1-based: the same number)");
        assertTrue(f.message().contains("com.google.guava:guava:33.3.1-jre"), f.message());
        only(r, "protected-file-changed");

        adder = exercise("allowed_dependencies: [\"com.google.guava:guava\"]\n");
        Review allowed = check();
        assertTrue(
                allowed.flags().stream().noneMatch(x -> x.kind().equals("dependency-not-allowed")),
                allowed.flags().toString());
    }

    @Test
    void aPomWithAnExternalEntityIsNotExpanded() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        Files.writeString(submission.resolve("pom.xml"), """
        <?xml version="1.0"?>
        <!DOCTYPE project [ <!ENTITY leak SYSTEM "%s"> ]>
        <project><dependencies><dependency><groupId>&leak;</groupId><artifactId>x</artifactId></dependency>
        </dependencies></project>
        """.formatted(secret.toUri()));

        Review r = check();

        Flag f = only(r, "pom-unreadable");
        assertEquals(Flag.INFO, f.severity());
        assertTrue(f.message().contains("DOCTYPE"), f.message());
        assertTrue(
                r.flags().stream().noneMatch(x -> x.message().contains("TOP-SECRET")),
                r.flags().toString());
    }

    @Test
    void anEmptyOrMissingSubmissionGivesOneFlagAndNoException() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Review r = Integrity.check(adder, empty, null);
        assertEquals(1, r.flags().size(), r.flags().toString());
        assertEquals("empty-submission", r.flags().get(0).kind());
        assertEquals(List.of("pom.xml", MAIN, TEST), r.changes().removed());

        Review missing = Integrity.check(adder, dir.resolve("no-such-folder"), null);
        assertEquals("empty-submission", only(missing, "empty-submission").kind());
        assertTrue(
                missing.flags().get(0).message().contains("not a folder"),
                missing.flags().get(0).message());
    }

    @Test
    void aLinkIsNotFollowed() throws IOException {
        Path outside = Files.writeString(dir.resolve("outside.java"), "class Outside {}\n");
        Files.createSymbolicLink(submission.resolve("src/main/java/com/acme/adder/Outside.java"), outside);

        Review r = check();

        Flag f = only(r, "unreadable-file");
        assertEquals(Flag.INFO, f.severity());
        assertEquals("src/main/java/com/acme/adder/Outside.java", f.file());
        assertEquals(List.of(), r.changes().added());
    }

    @Test
    void protectedGlobsCrossFoldersOnlyWithTwoStars() {
        assertTrue(
                Integrity.glob("src/test/**").matcher("src/test/java/a/B.java").matches());
        assertFalse(Integrity.glob("src/test/**").matcher("src/testing/B.java").matches());
        assertTrue(Integrity.glob("*.xml").matcher("pom.xml").matches());
        assertFalse(Integrity.glob("*.xml").matcher("src/pom.xml").matches());
        assertTrue(Integrity.glob("**/Schema.java").matcher("Schema.java").matches());
        assertTrue(Integrity.glob("**/Schema.java")
                .matcher("src/main/java/a/Schema.java")
                .matches());
        assertTrue(Integrity.glob("src/main/java/com/acme/orders/view/**")
                .matcher("src/main/java/com/acme/orders/view/X.java")
                .matches());
    }
}
