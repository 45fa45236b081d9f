package dev.grader.review;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds Unicode escapes of line terminators ({@code \u005cu000a}, {@code \u005cu000d}) in a source text. javac
 * translates escapes before it reads anything, so such an escape ends a {@code //} comment: the rest of the line,
 * which an editor shows as part of the comment, is code. A backslash that is itself escaped starts no escape.
 */
final class EscapedLineBreaks {

    /** An odd run of backslashes, one or more {@code u}, then 000A or 000D. */
    private static final Pattern ESCAPE = Pattern.compile("(?<!\\\\)(?:\\\\\\\\)*\\\\u+000[aAdD]");

    private EscapedLineBreaks() {}

    /** The 1-based lines of {@code source} (as a person counts them) that hold such an escape, each once. */
    static List<Integer> lines(String source) {
        List<Integer> out = new ArrayList<>();
        Matcher m = ESCAPE.matcher(source);
        int line = 1;
        int at = 0;
        while (m.find()) {
            for (; at < m.start(); at++) {
                char c = source.charAt(at);
                if (c == '\n' || (c == '\r' && (at + 1 >= source.length() || source.charAt(at + 1) != '\n'))) {
                    line++;
                }
            }
            if (out.isEmpty() || out.get(out.size() - 1) != line) {
                out.add(line);
            }
        }
        return out;
    }
}
