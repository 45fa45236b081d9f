package dev.grader.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The report formats one grade can be written in, and the file each is written to in an output folder. */
public enum ReportFormat {
    /** The coloured summary, as printed; written as plain text. */
    CONSOLE("console", "report.txt"),
    /** The full machine report (docs/report-format.md, schema in docs/report-schema.json). */
    JSON("json", "report.json"),
    /** JUnit XML as Ant, Maven Surefire and the CI test reporters read it. */
    JUNIT_XML("junit-xml", "junit.xml"),
    /** Markdown for a step summary or a pull-request comment. */
    MARKDOWN("markdown", "report.md"),
    /** A self-contained HTML page for hiring managers. */
    HTML("html", "report.html"),
    /** Gradescope's autograder {@code results.json}. */
    GRADESCOPE("gradescope", "results.json");

    private final String id;
    private final String fileName;

    ReportFormat(String id, String fileName) {
        this.id = id;
        this.fileName = fileName;
    }

    public String id() {
        return id;
    }

    public String fileName() {
        return fileName;
    }

    /** The format named {@code s} (as in {@code --format}), case-insensitively. */
    public static ReportFormat parse(String s) {
        String wanted = s.trim().toLowerCase(Locale.ROOT);
        for (ReportFormat f : values()) {
            if (f.id.equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown report format '" + s + "'; choose from " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(ReportFormat::id).collect(Collectors.joining(", "));
    }
}
