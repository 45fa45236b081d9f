package dev.grader.report;

import dev.grader.model.ChangeSummary;
import dev.grader.model.CompilePhase;
import dev.grader.model.Flag;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import static dev.grader.report.Html.badge;
import static dev.grader.report.Html.esc;
import static dev.grader.report.Html.percent;
import static dev.grader.report.Html.points;

import dev.grader.model.Diagnostic;
import dev.grader.model.TestStatus;
import dev.grader.model.CategoryScore;
import dev.grader.model.TestScore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One grade as a self-contained HTML page for people (hiring managers, reviewers, or the candidate when given
 * {@link Audience#CANDIDATE}'s view): the score, the categories as bars, every lost point with its message, the
 * compiler's errors, how the run ended, review flags, the change summary and the facts of the run. Everything the
 * submission controls is escaped; the page loads nothing and runs no script.
 */
public final class HtmlReport {

  /** File lists longer than this start collapsed. */
  private static final int OPEN_FILE_LIST = 30;

  private final GradeReport r;
  private final StringBuilder b = new StringBuilder(16_384);

  private HtmlReport(GradeReport report) {
    this.r = report;
  }

  /** The page for {@code report} (pass {@code audience.view(report)} for what an audience may see). */
  public static String render(GradeReport report) {
    HtmlReport page = new HtmlReport(report);
    page.body();
    return Html.page(page.title(), page.b.toString());
  }

  private String title() {
    String who = r.submission() == null ? "" : displayName(r.submission()) + " · ";
    return who + exerciseTitle() + " · grade report";
  }

  private String exerciseTitle() {
    if (r.exercise() == null) {
      return "Exercise";
    }
    return r.exercise().title() == null || r.exercise().title().isBlank() ? r.exercise().id() : r.exercise().title();
  }

  private void body() {
    header();
    summary();
    statusNotice();
    runNotice();
    compilation();
    b.append(PolicyHtml.section(r));
    categories();
    lostPoints();
    passedTests();
    flags();
    changes();
    warnings();
    details();
  }

  private void header() {
    b.append("<header>\n<p class=\"eyebrow\">Grade report");
    if (r.exercise() != null) {
      b.append(" · <span class=\"mono\">").append(esc(r.exercise().id())).append("</span> version ")
          .append(r.exercise().version());
    }
    b.append("</p>\n<h1>").append(esc(exerciseTitle())).append("</h1>\n");
    if (r.submission() != null) {
      b.append("<p class=\"submission\">Submission <strong>").append(esc(displayName(r.submission())))
          .append("</strong>");
      if (!displayName(r.submission()).equals(r.submission())) {
        b.append(" <span class=\"muted small mono\">").append(esc(r.submission())).append("</span>");
      }
      b.append("</p>\n");
    }
    b.append("</header>\n");
  }

  private void summary() {
    boolean graded = r.status() != GradeStatus.INFRASTRUCTURE_ERROR;
    b.append("<section class=\"summary\" id=\"summary\" aria-label=\"Score\">\n");
    b.append(gauge(graded));
    b.append("<div class=\"facts\">\n<p class=\"total\" id=\"total\">");
    if (graded) {
      b.append("<span class=\"big\">").append(points(r.score())).append("</span><span class=\"of\"> / ")
          .append(points(r.maxScore())).append(" points</span>");
    } else {
      b.append("<span class=\"big words\">Not graded</span>");
    }
    b.append("</p>\n<p style=\"margin-top:10px\">").append(statusBadge());
    if (graded) {
      b.append(" <span class=\"muted\">").append(percent(r.percent())).append("% of the maximum</span>");
    }
    b.append("</p>\n");
    if (r.status() == GradeStatus.GRADED && r.statusMessage() != null && !r.statusMessage().isBlank()
        && (r.run() == null || !r.statusMessage().equals(r.run().message()))) {
      b.append("<p class=\"message\">").append(esc(r.statusMessage())).append("</p>\n");
    }
    if (!r.tests().isEmpty()) {
      long passed = r.tests().stream().filter(TestScore::passed).count();
      b.append("<p class=\"muted\">").append(passed).append(" of ").append(r.tests().size())
          .append(" hidden tests passed</p>\n");
    } else if (r.categories().stream().mapToInt(CategoryScore::tests).sum() > 0) {
      int passed = r.categories().stream().mapToInt(CategoryScore::passed).sum();
      int tests = r.categories().stream().mapToInt(CategoryScore::tests).sum();
      b.append("<p class=\"muted\">").append(passed).append(" of ").append(tests).append(" checks passed</p>\n");
    }
    b.append("</div>\n</section>\n");
  }

  private String gauge(boolean graded) {
    double p = graded ? Html.share(r.score(), r.maxScore()) : 0;
    String colour = !graded ? "#8c959f" : p >= 80 ? "#1a7f37" : p >= 50 ? "#9a6700" : "#cf222e";
    String label = graded ? percent(r.percent()) + "%" : "n/a";
    return "<svg class=\"gauge\" viewBox=\"0 0 120 120\" role=\"img\" aria-label=\""
        + (graded ? esc(label) + " of the maximum score" : "not graded") + "\">"
        + "<circle cx=\"60\" cy=\"60\" r=\"50\" fill=\"none\" stroke=\"#e6eaef\" stroke-width=\"14\"/>"
        + "<circle cx=\"60\" cy=\"60\" r=\"50\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"14\""
        + " pathLength=\"100\" stroke-dasharray=\"" + String.format(Locale.ROOT, "%.2f", p) + " 100\""
        + " transform=\"rotate(-90 60 60)\"/>"
        + "<text x=\"60\" y=\"67\" text-anchor=\"middle\" font-size=\"21\" font-weight=\"700\" fill=\"#1f2328\">"
        + esc(label) + "</text></svg>\n";
  }

  private String statusBadge() {
    return switch (r.status()) {
      case GRADED -> badge("graded", r.fullMarks() ? "good" : "neutral");
      case DOES_NOT_COMPILE -> badge("does not compile", "bad");
      case POLICY_VIOLATION -> badge("refused by the code policy", "bad");
      case REJECTED -> badge("rejected", "bad");
      case INFRASTRUCTURE_ERROR -> badge("infrastructure error", "warn");
    };
  }

  private void statusNotice() {
    switch (r.status()) {
      case GRADED -> { }
      case DOES_NOT_COMPILE -> {
        boolean hidden = r.compilation() != null && r.compilation().phase() != CompilePhase.SUBMISSION;
        notice("status", "bad", "The submission does not compile", r.statusMessage(),
            hidden ? "The hidden suites did not compile against the submission: its public API differs from the"
                + " brief's. Score 0." : "The candidate's code did not compile. Score 0.");
      }
      case POLICY_VIOLATION -> notice("status", "bad", "The submission breaks the code policy", r.statusMessage(),
          "It uses APIs the exercise's code policy forbids (listed below), so it was not run. Score 0.");
      case REJECTED -> notice("status", "bad", "The submission was rejected", r.statusMessage(),
          "It could not be read as a project (an unsafe or oversized archive, a repository that does not clone, no"
              + " Maven project). Score 0.");
      case INFRASTRUCTURE_ERROR -> notice("status", "warn", "Could not grade", r.statusMessage(),
          "The grader could not do its job; this is not the candidate's fault. Grade again once it is fixed.");
    }
  }

  private void runNotice() {
    GradeReport.RunInfo run = r.run();
    if (r.status() != GradeStatus.GRADED || run == null) {
      return;
    }
    boolean completed = "completed".equals(run.ending());
    if (completed && run.message() == null && run.testsNotRun() == 0) {
      return;
    }
    String heading = switch (run.ending() == null ? "" : run.ending()) {
      case "timed_out" -> "The run timed out";
      case "crashed" -> "The test JVM crashed";
      default -> run.testsNotRun() > 0 ? run.testsNotRun() + " tests did not run" : "The run ended early";
    };
    b.append("<section class=\"notice notice-warn\" id=\"run-ending\">\n<h2>").append(esc(heading)).append("</h2>\n");
    if (run.message() != null) {
      b.append("<p class=\"message\">").append(esc(run.message())).append("</p>\n");
    }
    List<String> facts = new ArrayList<>();
    if (run.message() == null && run.testsNotRun() > 0) {
      facts.add(run.testsNotRun() + " of " + run.testsPlanned() + " planned tests did not run");
    }
    if (run.exitCode() != null && run.exitCode() != 0) {
      facts.add("exit code " + run.exitCode());
    }
    if (!facts.isEmpty()) {
      b.append("<p class=\"muted small\">").append(esc(String.join(" · ", facts))).append("</p>\n");
    }
    collapsible("Output of the test JVM (stdout)", run.stdout());
    collapsible("Errors of the test JVM (stderr)", run.stderr());
    b.append("</section>\n");
  }

  private void notice(String id, String kind, String heading, String message, String explanation) {
    b.append("<section class=\"notice notice-").append(kind).append("\" id=\"").append(id).append("\">\n<h2>")
        .append(esc(heading)).append("</h2>\n");
    if (message != null && !message.isBlank()) {
      b.append("<p class=\"message\">").append(esc(message)).append("</p>\n");
    }
    b.append("<p class=\"muted small\">").append(esc(explanation)).append("</p>\n</section>\n");
  }

  private void compilation() {
    GradeReport.Compilation c = r.compilation();
    if (c == null) {
      return;
    }
    b.append("<section id=\"compilation\">\n<h2>Compiler errors</h2>\n");
    if (c.diagnostics().isEmpty()) {
      b.append("<p class=\"muted\">The compiler's errors are not part of this report.</p>\n</section>\n");
      return;
    }
    b.append("<table>\n<thead><tr><th scope=\"col\">Where</th><th scope=\"col\">Error</th></tr></thead>\n<tbody>\n");
    for (Diagnostic d : c.diagnostics()) {
      String where = d.file() == null ? "" : d.file() + ":" + d.line() + ":" + d.column();
      b.append("<tr><td class=\"mono nowrap\">").append(esc(where)).append("</td><td><pre>")
          .append(esc(d.message())).append("</pre></td></tr>\n");
    }
    b.append("</tbody>\n</table>\n</section>\n");
  }

  private void categories() {
    if (r.categories().isEmpty() || r.status() != GradeStatus.GRADED) {
      return;
    }
    b.append("<section id=\"categories\">\n<h2>Categories</h2>\n<div class=\"table-wrap\"><table>\n<thead><tr>")
        .append("<th scope=\"col\">Category</th><th scope=\"col\" style=\"width:34%\">Points</th>")
        .append("<th scope=\"col\" class=\"num\">Score</th><th scope=\"col\" class=\"num\">Tests passed</th>")
        .append("</tr></thead>\n<tbody>\n");
    for (CategoryScore c : r.categories()) {
      String label = c.title() + ": " + points(c.score()) + " of " + points(c.maxScore()) + " points";
      b.append("<tr class=\"category\" data-category=\"").append(esc(c.id())).append("\"><td><div class=\"cat-title\">")
          .append(esc(c.title())).append("</div>");
      if (c.hint() != null && !c.hint().isBlank()) {
        b.append("<div class=\"hint\">").append(esc(c.hint())).append("</div>");
      }
      if (!c.failedRules().isEmpty()) {
        b.append("<ul class=\"failed-rules\" aria-label=\"Rules of the brief that were broken\">");
        c.failedRules().forEach(rule -> b.append("<li data-rule=\"").append(esc(rule.id())).append("\">Broken: ")
            .append(esc(rule.brief())).append("</li>"));
        b.append("</ul>");
      }
      b.append("</td><td style=\"vertical-align:middle\">")
          .append(Html.bar(c.score(), c.maxScore(), label, "", "data-category=\"" + esc(c.id()) + "\""))
          .append("</td><td class=\"num\">").append(points(c.score())).append(" / ").append(points(c.maxScore()))
          .append("</td><td class=\"num\">").append(c.passed()).append(" / ").append(c.tests()).append("</td></tr>\n");
    }
    b.append("</tbody>\n</table></div>\n</section>\n");
  }

  private void lostPoints() {
    if (r.status() != GradeStatus.GRADED) {
      return;
    }
    List<TestScore> lost = r.tests().stream().filter(t -> !t.passed()).toList();
    if (r.tests().isEmpty()) {
      List<String> weak = r.categories().stream().filter(c -> c.passed() < c.tests() || c.score() < c.maxScore())
          .map(CategoryScore::title).toList();
      if (!weak.isEmpty()) {
        b.append("<section id=\"lost-points\">\n<h2>Where points were lost</h2>\n<p>Points were lost in ")
            .append(esc(joinWords(weak))).append(". Each category's description above says what it checks.</p>\n")
            .append("</section>\n");
      }
      return;
    }
    if (lost.isEmpty()) {
      return;
    }
    double total = lost.stream().mapToDouble(t -> t.maxScore() - t.score()).sum();
    b.append("<section id=\"lost-points\">\n<h2>Lost points <span class=\"muted small\">").append(lost.size())
        .append(lost.size() == 1 ? " test" : " tests").append(", −").append(points(total))
        .append(" points</span></h2>\n<div class=\"table-wrap\"><table>\n<thead><tr>")
        .append("<th scope=\"col\">Test and what happened</th><th scope=\"col\">Category</th>")
        .append("<th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Lost</th></tr></thead>\n<tbody>\n");
    for (TestScore t : lost) {
      b.append("<tr class=\"lost\"><td><div class=\"test-name\">").append(esc(t.name())).append("</div>");
      if (t.message() != null && !t.message().isBlank()) {
        b.append("<div class=\"message\">").append(esc(t.message())).append("</div>");
      } else {
        b.append("<div class=\"message muted\">").append(esc(defaultMessage(t.status()))).append("</div>");
      }
      collapsible("Output", t.output());
      collapsible("Stack trace", t.trace());
      b.append("</td><td>").append(esc(categoryTitle(t.category()))).append("</td><td>").append(statusBadge(t.status()))
          .append("</td><td class=\"num\">−").append(points(t.maxScore() - t.score())).append("</td></tr>\n");
    }
    b.append("</tbody>\n</table></div>\n</section>\n");
  }

  private void passedTests() {
    List<TestScore> passed = r.tests().stream().filter(TestScore::passed).toList();
    if (passed.isEmpty()) {
      return;
    }
    b.append("<section id=\"passed\">\n<details>\n<summary>Passed tests (").append(passed.size())
        .append(")</summary>\n<ul class=\"plain\">\n");
    for (TestScore t : passed) {
      b.append("<li><span class=\"mono small\">").append(esc(t.name())).append("</span> <span class=\"muted small\">")
          .append(esc(categoryTitle(t.category()))).append(" · +").append(points(t.score())).append(" · ")
          .append(esc(Html.seconds(t.duration()))).append("</span></li>\n");
    }
    b.append("</ul>\n</details>\n</section>\n");
  }

  private void flags() {
    if (r.flags().isEmpty()) {
      return;
    }
    List<Flag> sorted = new ArrayList<>(r.flags());
    sorted.sort(Comparator.comparingInt(f -> severityRank(f.severity())));
    b.append("<section id=\"flags\">\n<h2>Review flags <span class=\"muted small\">").append(sorted.size())
        .append("</span></h2>\n<p class=\"muted small\">Things in the submission a reviewer should look at. "
            + "Flags do not change the score.</p>\n")
        .append("<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Kind</th>")
        .append("<th scope=\"col\">Where</th><th scope=\"col\">What</th></tr></thead>\n<tbody>\n");
    for (Flag f : sorted) {
      b.append("<tr class=\"flag\"><td>").append(severityBadge(f.severity())).append("</td><td class=\"mono nowrap\">")
          .append(esc(f.kind())).append("</td><td class=\"mono\">").append(esc(f.location())).append("</td><td>")
          .append(esc(f.message())).append("</td></tr>\n");
    }
    b.append("</tbody>\n</table></div>\n</section>\n");
  }

  private void changes() {
    ChangeSummary c = r.changes();
    if (c == null) {
      return;
    }
    b.append("<section id=\"changes\">\n<h2>Changes from the starter</h2>\n");
    if (c.added().isEmpty() && c.changed().isEmpty() && c.removed().isEmpty()) {
      b.append("<p>No file differs from the starter.</p>\n</section>\n");
      return;
    }
    b.append("<p>").append(count(c.added().size(), "file")).append(" added · ").append(c.changed().size())
        .append(" changed · ").append(c.removed().size()).append(" removed · <span class=\"nowrap\">+")
        .append(c.linesAdded()).append(" / −").append(c.linesRemoved()).append(" lines</span></p>\n");
    b.append("<div class=\"files\">\n");
    fileList("Added", c.added());
    fileList("Changed", c.changed());
    fileList("Removed", c.removed());
    b.append("</div>\n</section>\n");
  }

  private void fileList(String heading, List<String> files) {
    if (files.isEmpty()) {
      return;
    }
    b.append("<details").append(files.size() <= OPEN_FILE_LIST ? " open" : "").append(">\n<summary>")
        .append(esc(heading)).append(" (").append(files.size()).append(")</summary>\n<ul class=\"plain mono small\">\n");
    for (String f : files) {
      b.append("<li>").append(esc(f)).append("</li>\n");
    }
    b.append("</ul>\n</details>\n");
  }

  private void warnings() {
    if (r.warnings().isEmpty()) {
      return;
    }
    b.append("<section id=\"warnings\">\n<h2>Warnings</h2>\n<ul class=\"plain\">\n");
    for (String w : r.warnings()) {
      b.append("<li class=\"message\">").append(esc(w)).append("</li>\n");
    }
    b.append("</ul>\n</section>\n");
  }

  private void details() {
    b.append("<section id=\"run-details\">\n<h2>About this run</h2>\n<dl class=\"facts-grid\">\n");
    fact("Seed", r.seed() + "  (repeat with --seed " + r.seed() + ")");
    GradeReport.Timing t = r.timing();
    if (t != null) {
      fact("Timing", "resolve " + Html.seconds(t.resolve()) + " · compile " + Html.seconds(t.compile()) + " · policy "
          + Html.seconds(t.policy()) + " · tests " + Html.seconds(t.tests()) + " · total " + Html.seconds(t.total()));
    }
    GradeReport.Environment e = r.environment();
    if (e != null) {
      fact("JDK", e.java());
      fact("OS", e.os());
      fact("Database", e.database());
    }
    fact("Started", r.startedAt());
    fact("Grader", r.graderVersion() == null ? null : "version " + r.graderVersion() + " · report format "
        + (r.format() == null ? GradeReport.FORMAT : r.format()) + " v" + r.version());
    b.append("</dl>\n</section>\n");
  }

  private void fact(String name, String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    b.append("<dt>").append(esc(name)).append("</dt><dd>").append(esc(value)).append("</dd>\n");
  }

  private void collapsible(String summary, String text) {
    if (text == null || text.isEmpty()) {
      return;
    }
    b.append("<details><summary>").append(esc(summary)).append("</summary><pre>").append(esc(text))
        .append("</pre></details>");
  }

  private String categoryTitle(String id) {
    return r.categories().stream().filter(c -> c.id().equals(id)).map(CategoryScore::title).findFirst().orElse(id);
  }

  private static String statusBadge(TestStatus s) {
    return switch (s) {
      case PASSED -> badge("passed", "good");
      case FAILED -> badge("failed", "bad");
      case CRASHED -> badge("crashed", "bad");
      case TIMED_OUT -> badge("timed out", "warn");
      case NOT_RUN -> badge("not run", "neutral");
      case SKIPPED -> badge("skipped", "neutral");
    };
  }

  private static String defaultMessage(TestStatus s) {
    return switch (s) {
      case PASSED -> "";
      case FAILED -> "The test failed without a message.";
      case CRASHED -> "The test JVM ended while this test ran.";
      case TIMED_OUT -> "The test ran past its time limit.";
      case NOT_RUN -> "The test never ran: the run ended or was stopped before it.";
      case SKIPPED -> "The test was skipped (disabled or aborted by an assumption).";
    };
  }

  /** Alerts first, then warnings, then information. */
  private static int severityRank(Flag.Severity severity) {
    return switch (severity) {
      case ALERT -> 0;
      case WARNING -> 1;
      case INFO -> 2;
    };
  }

  private static String severityBadge(Flag.Severity severity) {
    String kind = switch (severity) {
      case ALERT -> "bad";
      case WARNING -> "warn";
      case INFO -> "info";
    };
    return badge(severity.id(), kind);
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String joinWords(List<String> words) {
    if (words.size() == 1) {
      return words.get(0);
    }
    return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
  }

  /** The last path element of a submission path ({@code /home/hr/submissions/alice} gives {@code alice}). */
  private static String displayName(String submission) {
    String s = submission.replace('\\', '/');
    while (s.length() > 1 && s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    int slash = s.lastIndexOf('/');
    return slash < 0 || slash == s.length() - 1 ? s : s.substring(slash + 1);
  }
}
