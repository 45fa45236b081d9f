package dev.grader.cli;

import dev.grader.mutation.Equivalents;
import dev.grader.mutation.PitMutation;
import dev.grader.mutation.PitResult;
import dev.grader.report.Ansi;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints what PIT found on an exercise's reference solution (grader validate --pit). */
final class PitTable {

    private PitTable() {}

    /** Prints {@code r}; whether its score reaches {@code min} percent. */
    static boolean print(PitResult r, double min, PrintWriter out, Ansi ansi) {
        boolean ok = r.score() >= min;
        out.println();
        out.println(ansi.bold(r.exercise())
                + String.format(Locale.ROOT, "  PIT on the reference solution (%.1fs)", r.seconds()));
        out.printf(
                Locale.ROOT,
                "  %d mutations, %d detected by the hidden suites, %d recorded as equivalent (%s): "
                        + "mutation score %.2f%% (least to pass: %.0f%%) %s%n",
                r.mutations().size(),
                r.detected(),
                r.equivalent().size(),
                Equivalents.FILE,
                r.score(),
                min,
                ok ? ansi.green("ok") : ansi.red("BELOW"));
        for (PitMutation m : r.unexplained()) {
            out.println(
                    "      " + ansi.yellow(m.status().toLowerCase(Locale.ROOT).replace('_', ' ') + ": ") + m.where());
        }
        if (!r.unexplained().isEmpty()) {
            out.println("      "
                    + ansi.dim("each: a hidden test to add, or a record with its reason in " + Equivalents.FILE));
        }
        for (Equivalents.Matched e : r.equivalent()) {
            out.println("      " + ansi.dim("equivalent: " + e.mutation().where() + " - " + e.reason()));
        }
        out.flush();
        return ok;
    }
}
