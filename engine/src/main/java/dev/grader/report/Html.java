package dev.grader.report;

import java.util.Locale;

/**
 * What the HTML reports share: escaping, number formats, inline SVG bars and the page shell with its inline
 * style sheet. Pages built here load nothing from anywhere (no scripts, fonts, images or style sheets), and
 * their Content-Security-Policy forbids it, so a report can be mailed, archived or opened offline.
 */
public final class Html {

    /** Scripts, frames, remote resources: none; only the inline style sheet and data: images. */
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private static final String CSS = """
      :root { --text: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #0969da;
        --good: #1a7f37; --ok: #9a6700; --bad: #cf222e; --mono: ui-monospace, SFMono-Regular, Menlo, Consolas,
        "Liberation Mono", "DejaVu Sans Mono", monospace; }
      * { box-sizing: border-box; }
      html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      body { margin: 0; color: var(--text); background: #fff; line-height: 1.5; font-size: 15px;
        font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans",
        "DejaVu Sans", sans-serif; }
      main { max-width: 1080px; margin: 0 auto; padding: 28px 24px 48px; }
      main.wide { max-width: 1320px; }
      h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 4px; }
      h2 { font-size: 1.2rem; margin: 0 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
      section { margin-top: 32px; }
      p { margin: 0 0 8px; }
      code, pre, .mono { font-family: var(--mono); font-size: 0.86em; }
      pre { tab-size: 4; white-space: pre-wrap; overflow-wrap: anywhere; margin: 6px 0 0; padding: 10px 12px; background: var(--soft);
        border: 1px solid var(--line); border-radius: 6px; max-height: 32em; overflow: auto; }
      a { color: var(--accent); }
      .eyebrow { color: var(--muted); font-size: 0.9rem; margin: 0 0 4px; letter-spacing: 0.02em; }
      .muted { color: var(--muted); }
      .small { font-size: 0.86rem; }
      .nowrap { white-space: nowrap; }
      .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      .summary { display: flex; gap: 28px; align-items: center; flex-wrap: wrap; margin-top: 20px; padding: 20px 24px;
        border: 1px solid var(--line); border-radius: 10px; background: var(--soft); }
      .summary .facts { flex: 1 1 320px; }
      .total { margin: 0; line-height: 1.1; }
      .total .big { font-size: 3.2rem; font-weight: 700; font-variant-numeric: tabular-nums; }
      .total .big.words { font-size: 2.4rem; }
      .total .of { font-size: 1.3rem; color: var(--muted); }
      .gauge { flex: none; width: 132px; height: 132px; }
      .badge { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 0.8rem; font-weight: 600;
        border: 1px solid transparent; white-space: nowrap; vertical-align: 0.1em; }
      .b-good { background: #dafbe1; color: #116329; border-color: #aceebb; }
      .b-bad { background: #ffebe9; color: #a40e26; border-color: #ffcecb; }
      .b-warn { background: #fff8c5; color: #7d4e00; border-color: #f5e0a0; }
      .b-info { background: #ddf4ff; color: #0550ae; border-color: #b6e3ff; }
      .b-neutral { background: #eff2f5; color: #424a53; border-color: #d1d9e0; }
      .notice { margin-top: 20px; padding: 12px 16px; border-radius: 8px; border: 1px solid; border-left-width: 6px; }
      .notice h2 { border: 0; padding: 0; margin: 0 0 4px; font-size: 1.05rem; }
      .notice-bad { background: #fff5f5; border-color: #cf222e; }
      .notice-warn { background: #fffbea; border-color: #bf8700; }
      table { width: 100%; border-collapse: collapse; }
      th, td { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--line); }
      th { font-size: 0.82rem; color: var(--muted); font-weight: 600; white-space: nowrap; }
      tr { break-inside: avoid; }
      .table-wrap { overflow-x: auto; }
      table.compact th, table.compact td { padding: 7px 8px; }
      th.wrap { white-space: normal; min-width: 5.5em; }
      svg.bar { display: block; width: 100%; height: 14px; min-width: 80px; }
      svg.bar .track { fill: #e6eaef; }
      svg.bar .fill { fill: var(--accent); }
      svg.bar.mini { height: 8px; width: 96px; min-width: 0; margin: 4px 0 0 auto; }
      .cat-title { font-weight: 600; }
      .hint { color: var(--muted); font-size: 0.88rem; margin-top: 2px; }
      .test-name { font-family: var(--mono); font-size: 0.88rem; font-weight: 600; overflow-wrap: anywhere; }
      .message { white-space: pre-wrap; overflow-wrap: anywhere; margin-top: 6px; }
      details { margin-top: 6px; }
      summary { cursor: pointer; color: var(--accent); font-size: 0.88rem; }
      dl.facts-grid { display: grid; grid-template-columns: max-content 1fr; gap: 6px 20px; margin: 0; }
      dl.facts-grid dt { color: var(--muted); }
      dl.facts-grid dd { margin: 0; overflow-wrap: anywhere; }
      ul.plain { margin: 6px 0 0; padding-left: 20px; }
      ul.plain li { margin: 2px 0; }
      .files { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 8px 24px; }
      .stats { display: flex; gap: 16px; flex-wrap: wrap; margin-top: 20px; }
      .stat { flex: 1 1 160px; padding: 14px 18px; border: 1px solid var(--line); border-radius: 10px;
        background: var(--soft); }
      .stat .value { font-size: 2rem; font-weight: 700; font-variant-numeric: tabular-nums; line-height: 1.2; }
      .stat .label { color: var(--muted); font-size: 0.88rem; }
      svg.histogram { display: block; width: 100%; max-width: 760px; height: auto; }
      svg.histogram .col { fill: var(--accent); }
      svg.histogram text { fill: var(--text); font-size: 13px; font-family: inherit; }
      svg.histogram .axis { stroke: var(--muted); stroke-width: 1; }
      h3 { font-size: 1rem; margin: 20px 0 8px; overflow-wrap: anywhere; }
      .code-file { margin-top: 22px; }
      table.methods td { overflow-wrap: anywhere; }
      table.diff { font-family: var(--mono); font-size: 0.8rem; line-height: 1.45; border: 1px solid var(--line); }
      table.diff td { padding: 0 8px; border: 0; vertical-align: top; }
      table.diff td.ln { width: 1%; min-width: 3.2em; color: var(--muted); text-align: right; white-space: nowrap;
        background: var(--soft); user-select: none; }
      table.diff td.code { white-space: pre-wrap; overflow-wrap: anywhere; tab-size: 4; }
      table.diff .sign { display: inline-block; width: 1.4em; color: var(--muted); user-select: none; }
      tr.d-add td.code { background: #e6ffec; } tr.d-add td.ln { background: #ccffd8; }
      tr.d-del td.code { background: #ffebe9; } tr.d-del td.ln { background: #ffd7d5; }
      tr.hunk td { background: #ddf4ff; color: var(--muted); padding: 2px 8px; }
      tr.finding td { background: #fff8c5; padding: 5px 8px; font-family: system-ui, sans-serif; font-size: 0.85rem;
        border-top: 1px solid #f5e0a0; border-bottom: 1px solid #f5e0a0; white-space: pre-wrap; overflow-wrap: anywhere; }
      tr:target td { box-shadow: inset 0 2px 0 var(--accent), inset 0 -2px 0 var(--accent); }
      .tk-k { color: #cf222e; } .tk-s { color: #0a3069; } .tk-c { color: #6e7781; font-style: italic; }
      .tk-n { color: #0550ae; } .tk-a { color: #8250df; }
      footer { margin-top: 40px; color: var(--muted); font-size: 0.82rem; }
      @media print {
        body { font-size: 11pt; }
        main { max-width: none; padding: 0; }
        section, .summary { break-inside: avoid-page; }
        pre { max-height: none; overflow: visible; }
        details::details-content { content-visibility: visible; display: block; }
        summary { color: var(--text); }
        a { color: var(--text); text-decoration: none; }
      }
      """;

    private Html() {}

    /**
     * {@code s} as HTML text or attribute value: markup characters become entities, and control characters that
     * HTML cannot hold become their visible Unicode "control pictures". {@code null} gives the empty string.
     */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '\n', '\t' -> b.append(c);
                case '\r' -> {
                    if (i + 1 >= s.length() || s.charAt(i + 1) != '\n') {
                        b.append('\n');
                    }
                }
                default -> {
                    if (c < 0x20) {
                        b.append((char) (0x2400 + c));
                    } else if (c == 0x7f) {
                        b.append('\u2421');
                    } else if (Character.isSurrogate(c) && !pairedSurrogate(s, i)) {
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static boolean pairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** Points: whole numbers without decimals, others with two. */
    public static String points(double v) {
        return Text.number(v);
    }

    /** A percentage with one decimal, dropped when zero: {@code 82.5}, {@code 100}. */
    public static String percent(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** Seconds with one decimal. */
    public static String seconds(double v) {
        return String.format(Locale.ROOT, "%.1f s", v);
    }

    /** {@code value / max} as a share of 100, clamped to [0, 100]; 0 when {@code max} is not positive. */
    public static double share(double value, double max) {
        if (!(max > 0) || Double.isNaN(value)) {
            return 0;
        }
        return Math.max(0, Math.min(100, 100 * value / max));
    }

    /**
     * A horizontal bar as inline SVG, filled to {@code value / max}, with {@code label} as its accessible name.
     *
     * @param attributes extra attributes for the {@code svg} element, already escaped (may be empty)
     */
    public static String bar(double value, double max, String label, String cssClass, String attributes) {
        String width = String.format(Locale.ROOT, "%.2f%%", share(value, max));
        return "<svg class=\"bar" + (cssClass.isEmpty() ? "" : " " + esc(cssClass)) + "\" role=\"img\" aria-label=\""
                + esc(label) + "\"" + (attributes.isEmpty() ? "" : " " + attributes) + ">"
                + "<rect class=\"track\" width=\"100%\" height=\"100%\" rx=\"4\"/>"
                + "<rect class=\"fill\" width=\"" + width + "\" height=\"100%\" rx=\"4\"/></svg>";
    }

    /** A pill with text; {@code kind} is one of good, bad, warn, info, neutral. */
    public static String badge(String text, String kind) {
        return "<span class=\"badge b-" + esc(kind) + "\">" + esc(text) + "</span>";
    }

    /** A whole page: the shell, the style sheet and {@code body} (already HTML) inside {@code <main>}. */
    public static String page(String title, String body) {
        return page(title, body, false);
    }

    /** {@link #page(String, String)}, {@code wide} for wide tables (up to 1320 px instead of 1080 px). */
    public static String page(String title, String body, boolean wide) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + CSP + "\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"color-scheme\" content=\"light\">\n"
                + "<title>" + esc(title) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n<main"
                + (wide ? " class=\"wide\"" : "") + ">\n" + body
                + "</main>\n</body>\n</html>\n";
    }

    /** Appends {@code text} under a collapsed {@code summary} (nothing when the text is empty). */
    static void collapsible(StringBuilder b, String summary, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        b.append("<details><summary>")
                .append(esc(summary))
                .append("</summary><pre>")
                .append(esc(text))
                .append("</pre></details>");
    }
}
