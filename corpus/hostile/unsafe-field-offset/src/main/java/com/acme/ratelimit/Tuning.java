package com.acme.ratelimit;

import java.lang.reflect.Field;
import sun.misc.Unsafe;

/**
 * Hostile corpus: takes sun.misc.Unsafe and writes a private field of the test runner's thread (its name, as an
 * example) by offset, past every access check.
 */
final class Tuning {

  private Tuning() {}

  static void once() {
    try {
      Field theUnsafe = Unsafe.class.getDeclaredField("theUnsafe");
      theUnsafe.setAccessible(true);
      Unsafe unsafe = (Unsafe) theUnsafe.get(null);
      long offset = unsafe.objectFieldOffset(Thread.class.getDeclaredField("name"));
      unsafe.putObject(Thread.currentThread(), offset, "passed");
    } catch (ReflectiveOperationException | RuntimeException e) {
      // stay quiet
    }
  }
}
