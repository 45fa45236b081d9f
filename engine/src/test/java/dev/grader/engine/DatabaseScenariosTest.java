package dev.grader.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.TestTiers;
import dev.grader.cli.Main;
import dev.grader.exercise.Exercise;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import dev.grader.services.Services;
import dev.grader.support.postgres.PostgresMode;
import dev.grader.support.postgres.PostgresSettings;
import dev.grader.workspace.Variants;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An exercise that declares postgres, graded on the embedded server this machine can run. */
@TestTiers.Grades
class DatabaseScenariosTest {

    @Test
    void eachSubmissionGetsAFreshDatabaseOnOneSharedServer(@TempDir Path dir) throws IOException {
        Exercise pg = Fixtures.fixtureCatalog().get("pg-echo");
        Path solution = Variants.solution(pg, dir);
        try (Grader grader = new Grader(
                Fixtures.cache(), new Services(PostgresSettings.of(PostgresMode.EMBEDDED)), Fixtures.settings())) {
            GradeReport first = grader.grade(pg, solution, new GradeOptions(1, false));
            // The hidden test fails if it finds the table the first run created: the second database must be fresh.
            GradeReport second = grader.grade(pg, solution, new GradeOptions(2, false));
            for (GradeReport r : new GradeReport[] {first, second}) {
                assertEquals(GradeStatus.GRADED, r.status(), r.statusMessage());
                assertEquals(100.0, r.score(), r.tests().toString());
                assertTrue(
                        r.environment().database().startsWith("embedded PostgreSQL"),
                        r.environment().database());
            }
        }
    }

    /** {@code --db-url} wins over {@code GRADER_DB} from the environment (.ci/run sets it to embedded). */
    @Test
    void aRefusedDatabaseUrlGivesTheInfrastructureExitCodeAndSaysWhy() {
        StringWriter out = new StringWriter();
        int code = Main.run(
                new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true),
                "grade",
                "--exercises",
                Fixtures.root().resolve("exercises").toString(),
                "--cache",
                Fixtures.cache().toString(),
                "-e",
                "pg-echo",
                "--variant",
                "solution",
                "--db-url",
                "jdbc:postgresql://127.0.0.1:1/postgres",
                "--no-color");
        assertEquals(4, code, out.toString());
        assertTrue(out.toString().contains("Could not grade: no PostgreSQL could be had"), out.toString());
        assertTrue(out.toString().contains("127.0.0.1:1"), out.toString());
    }
}
