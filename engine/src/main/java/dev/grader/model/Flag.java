package dev.grader.model;

/**
 * Evidence for a person: something in the submission that a reviewer should look at (a changed protected
 * file, an added dependency, a {@code System.exit}, reflection on private members...). Flags never change
 * the score by themselves; they are listed in every report format.
 *
 * @param kind a stable, kebab-case identifier (for example {@code protected-file-changed}, {@code system-exit})
 * @param severity {@code info}, {@code warning} or {@code alert}
 * @param file the file, relative to the submission's root; {@code null} when the flag is about the whole run
 * @param line the 1-based line in {@code file}; {@code null} when not about one line
 * @param message one sentence for people
 */
public record Flag(String kind, String severity, String file, Integer line, String message) {

  public static final String INFO = "info";
  public static final String WARNING = "warning";
  public static final String ALERT = "alert";

  /** {@code file:line}, {@code file}, or empty. */
  public String location() {
    if (file == null) {
      return "";
    }
    return line == null ? file : file + ":" + line;
  }
}
