package dev.grader.exercise;

import static java.util.Objects.requireNonNull;

/**
 * An API the exercise lets candidates use despite the code policy, with the reason (manifest field
 * {@code policy.allow}).
 *
 * @param api the API as a policy finding names it ({@code java.lang.Thread.getAllStackTraces}), or a rule id
 *     ({@code resource-jars}) to allow everything the rule forbids
 * @param reason why the exercise needs it, for people
 */
public record PolicyAllowance(String api, String reason) {

    public PolicyAllowance {
        requireNonNull(api, "api");
        requireNonNull(reason, "reason");
    }
}
