package dev.grader.report;

import java.util.Locale;

/** Number and text helpers the report formats share. */
final class Text {

  private Text() {}

  /** {@code 12} for whole numbers, {@code 12.5} / {@code 12.33} otherwise. */
  static String points(double v) {
    if (Math.abs(v - Math.rint(v)) < 0.005) {
      return Long.toString(Math.round(v));
    }
    String s = String.format(Locale.ROOT, "%.2f", v);
    return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
  }

  /** The status of a report in words. */
  static String status(GradeReport r) {
    return switch (r.status()) {
      case GRADED -> "graded";
      case DOES_NOT_COMPILE -> "does not compile";
      case INFRASTRUCTURE_ERROR -> "could not be graded (infrastructure)";
      case REJECTED -> "rejected";
    };
  }

  /** At most {@code max} characters, with a note of how much was cut. */
  static String cap(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    return s.substring(0, max) + "\n… (" + (s.length() - max) + " more characters in the JSON report)";
  }
}
