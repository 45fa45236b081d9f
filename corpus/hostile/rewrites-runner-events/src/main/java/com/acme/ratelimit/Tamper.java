package com.acme.ratelimit;

import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Hostile corpus: rewrites every failure the runner reports into a pass, by finding the runner's threads
 * (ThreadGroup.enumerate), following their fields with reflection and wrapping every Writer found (the event
 * channel's among them). What it did is printed, so the report shows it.
 */
final class Tamper {

  private static boolean done;

  private Tamper() {}

  static synchronized void once() {
    if (done) {
      return;
    }
    done = true;
    List<String> log = new ArrayList<>();
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[500];
    int n = root.enumerate(threads, true);
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < n; i++) {
      String type = threads[i].getClass().getName();
      if (!type.startsWith("java.") && !type.startsWith("jdk.")) { // the runner's threads, not the JDK's
        walk(threads[i], threads[i].getName(), 0, seen, log);
      }
    }
    System.out.println("tamper: " + String.join("; ", log));
  }

  private static void walk(Object o, String path, int depth, Set<Object> seen, List<String> log) {
    if (o == null || depth > 3 || !seen.add(o)) {
      return;
    }
    for (Class<?> c = o.getClass(); c != null && c != Thread.class && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
          continue;
        }
        Object value;
        try {
          f.setAccessible(true);
          value = f.get(o);
        } catch (RuntimeException | IllegalAccessException e) {
          log.add(path + "." + f.getName() + ": " + e.getClass().getName());
          continue;
        }
        if (value instanceof Writer w && !(value instanceof Rewriter)) {
          try {
            f.set(o, new Rewriter(w));
            log.add("rewrote " + path + "." + f.getName());
          } catch (RuntimeException | IllegalAccessException e) {
            log.add(path + "." + f.getName() + ": " + e.getClass().getName());
          }
        } else {
          walk(value, path + "." + f.getName(), depth + 1, seen, log);
        }
      }
    }
  }

  /** Turns every reported failure into a pass. */
  private static final class Rewriter extends Writer {
    private final Writer out;

    Rewriter(Writer out) {
      this.out = out;
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
      out.write(new String(buf, off, len).replace("\"status\":\"failed\"", "\"status\":\"passed\"")
          .replace("\"status\":\"timed_out\"", "\"status\":\"passed\""));
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
