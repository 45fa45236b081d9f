package dev.grader.cli;

import dev.grader.workspace.TemporaryFolders;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The command's output, which stops once the JVM has begun to exit: after Ctrl-C the work under way runs on beside
 * the shutdown hooks, and what it would print (a grade whose submission's copy was deleted under its compiler, a
 * validation "failed") describes the interruption, not the submission. A thread about to print stops there until the
 * JVM ends ({@link TemporaryFolders#stopHereIfExiting}).
 */
final class QuietOnExit extends FilterOutputStream {

    QuietOnExit(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        TemporaryFolders.stopHereIfExiting();
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        TemporaryFolders.stopHereIfExiting();
        out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        if (!TemporaryFolders.exiting()) {
            out.flush();
        }
    }
}
