package dev.grader.validate;

import java.util.List;

/**
 * The validation of one exercise: each variant, the breaches that concern the suites as a whole, each rule of
 * {@code rules.yaml} with its tests and mutants, and warnings that do not fail the validation.
 */
public record ExerciseValidation(
        String exercise,
        List<VariantResult> variants,
        int hiddenTests,
        List<String> suiteBreaches,
        List<RuleResult> rules,
        List<String> warnings,
        double seconds) {
    public ExerciseValidation {
        variants = List.copyOf(variants);
        suiteBreaches = List.copyOf(suiteBreaches);
        rules = List.copyOf(rules);
        warnings = List.copyOf(warnings);
    }

    public boolean ok() {
        return suiteBreaches.isEmpty()
                && variants.stream().allMatch(VariantResult::ok)
                && rules.stream().allMatch(RuleResult::ok);
    }
}
