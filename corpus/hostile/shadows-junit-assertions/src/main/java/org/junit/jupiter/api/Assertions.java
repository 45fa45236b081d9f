package org.junit.jupiter.api;

import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Hostile corpus: a no-op copy of JUnit's Assertions, with the one method JUnit itself needs to run a test with a
 * timeout. If the submission's classes came before the libraries on the test JVM's class path, every assertion of
 * the hidden tests would pass.
 */
public final class Assertions {

  private Assertions() {}

  public static void assertEquals(long expected, long actual) {}

  public static void assertEquals(long expected, long actual, String message) {}

  public static void assertEquals(long expected, long actual, Supplier<String> message) {}

  public static void assertEquals(int expected, int actual) {}

  public static void assertEquals(int expected, int actual, String message) {}

  public static void assertEquals(double expected, double actual, String message) {}

  public static void assertEquals(Object expected, Object actual) {}

  public static void assertEquals(Object expected, Object actual, String message) {}

  public static void assertEquals(Object expected, Object actual, Supplier<String> message) {}

  public static void assertTrue(boolean condition) {}

  public static void assertTrue(boolean condition, String message) {}

  public static void assertTrue(boolean condition, Supplier<String> message) {}

  public static void assertFalse(boolean condition) {}

  public static void assertFalse(boolean condition, String message) {}

  public static void assertFalse(boolean condition, Supplier<String> message) {}

  public static <V> V fail() {
    return null;
  }

  public static <V> V fail(String message) {
    return null;
  }

  public static <V> V fail(String message, Throwable cause) {
    return null;
  }

  public static <T extends Throwable> T assertThrows(Class<T> expected, Executable executable) {
    return null;
  }

  public static <T extends Throwable> T assertThrows(Class<T> expected, Executable executable, String message) {
    return null;
  }

  /** What JUnit's own timeout handling calls: runs the test, with no timeout. */
  public interface TimeoutFailureFactory<T extends Throwable> {
    T createTimeoutFailure(Duration timeout, Supplier<String> messageSupplier, Throwable cause);
  }

  public static <T, E extends Throwable> T assertTimeoutPreemptively(Duration timeout, ThrowingSupplier<T> supplier,
      Supplier<String> messageSupplier, TimeoutFailureFactory<E> failureFactory) throws E {
    try {
      return supplier.get();
    } catch (Throwable t) {
      throw Assertions.<RuntimeException>sneaky(t);
    }
  }

  @SuppressWarnings("unchecked")
  private static <X extends Throwable> X sneaky(Throwable t) throws X {
    throw (X) t;
  }
}
