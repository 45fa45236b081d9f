package dev.grader.validate;

import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import dev.grader.model.TestScore;
import dev.grader.model.TestStatus;
import java.util.List;

/** Graded reports made of hidden tests only, for the validation's checks. */
final class TestReports {

    private TestReports() {}

    static TestScore test(String name, String category, TestStatus status, double score, double max) {
        return new TestScore(name, "x." + name, name, category, status, score, max, null, 0.1, null, null);
    }

    static GradeReport graded(TestScore... tests) {
        return new GradeReport(
                GradeReport.FORMAT,
                GradeReport.VERSION,
                "0",
                new GradeReport.ExerciseInfo("x", 1, "X"),
                null,
                GradeStatus.GRADED,
                null,
                7,
                0,
                100,
                0,
                List.of(),
                List.of(tests),
                null,
                List.of(),
                null,
                List.of(),
                List.of(),
                null,
                null,
                null,
                null,
                null);
    }
}
