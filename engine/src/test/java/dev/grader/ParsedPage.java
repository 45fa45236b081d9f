package dev.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;

/**
 * An HTML report parsed the way a browser parses it (jsoup follows the HTML5 parsing rules), for tests that assert on
 * the elements and the text a person sees rather than on the markup's formatting.
 */
public final class ParsedPage {

    /** Elements that would load or run something from outside the page. */
    private static final List<String> EXTERNAL_ELEMENTS =
            List.of("script", "img", "iframe", "object", "embed", "link", "frame", "base", "audio", "video", "source");

    private final Document doc;

    private ParsedPage(Document doc) {
        this.doc = doc;
    }

    public static ParsedPage parse(String html) {
        return new ParsedPage(Jsoup.parse(html));
    }

    public Document document() {
        return doc;
    }

    /** The elements matching {@code css}, in document order. */
    public Elements all(String css) {
        return doc.select(css);
    }

    /** The one element matching {@code css}; fails when there is none or more than one. */
    public Element one(String css) {
        Elements found = doc.select(css);
        assertEquals(1, found.size(), "elements matching " + css);
        return found.first();
    }

    /** Whether some element matches {@code css}. */
    public boolean has(String css) {
        return !doc.select(css).isEmpty();
    }

    /** The text a person reads in the one element matching {@code css} (whitespace collapsed). */
    public String text(String css) {
        return one(css).text();
    }

    /** The texts of every element matching {@code css}, in document order. */
    public List<String> texts(String css) {
        return doc.select(css).eachText();
    }

    /** The text of the whole page as read (the title and the body). */
    public String visibleText() {
        return doc.title() + "\n" + doc.body().text();
    }

    /** The cell of {@code row} under the column headed {@code header} in its table's {@code thead}. */
    public static Element cell(Element row, String header) {
        Element table = row.closest("table");
        assertTrue(table != null, "the row is inside a table: " + row);
        List<String> headers = table.select("thead th").eachText();
        int column = headers.indexOf(header);
        assertTrue(column >= 0, "no column " + header + " in " + headers);
        Elements cells = row.children();
        assertEquals(headers.size(), cells.size(), "cells of the row " + row.text());
        return cells.get(column);
    }

    /** The badge inside {@code container} as its classes and its text ("badge b-warn timed out"), or what is there. */
    public static String badge(Element container) {
        Element badge = container.selectFirst(".badge");
        return badge == null ? "no badge in " + container : badge.className() + " " + badge.text();
    }

    /** How many text nodes of the page hold {@code text} (each counted once per occurrence). */
    public int textOccurrences(String text) {
        int n = 0;
        for (Element e : doc.getAllElements()) {
            for (TextNode t : e.textNodes()) {
                String s = t.getWholeText();
                for (int i = s.indexOf(text); i >= 0; i = s.indexOf(text, i + text.length())) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Everything the page holds apart from its markup: every text node, every attribute value and the style sheet,
     * one per line (for "this never appears on the page" checks).
     */
    public String allTextAndAttributes() {
        StringBuilder all = new StringBuilder();
        for (Element e : doc.getAllElements()) {
            e.attributes().forEach(a -> all.append(a.getValue()).append('\n'));
            e.textNodes().forEach(t -> all.append(t.getWholeText()).append('\n'));
            e.dataNodes().forEach(d -> all.append(d.getWholeData()).append('\n'));
        }
        return all.toString();
    }

    /** Every attribute of every element whose name starts with {@code on} (an event handler), as name=value. */
    public List<String> eventHandlers() {
        List<String> found = new ArrayList<>();
        for (Element e : doc.getAllElements()) {
            for (Attribute a : e.attributes()) {
                if (a.getKey().toLowerCase(Locale.ROOT).startsWith("on")) {
                    found.add(e.tagName() + "@" + a.getKey() + "=" + a.getValue());
                }
            }
        }
        return found;
    }

    /**
     * Asserts the page can neither load nor run anything: no script, image, frame, object or style-sheet link element,
     * no event-handler attribute, no src or href pointing off the page, and a Content-Security-Policy meta tag in the
     * head that starts by forbidding everything.
     */
    public void assertSelfContained(String what) {
        for (String tag : EXTERNAL_ELEMENTS) {
            assertTrue(doc.getElementsByTag(tag).isEmpty(), "a " + tag + " element in " + what);
        }
        assertEquals(List.of(), eventHandlers(), "event handlers in " + what);
        for (Element e : doc.select("[src], [href]")) {
            for (String attribute : List.of("src", "href")) {
                String v = e.attr(attribute).trim().toLowerCase(Locale.ROOT);
                if (v.startsWith("//") || v.matches("^[a-z][a-z0-9+.-]*:.*")) {
                    fail(attribute + "=\"" + e.attr(attribute) + "\" leaves the page in " + what);
                }
            }
        }
        Elements csp = doc.select("head > meta[http-equiv=Content-Security-Policy]");
        assertEquals(1, csp.size(), "one Content-Security-Policy meta tag in the head of " + what);
        assertTrue(
                csp.attr("content").startsWith("default-src 'none';"),
                "the page forbids loading anything: " + csp.attr("content"));
        for (Element style : doc.select("style")) {
            for (String external : List.of("@import", "url(", "@font-face")) {
                assertFalse(style.data().contains(external), external + " in the style sheet of " + what);
            }
        }
    }
}
