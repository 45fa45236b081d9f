package dev.grader.build;

import dev.grader.model.Diagnostic;
import java.util.List;

/** What compiling one set of sources gave: success, and the errors when not. */
public record CompileResult(boolean success, List<Diagnostic> diagnostics, int sourceFiles, long millis) {
    public CompileResult {
        diagnostics = List.copyOf(diagnostics);
    }
}
