package com.acme.ratelimit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Hostile corpus: finds the test runner's classes on its own call stack (no class name in the source), opens each
 * with a private lookup and reads or overwrites its private static fields through var handles.
 */
final class Tuning {

  private Tuning() {}

  static void once() {
    List<Class<?>> callers = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass).collect(Collectors.toList()));
    for (Class<?> caller : callers) {
      try {
        MethodHandles.Lookup inside = MethodHandles.privateLookupIn(caller, MethodHandles.lookup());
        VarHandle limit = inside.findStaticVarHandle(caller, "perTestMillis", long.class);
        limit.set(Long.MAX_VALUE);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // not this one
      }
    }
  }
}
