package dev.grader.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesLoaderTest {

    private static final Manifest MANIFEST = new Manifest(
            "demo",
            1,
            "Demo",
            "d",
            Duration.ofHours(1),
            17,
            List.of(),
            List.of(),
            List.of(new RubricCategory("basics", "Basics", 60), new RubricCategory("overflow", "Overflow", 40)),
            new Limits(Duration.ofSeconds(1), Duration.ofSeconds(10), 64L << 20),
            List.of(),
            List.of());

    private static final String VALID = """
      rules:
        - id: small-sums-exact
          category: basics
          brief: "Sums of small numbers are exact: 2 + 3 is 5."
          tests: [BasicsTest.addsSmallNumbers, BasicsTest.zeroPlusXIsX]
          mutants: [subtracts]
        - id: no-wrap-around
          category: overflow
          brief: A sum beyond the int range is reported.
          tests: []
          mutants: []
      """;

    @TempDir
    Path dir;

    private Path rules(String yaml) throws IOException {
        Files.writeString(dir.resolve("rules.yaml"), yaml);
        return dir;
    }

    @Test
    void loadsRulesInFileOrderAndKeepsGapsAsEmptyLists() throws IOException {
        List<Rule> rules = RulesLoader.load(rules(VALID), MANIFEST);
        assertEquals(
                List.of("small-sums-exact", "no-wrap-around"),
                rules.stream().map(Rule::id).toList());
        assertEquals(
                "Sums of small numbers are exact: 2 + 3 is 5.", rules.get(0).brief());
        assertEquals(List.of("subtracts"), rules.get(0).mutants());
        assertTrue(
                rules.get(1).tests().isEmpty() && rules.get(1).mutants().isEmpty(), "a gap loads; validate refuses it");
        assertTrue(rules.get(0).checkedBy("BasicsTest.zeroPlusXIsX[3]"), "a parameterised test's cases belong to it");
        assertFalse(rules.get(0).checkedBy("BasicsTest.zeroPlusXIsXAgain"));
    }

    @Test
    void aMissingFileMeansNoRules() {
        assertTrue(RulesLoader.load(dir, MANIFEST).isEmpty());
    }

    @Test
    void errorsNameTheFileTheFieldAndWhatIsAllowed() throws IOException {
        String bad = VALID.replace("category: overflow", "category: speed")
                .replace("id: no-wrap-around", "id: small-sums-exact")
                .replace("brief: A sum beyond the int range is reported.", "colour: blue")
                .replace("BasicsTest.zeroPlusXIsX]", "zeroPlusXIsX]")
                .replace("mutants: [subtracts]", "mutants: subtracts");
        Path d = rules(bad);
        ExerciseException e = assertThrows(ExerciseException.class, () -> RulesLoader.load(d, MANIFEST));
        String file = d.resolve("rules.yaml").toString();
        String m = e.getMessage();
        assertTrue(
                m.contains(
                        file
                                + ": rules[1].category: 'speed' is not a rubric category scored by hidden tests; allowed: basics, overflow"),
                m);
        assertTrue(m.contains(file + ": rules[1].id: 'small-sums-exact' is used twice"), m);
        assertTrue(m.contains(file + ": rules[1].brief: is required: a non-empty string"), m);
        assertTrue(m.contains(file + ": rules[1].colour: is not a known field"), m);
        assertTrue(m.contains(file + ": rules[0].tests[1]: must be SimpleClassName.method, was 'zeroPlusXIsX'"), m);
        assertTrue(m.contains(file + ": rules[0].mutants: must be a list, was string"), m);
    }

    @Test
    void aFileWithoutRulesOrNotYamlIsRefused() throws IOException {
        ExerciseException empty =
                assertThrows(ExerciseException.class, () -> RulesLoader.load(rules("rules: []\n"), MANIFEST));
        assertTrue(empty.getMessage().contains("rules.yaml: rules: must be a non-empty list"), empty.getMessage());
        ExerciseException other =
                assertThrows(ExerciseException.class, () -> RulesLoader.load(rules("- a\n- b\n"), MANIFEST));
        assertTrue(other.getMessage().contains("must be a YAML mapping with a 'rules' list"), other.getMessage());
        ExerciseException yaml = assertThrows(
                ExerciseException.class,
                () -> RulesLoader.load(rules("rules:\n  - id: a\n    brief: one: two\n"), MANIFEST));
        assertTrue(yaml.getMessage().contains("is not valid YAML"), yaml.getMessage());
    }
}
