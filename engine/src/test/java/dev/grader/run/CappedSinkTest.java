package dev.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The test JVM's raw output: the first bytes, the last bytes, and a count of the rest. */
class CappedSinkTest {

    private static void feed(CappedSink sink, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        sink.accept(b, 0, b.length);
    }

    @Test
    void nothingWrittenIsNull() {
        assertNull(new CappedSink(16).excerpt(0));
    }

    @Test
    void shortOutputIsKeptWhole() {
        CappedSink sink = new CappedSink(16);
        feed(sink, "hello");
        feed(sink, " world");
        assertEquals("hello world", sink.excerpt(0));
        assertEquals(11, sink.total());
    }

    @Test
    void longOutputKeepsTheHeadAndTheTailAndCountsWhatWasDropped() {
        CappedSink sink = new CappedSink(10);
        feed(sink, "0123456789");
        for (int i = 0; i < 1000; i++) {
            feed(sink, "xxxxxxxxxx");
        }
        String last = "Terminating due to java.lang.OutOfMemoryError: Java heap space\n";
        feed(sink, last);
        String excerpt = sink.excerpt(0);
        assertTrue(excerpt.startsWith("0123456789\n["), excerpt);
        long dropped = 10 * 1000 + last.length() - CappedSink.TAIL;
        assertTrue(excerpt.contains("[" + dropped + " bytes not kept]"), excerpt);
        assertTrue(excerpt.endsWith("OutOfMemoryError: Java heap space\n"), excerpt);
        assertTrue(sink.contains("Terminating due to java.lang.OutOfMemoryError: "), "the JVM's last words are kept");
        assertEquals(10 + 10 * 1000 + last.length(), sink.total());
    }
}
