package dev.grader.authoring;

import dev.grader.exercise.ExerciseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The names an exercise id gives: its Java package and a class-name prefix. */
final class Names {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");

    private Names() {}

    /** Refuses an id the manifest would refuse, or that cannot make a Java package name. */
    static String checkedId(String id) {
        if (id == null || !ID.matcher(id).matches() || id.endsWith("-") || id.contains("--")) {
            throw new ExerciseException("'" + id + "' is not a usable exercise id: use lower-case letters, digits and"
                    + " single dashes, starting with a letter (e.g. order-export)");
        }
        return id;
    }

    /** {@code com.example.<id without dashes>}: a package of the exercise's own. */
    static String javaPackage(String group, String id) {
        return group + "." + id.replace("-", "");
    }

    /** {@code order-export} becomes {@code OrderExport}. */
    static String camel(String id) {
        StringBuilder out = new StringBuilder();
        for (String part : id.split("-")) {
            if (!part.isEmpty()) {
                out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return out.toString();
    }

    /** {@code order-export} becomes {@code Order export}. */
    static String title(String id) {
        String words = id.replace('-', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
