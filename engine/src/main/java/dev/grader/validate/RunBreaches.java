package dev.grader.validate;

import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import dev.grader.model.RunEnding;
import dev.grader.model.TestScore;
import java.util.ArrayList;
import java.util.List;

/** What a variant's run that was not graded (or, for the solution, not completed) breaches, in words. */
final class RunBreaches {

    private RunBreaches() {}

    static boolean built(GradeReport r, List<String> breaches) {
        return built(r, breaches, false);
    }

    /** Whether the variant was graded; with {@code mustComplete}, a run cut short is a breach too. */
    static boolean built(GradeReport r, List<String> breaches, boolean mustComplete) {
        if (r.status() == GradeStatus.GRADED) {
            if (mustComplete && r.run() != null && r.run().ending() != RunEnding.COMPLETED) {
                breaches.add("the run did not complete with seed " + r.seed() + ": "
                        + r.run().message());
            }
            return true;
        }
        String why = r.status() == GradeStatus.DOES_NOT_COMPILE
                ? "does not compile (" + r.compilation().phase() + "): "
                        + r.compilation().diagnostics().stream()
                                .limit(3)
                                .map(Object::toString)
                                .toList()
                : r.status() == GradeStatus.POLICY_VIOLATION
                        ? "is refused by the code policy: " + r.statusMessage()
                        : "could not be graded: " + r.statusMessage();
        breaches.add(why);
        return false;
    }

    static String failures(GradeReport r) {
        List<String> out = new ArrayList<>();
        for (TestScore t : r.tests()) {
            if (!t.passed()) {
                out.add(t.name() + " (" + (t.message() == null ? t.status().json() : firstLine(t.message())) + ")");
            }
        }
        return out.isEmpty() ? "(no test failed; a category has no tests)" : String.join("; ", out);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
