package dev.grader.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a manifest's {@code rubric}: its categories, each with an id, title, weight, hint and what scores it. */
final class RubricLoader {

    /** The fields a category may have. */
    static final Set<String> FIELDS = Set.of("id", "title", "weight", "hint", "scored_by");

    private final ManifestFields f;
    private final Pattern id;

    RubricLoader(ManifestFields f, Pattern id) {
        this.f = f;
        this.id = id;
    }

    /** The categories of {@code rubric}; each problem is reported to the manifest's fields. */
    List<RubricCategory> rubric(JsonNode node) {
        List<RubricCategory> out = new ArrayList<>();
        if (node == null || !node.isArray() || node.isEmpty()) {
            f.error("rubric", "must be a non-empty list of {id, title, weight}");
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode c = node.get(i);
            String at = "rubric[" + i + "]";
            if (!c.isObject()) {
                f.error(at, "must be a mapping with id, title and weight");
                continue;
            }
            f.unknownFields(c, at, FIELDS);
            String cid = f.text(c, "id", at + ".id");
            if (cid != null && !id.matcher(cid).matches()) {
                f.error(at + ".id", "must match [a-z0-9-]+, was '" + cid + "'");
            } else if (cid != null && !seen.add(cid)) {
                f.error(at + ".id", "'" + cid + "' is used twice; category ids must be unique");
            }
            String ctitle = c.hasNonNull("title") ? c.get("title").asText() : cid;
            JsonNode w = c.get("weight");
            double weight = 0;
            if (w == null || !w.isNumber() || w.asDouble() <= 0) {
                f.error(at + ".weight", "must be a number greater than 0, was " + (w == null ? "missing" : w.asText()));
            } else {
                weight = w.asDouble();
            }
            if (cid != null) {
                JsonNode hint = c.get("hint");
                if (hint != null && !hint.isNull() && !hint.isTextual()) {
                    f.error(
                            at + ".hint",
                            "must be text for the candidate, was "
                                    + hint.getNodeType().toString().toLowerCase());
                }
                out.add(new RubricCategory(
                        cid,
                        ctitle == null ? cid : ctitle,
                        weight,
                        hint != null && hint.isTextual() ? hint.asText().strip() : null,
                        byOwnTests(c.get("scored_by"), at + ".scored_by")));
            }
        }
        if (!out.isEmpty() && out.stream().allMatch(RubricCategory::byOwnTests)) {
            f.error("rubric", "needs a category scored by hidden tests; own_tests can only be one part of the grade");
        }
        if (out.stream().filter(RubricCategory::byOwnTests).count() > 1) {
            f.error(
                    "rubric",
                    "may have one category scored by own_tests, has "
                            + out.stream().filter(RubricCategory::byOwnTests).count());
        }
        return out;
    }

    /** {@code scored_by}: {@code hidden_tests} (the default) or {@code own_tests}: whether the own tests score it. */
    private boolean byOwnTests(JsonNode node, String at) {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().equals("hidden_tests"))) {
            return false;
        }
        if (node.isTextual() && node.asText().equals("own_tests")) {
            return true;
        }
        f.error(at, "must be hidden_tests or own_tests, was '" + node.asText() + "'");
        return false;
    }
}
