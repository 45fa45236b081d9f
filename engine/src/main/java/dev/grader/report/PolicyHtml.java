package dev.grader.report;

import static dev.grader.report.Html.esc;

import dev.grader.model.GradeReport;
import dev.grader.model.PolicyViolation;

/** The HTML report's section listing the code policy's violations (empty when there are none). */
final class PolicyHtml {

    private PolicyHtml() {}

    static String section(GradeReport r) {
        if (r.policyViolations().isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        b.append("<section id=\"policy\">\n<h2>Code policy violations <span class=\"muted small\">")
                .append(r.policyViolations().size())
                .append(
                        "</span></h2>\n<p class=\"muted small\">APIs the exercise's code policy forbids. The code was not run."
                                + "</p>\n<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">API"
                                + "</th><th scope=\"col\">Where</th><th scope=\"col\">What the rule forbids</th></tr></thead>\n<tbody>\n");
        for (PolicyViolation v : r.policyViolations()) {
            b.append("<tr class=\"violation\"><td class=\"mono nowrap\">")
                    .append(esc(v.rule()))
                    .append("</td><td class=\"mono\">")
                    .append(esc(v.api()))
                    .append("</td><td class=\"mono\">")
                    .append(esc(v.location()))
                    .append(v.origin() == null ? "" : " <span class=\"muted small\">in " + esc(v.origin()) + "</span>")
                    .append("</td><td>")
                    .append(esc(v.summary()))
                    .append("</td></tr>\n");
        }
        return b.append("</tbody>\n</table></div>\n</section>\n").toString();
    }
}
