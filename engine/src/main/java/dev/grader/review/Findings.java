package dev.grader.review;

import com.github.javaparser.ast.Node;
import dev.grader.model.Flag;
import dev.grader.model.FlagKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The flags of one source file: at most one per kind and line, so one construct is reported once. */
final class Findings {

    private final String file;
    private final List<Flag> flags = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    Findings(String file) {
        this.file = file;
    }

    void add(FlagKind kind, Node at, String message) {
        Integer line = SourceContext.line(at);
        if (seen.add(kind.id() + ":" + line)) {
            flags.add(kind.flag(file, line, message));
        }
    }

    List<Flag> flags() {
        return flags;
    }
}
