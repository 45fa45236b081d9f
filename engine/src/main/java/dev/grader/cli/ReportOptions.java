package dev.grader.cli;

import dev.grader.report.Ansi;
import dev.grader.report.Audience;
import dev.grader.report.ReportFormat;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** Which report files to write, where, and for whom. */
final class ReportOptions {

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            split = ",",
            description = "Report format to write into --out; repeatable or comma-separated: console (report.txt), json"
                    + " (report.json), junit-xml (junit.xml), markdown (report.md), html (report.html), gradescope"
                    + " (results.json), or all.")
    List<String> formats = new ArrayList<>();

    @Option(
            names = "--audience",
            paramLabel = "WHO",
            defaultValue = "company",
            description = "company (default: everything, hidden test names included) or candidate (categories, scores,"
                    + " hints and the brief's words of each broken rule only: safe to share with the candidate).")
    String audience;

    @Option(names = "--no-color", description = "Plain output (also when NO_COLOR is set or stdout is not a terminal).")
    boolean noColor;

    /** The formats asked for; {@code all} when none was named but an output folder was. */
    Set<ReportFormat> formats(boolean outGiven) {
        Set<ReportFormat> set = EnumSet.noneOf(ReportFormat.class);
        for (String f : formats) {
            if (f.isBlank()) {
                continue;
            }
            if (f.trim().equalsIgnoreCase("all")) {
                set.addAll(EnumSet.allOf(ReportFormat.class));
                continue;
            }
            try {
                set.add(ReportFormat.parse(f));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--format: " + e.getMessage());
            }
        }
        if (set.isEmpty() && outGiven) {
            set.addAll(EnumSet.allOf(ReportFormat.class));
        }
        return set;
    }

    Audience audience() {
        try {
            return Audience.parse(audience);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--audience: " + e.getMessage());
        }
    }

    Ansi ansi() {
        return noColor ? new Ansi(false) : Ansi.auto(GraderHome.settings());
    }
}
