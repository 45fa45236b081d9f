package dev.grader.report;

import dev.grader.model.GraderSettings;

/** Colour for terminals: off when NO_COLOR is set or the output is not a terminal. */
public final class Ansi {

    private final boolean on;

    public Ansi(boolean on) {
        this.on = on;
    }

    /** Colour when stdout is a terminal and NO_COLOR is unset in {@code settings} (https://no-color.org). */
    public static Ansi auto(GraderSettings settings) {
        return new Ansi(System.console() != null && !settings.noColor());
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    public String red(String s) {
        return wrap("31", s);
    }

    public String green(String s) {
        return wrap("32", s);
    }

    public String yellow(String s) {
        return wrap("33", s);
    }

    public String cyan(String s) {
        return wrap("36", s);
    }

    private String wrap(String code, String s) {
        return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
