package dev.grader.review;

import java.util.Set;

/**
 * What the static review knows about the whole submission and the exercise: the simple names of the types the
 * submission declares, the simple names and packages of the hidden suites' classes, and the submission's own
 * resource files ({@code src/main/resources}, '/'-separated).
 */
record ReviewScope(
        Set<String> ownTypes, Set<String> hiddenTypes, Set<String> hiddenPackages, Set<String> ownResources) {

    ReviewScope {
        ownTypes = Set.copyOf(ownTypes);
        hiddenTypes = Set.copyOf(hiddenTypes);
        hiddenPackages = Set.copyOf(hiddenPackages);
        ownResources = Set.copyOf(ownResources);
    }
}
