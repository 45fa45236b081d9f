package dev.grader.support.precondition;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentest4j.TestAbortedException;

/**
 * Thrown by {@link Precondition#require}: the test was not evaluated because another rule failed first. JUnit reports
 * it as aborted; the grader reads the rules' ids from the message, which always starts {@value #PREFIX} and names
 * them in single quotes before {@code failed first}.
 */
public final class PreconditionNotMet extends TestAbortedException {

    private static final long serialVersionUID = 1L;

    /** How every message starts. */
    public static final String PREFIX = "not evaluated because ";

    private static final String ID = "[A-Za-z0-9._-]+";
    private static final Pattern HEAD = Pattern.compile(
            "^" + Pattern.quote(PREFIX) + "(?:rule|one of the rules) ('" + ID + "'(?:, '" + ID + "')*) failed first");
    private static final Pattern QUOTED = Pattern.compile("'(" + ID + ")'");

    private final List<String> rules;

    PreconditionNotMet(List<String> rules, String observed) {
        super(PREFIX + (checked(rules).size() == 1 ? "rule " : "one of the rules ") + quoted(rules) + " failed first"
                + (observed == null || observed.isBlank() ? "" : ": " + observed));
        this.rules = List.copyOf(rules);
    }

    /** The ids of the rules one of which failed. */
    public List<String> rules() {
        return rules;
    }

    /** The rule ids a message of this exception names; empty when {@code message} is not one. */
    public static List<String> rulesOf(String message) {
        if (message == null) {
            return List.of();
        }
        Matcher head = HEAD.matcher(message);
        if (!head.find()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Matcher q = QUOTED.matcher(head.group(1));
        while (q.find()) {
            ids.add(q.group(1));
        }
        return ids;
    }

    private static List<String> checked(List<String> rules) {
        if (rules == null || rules.isEmpty()) {
            throw new IllegalArgumentException("name at least one rule of rules.yaml");
        }
        for (String rule : rules) {
            if (rule == null || !rule.matches(ID)) {
                throw new IllegalArgumentException("a rule id of rules.yaml, not '" + rule + "'");
            }
        }
        return rules;
    }

    private static String quoted(List<String> rules) {
        return String.join(", ", rules.stream().map(r -> "'" + r + "'").toList());
    }
}
