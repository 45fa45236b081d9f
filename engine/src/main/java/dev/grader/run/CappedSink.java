package dev.grader.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Drains a stream on its own thread, keeping the first bytes and counting the rest. */
final class CappedSink {

  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private final int cap;
  private long total;
  private final Thread thread;

  CappedSink(InputStream in, int cap, String name) {
    this.cap = cap;
    this.thread = new Thread(() -> drain(in), name);
    thread.setDaemon(true);
    thread.start();
  }

  private void drain(InputStream in) {
    byte[] buf = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        synchronized (this) {
          int room = Math.max(0, Math.min(n, cap - kept.size()));
          kept.write(buf, 0, room);
          total += n;
        }
      }
    } catch (IOException e) {
      // the process is gone; what was read is kept
    }
  }

  /** What was kept, with a note of what was not; null when nothing was written. */
  String excerpt(long waitMillis) {
    try {
      thread.join(waitMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (total == 0) {
        return null;
      }
      String s = kept.toString(StandardCharsets.UTF_8);
      return total > kept.size() ? s + "\n[" + (total - kept.size()) + " more bytes not kept]" : s;
    }
  }
}
