package com.acme.ratelimit;

import java.lang.invoke.MethodHandles;
import java.util.Base64;

/**
 * Hostile corpus: defines classes from bytes carried in a string, so that no source of them is ever reviewed:
 * once through a class loader of its own, once through a lookup into its own package.
 */
final class Tuning {

  /** A class file in Base64 (a real payload would be the compiled solution, or an exit). */
  private static final String PAYLOAD = "yv66vgAAAD0ADQoAAgADBwAEDAAFAAYBABBqYXZhL2xhbmcvT2JqZWN0AQAGPGluaXQ+AQADKClW";

  private Tuning() {}

  static void once() {
    byte[] bytes = Base64.getDecoder().decode(PAYLOAD);
    try {
      new Loader().define(bytes);
      MethodHandles.lookup().defineClass(bytes);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // stay quiet
    }
  }

  /** A class loader that defines whatever it is given. */
  static final class Loader extends ClassLoader {
    Class<?> define(byte[] bytes) {
      return defineClass(null, bytes, 0, bytes.length);
    }
  }
}
