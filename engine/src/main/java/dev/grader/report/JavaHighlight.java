package dev.grader.report;

import static dev.grader.report.Html.esc;

import java.util.Set;

/**
 * Java source lines as escaped HTML with spans for keywords ({@code tk-k}), strings and characters ({@code tk-s}),
 * comments ({@code tk-c}), numbers ({@code tk-n}) and annotations ({@code tk-a}). A small tokenizer, line by line:
 * a {@link State} carries block comments and text blocks from one line to the next. Everything is escaped; a span
 * never holds markup of the source.
 */
final class JavaHighlight {

    private static final Set<String> KEYWORDS = Set.of(
            "abstract",
            "assert",
            "boolean",
            "break",
            "byte",
            "case",
            "catch",
            "char",
            "class",
            "const",
            "continue",
            "default",
            "do",
            "double",
            "else",
            "enum",
            "extends",
            "final",
            "finally",
            "float",
            "for",
            "goto",
            "if",
            "implements",
            "import",
            "instanceof",
            "int",
            "interface",
            "long",
            "native",
            "new",
            "package",
            "private",
            "protected",
            "public",
            "return",
            "short",
            "static",
            "strictfp",
            "super",
            "switch",
            "synchronized",
            "this",
            "throw",
            "throws",
            "transient",
            "try",
            "void",
            "volatile",
            "while",
            "var",
            "record",
            "yield",
            "sealed",
            "permits",
            "true",
            "false",
            "null");

    /** What a line starts inside of, carried from the line before. */
    static final class State {
        private boolean blockComment;
        private boolean textBlock;

        /** A fresh state for a hunk starting with {@code line}: inside a comment when it looks like a comment's middle. */
        static State startingAt(String line) {
            State state = new State();
            String s = line.strip();
            state.blockComment = s.startsWith("* ") || s.equals("*") || s.startsWith("*/");
            return state;
        }
    }

    private final StringBuilder b = new StringBuilder();
    private final StringBuilder plain = new StringBuilder();
    private final String s;
    private final State state;

    private JavaHighlight(String line, State state) {
        this.s = line;
        this.state = state;
    }

    /** {@code line} as highlighted, escaped HTML; {@code state} is read and updated. */
    static String line(String line, State state) {
        JavaHighlight h = new JavaHighlight(line, state);
        h.scan();
        return h.b.toString();
    }

    private void scan() {
        int n = s.length();
        int i = 0;
        while (i < n) {
            if (state.blockComment) {
                int end = s.indexOf("*/", i);
                state.blockComment = end < 0;
                i = emit("tk-c", i, end < 0 ? n : end + 2);
            } else if (state.textBlock) {
                int end = closing(i);
                state.textBlock = end < 0;
                i = emit("tk-s", i, end < 0 ? n : end + 3);
            } else if (s.startsWith("//", i)) {
                i = emit("tk-c", i, n);
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                state.blockComment = end < 0;
                i = emit("tk-c", i, end < 0 ? n : end + 2);
            } else if (s.startsWith("\"\"\"", i)) {
                int end = closing(i + 3);
                state.textBlock = end < 0;
                i = emit("tk-s", i, end < 0 ? n : end + 3);
            } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
                i = emit("tk-s", i, quoted(i));
            } else if (s.charAt(i) == '@' && i + 1 < n && Character.isJavaIdentifierStart(s.charAt(i + 1))) {
                i = emit("tk-a", i, identifierEnd(i + 1));
            } else if (Character.isDigit(s.charAt(i)) && (i == 0 || !Character.isJavaIdentifierPart(s.charAt(i - 1)))) {
                i = emit("tk-n", i, numberEnd(i));
            } else if (Character.isJavaIdentifierStart(s.charAt(i))) {
                int end = identifierEnd(i);
                if (KEYWORDS.contains(s.substring(i, end))) {
                    i = emit("tk-k", i, end);
                } else {
                    plain.append(s, i, end);
                    i = end;
                }
            } else {
                plain.append(s.charAt(i));
                i++;
            }
        }
        flush();
    }

    private int emit(String css, int from, int to) {
        flush();
        b.append("<span class=\"")
                .append(css)
                .append("\">")
                .append(esc(s.substring(from, to)))
                .append("</span>");
        return to;
    }

    private void flush() {
        if (!plain.isEmpty()) {
            b.append(esc(plain.toString()));
            plain.setLength(0);
        }
    }

    /** The end of a string or character literal opened at {@code from}: after its closing quote, or the line's end. */
    private int quoted(int from) {
        char quote = s.charAt(from);
        for (int i = from + 1; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.charAt(i) == quote) {
                return i + 1;
            }
        }
        return s.length();
    }

    /** Where the text block's closing {@code """} starts, from {@code from} on; -1 when not on this line. */
    private int closing(int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.startsWith("\"\"\"", i)) {
                return i;
            }
        }
        return -1;
    }

    private int identifierEnd(int from) {
        int i = from;
        while (i < s.length() && Character.isJavaIdentifierPart(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Digits, hex digits, underscores, a decimal point, exponents and suffixes: {@code 0x1F}, {@code 1_000L}, {@code 2.5e3f}. */
    private int numberEnd(int from) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            boolean sign = (c == '+' || c == '-')
                    && i > from
                    && "eEpP".indexOf(s.charAt(i - 1)) >= 0
                    && !s.startsWith("0x", from)
                    && !s.startsWith("0X", from);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || sign) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }
}
