package dev.grader.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.grader.model.GradeReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes and reads the machine report (docs/report-format.md). */
public final class JsonReport {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    public static String toJson(GradeReport report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (IOException e) {
            throw new IllegalStateException("a report could not be serialised", e);
        }
    }

    public static void write(GradeReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson(report) + "\n");
    }

    public static GradeReport fromJson(String json) throws IOException {
        return MAPPER.readValue(json, GradeReport.class);
    }

    public static GradeReport read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), GradeReport.class);
    }
}
