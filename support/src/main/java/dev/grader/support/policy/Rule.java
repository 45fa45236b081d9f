package dev.grader.support.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One rule of the code policy: its id, what it forbids (for people), and the APIs it matches.
 *
 * @param id a short kebab-case name, in findings and reports
 * @param summary what the rule forbids and why, in a sentence
 */
public record Rule(String id, String summary, List<Api> apis) {

    public Rule {
        requireNonNull(id, "id");
        requireNonNull(summary, "summary");
        apis = List.copyOf(apis);
    }

    /** The API {@code ref} uses that this rule forbids, or null. */
    String match(Reference ref, Hierarchy hierarchy) {
        for (Api api : apis) {
            String hit = api.match(ref, hierarchy);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }
}
