package dev.grader.validate;

import java.util.List;

/** The validation of one exercise: each variant, and the breaches that concern the suites as a whole. */
public record ExerciseValidation(String exercise, List<VariantResult> variants, int hiddenTests, List<String> suiteBreaches,
    double seconds) {
  public ExerciseValidation {
    variants = List.copyOf(variants);
    suiteBreaches = List.copyOf(suiteBreaches);
  }

  public boolean ok() {
    return suiteBreaches.isEmpty() && variants.stream().allMatch(VariantResult::ok);
  }
}
