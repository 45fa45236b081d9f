package dev.grader.report;

import dev.grader.model.GradeReport;
import dev.grader.model.GraderSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Writes one grade's report in the chosen formats into a folder. */
public final class ReportWriter {

    private ReportWriter() {}

    /** The report in one format, as text. */
    public static String render(GradeReport r, ReportFormat format) {
        return switch (format) {
            case CONSOLE -> {
                StringWriter s = new StringWriter();
                new ConsoleReport(new Ansi(false)).print(r, new PrintWriter(s));
                yield s.toString();
            }
            case JSON -> JsonReport.toJson(r) + "\n";
            case JUNIT_XML -> JunitXmlReport.render(r);
            case MARKDOWN -> MarkdownReport.render(r);
            case HTML -> HtmlReport.render(r);
            case GRADESCOPE -> GradescopeReport.render(r);
        };
    }

    /**
     * Writes {@code formats} of the report, as the audience may see it, to {@code dir} (created if needed);
     * returns the files written.
     */
    public static List<Path> write(GradeReport report, Collection<ReportFormat> formats, Audience audience, Path dir)
            throws IOException {
        GradeReport r = audience.view(report);
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (ReportFormat f : formats) {
            Path file = dir.resolve(f.fileName());
            Path tmp = dir.resolve("." + f.fileName() + ".tmp");
            Files.writeString(tmp, render(r, f), StandardCharsets.UTF_8);
            Files.move(
                    tmp,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            written.add(file);
        }
        return written;
    }

    /**
     * Appends Markdown to the file GitHub Actions names in {@code GITHUB_STEP_SUMMARY} ({@code settings.stepSummary()}),
     * when it is set; returns the file, or {@code null} when the variable is not set.
     */
    public static Path appendStepSummary(GraderSettings settings, String markdown) throws IOException {
        String summary = settings.stepSummary();
        if (summary == null) {
            return null;
        }
        Path file = Path.of(summary);
        Files.writeString(
                file, markdown + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return file;
    }
}
