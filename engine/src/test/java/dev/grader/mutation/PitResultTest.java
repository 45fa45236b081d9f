package dev.grader.mutation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.grader.exercise.ExerciseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PitResultTest {

    private static final String XML = """
      <?xml version="1.0" encoding="UTF-8"?>
      <mutations partial="false">
      <mutation detected='true' status='KILLED' numberOfTestsRun='2'><sourceFile>A.java</sourceFile>\
      <mutatedClass>com.acme.A</mutatedClass><mutatedMethod>take</mutatedMethod><methodDescription>()V</methodDescription>\
      <lineNumber>10</lineNumber><mutator>org.pitest.mutationtest.engine.gregor.mutators.MathMutator</mutator>\
      <description>Replaced long subtraction with addition</description></mutation>
      <mutation detected='true' status='TIMED_OUT' numberOfTestsRun='1'><sourceFile>A.java</sourceFile>\
      <mutatedClass>com.acme.A</mutatedClass><mutatedMethod>take</mutatedMethod><methodDescription>()V</methodDescription>\
      <lineNumber>12</lineNumber><mutator>org.pitest.mutationtest.engine.gregor.mutators.NegateConditionalsMutator</mutator>\
      <description>negated conditional</description></mutation>
      <mutation detected='false' status='SURVIVED' numberOfTestsRun='3'><sourceFile>A.java</sourceFile>\
      <mutatedClass>com.acme.A$Inner</mutatedClass><mutatedMethod>size</mutatedMethod><methodDescription>()I</methodDescription>\
      <lineNumber>20</lineNumber><mutator>org.pitest.mutationtest.engine.gregor.mutators.returns.PrimitiveReturnsMutator</mutator>\
      <description>replaced int return with 0</description></mutation>
      <mutation detected='false' status='NO_COVERAGE' numberOfTestsRun='0'><sourceFile>A.java</sourceFile>\
      <mutatedClass>com.acme.A</mutatedClass><mutatedMethod>name</mutatedMethod><methodDescription>()Ljava/lang/String;</methodDescription>\
      <lineNumber>30</lineNumber><mutator>org.pitest.mutationtest.engine.gregor.mutators.returns.EmptyObjectReturnValsMutator</mutator>\
      <description>replaced return value with ""</description></mutation>
      </mutations>
      """;

    @Test
    void scoresTheDetectedShareOfWhatIsNotRecordedAsEquivalent(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("mutations.xml"), XML);
        List<PitMutation> mutations = MutationsXml.read(dir.resolve("mutations.xml"));
        assertEquals(4, mutations.size());
        assertEquals(
                "com.acme.A$Inner.size:20 PrimitiveReturnsMutator (replaced int return with 0)",
                mutations.get(2).where());

        PitResult none = new PitResult("x", mutations, Equivalents.of(dir).match(mutations), 1);
        assertEquals(2, none.detected(), "killed and timed out count as detected");
        assertEquals(50.0, none.score());
        assertEquals(2, none.unexplained().size());

        Files.writeString(dir.resolve(Equivalents.FILE), """
        - class: A$Inner
          method: size
          mutator: PrimitiveReturnsMutator
          line: 20
          reason: "only a debugging aid"
        - class: com.acme.A
          method: name
          mutator: EmptyObjectReturnValsMutator
          line: 31
          reason: "a record whose line does not match explains nothing"
        """);
        PitResult one = new PitResult("x", mutations, Equivalents.of(dir).match(mutations), 1);
        assertEquals(
                List.of("only a debugging aid"),
                one.equivalent().stream().map(Equivalents.Matched::reason).toList());
        assertEquals(66.66, one.score(), "2 of the 3 mutations not recorded as equivalent, rounded down");
        assertEquals(
                List.of("com.acme.A.name:30 EmptyObjectReturnValsMutator (replaced return value with \"\")"),
                one.unexplained().stream().map(PitMutation::where).toList());
    }

    @Test
    void aRecordWithoutAReasonIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(Equivalents.FILE), "- class: A\n  method: m\n  mutator: MathMutator\n");
        ExerciseException e = assertThrows(ExerciseException.class, () -> Equivalents.of(dir));
        assertEquals(dir.resolve(Equivalents.FILE) + ": record 1 needs 'reason'", e.getMessage());
    }
}
