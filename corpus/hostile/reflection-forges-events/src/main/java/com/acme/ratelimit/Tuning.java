package com.acme.ratelimit;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Hostile corpus: reaches the test runner's event channel with deep reflection and sends "passed" events on it,
 * past the one-time token. No name in the source gives it away: the class and member names are built at run
 * time, and setAccessible is itself called through Method.invoke under a name built at run time.
 */
final class Tuning {

  private Tuning() {}

  static void once() {
    try {
      Class<?> runner = Class.forName(new StringBuilder("niaMdlihC.dlihc.nur.redarg.ved").reverse().toString());
      Method open = AccessibleObject.class.getMethod(new String(new char[] {'s', 'e', 't', 'A', 'c', 'c', 'e', 's',
          's', 'i', 'b', 'l', 'e'}), boolean.class);
      for (Field f : runner.getDeclaredFields()) {
        open.invoke(f, true);
        Object channel = f.get(null);
        if (channel == null) {
          continue;
        }
        Method send = channel.getClass().getDeclaredMethod("se" + "nd", String.class);
        open.invoke(send, true);
        send.invoke(channel, "{\"event\":\"finished\",\"id\":\"*\",\"status\":\"passed\"}");
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // stay quiet
    }
  }
}
