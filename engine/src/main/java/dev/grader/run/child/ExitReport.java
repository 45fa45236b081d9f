package dev.grader.run.child;

/**
 * A shutdown hook that tells the grader who called {@code System.exit} (or {@code Runtime.exit}) before the
 * JVM goes: the exit status itself the grader reads from the process. The runner ends the JVM with
 * {@code Runtime.halt}, which runs no hooks, so this only speaks when the code under test exits.
 */
final class ExitReport implements Runnable {

    private final EventChannel channel;

    ExitReport(EventChannel channel) {
        this.channel = channel;
    }

    @Override
    public void run() {
        String via = "System.exit";
        String caller = null;
        String initialiserOf = null;
        String thread = null;
        for (var entry : Thread.getAllStackTraces().entrySet()) {
            StackTraceElement[] frames = entry.getValue();
            int exitFrame = -1;
            for (int i = 0; i < frames.length; i++) {
                if ("java.lang.Shutdown".equals(frames[i].getClassName()) && "exit".equals(frames[i].getMethodName())) {
                    exitFrame = i;
                    break;
                }
            }
            if (exitFrame < 0) {
                continue;
            }
            thread = entry.getKey().getName();
            via = "Runtime.exit";
            int i = exitFrame + 1;
            for (; i < frames.length; i++) {
                String c = frames[i].getClassName();
                if ("java.lang.System".equals(c)) {
                    via = "System.exit";
                } else if (c.startsWith("java.lang.Terminator") || c.startsWith("jdk.internal.misc.Signal")) {
                    via = "signal";
                } else if (!"java.lang.Runtime".equals(c) && !"java.lang.Shutdown".equals(c)) {
                    break;
                }
            }
            if (i < frames.length) {
                caller = EventListener.frame(frames[i]);
                if ("<clinit>".equals(frames[i].getMethodName())) {
                    initialiserOf = frames[i].getClassName();
                }
            }
            break;
        }
        try {
            channel.send(Event.EXIT
                    .line()
                    .with(Field.VIA, via)
                    .with(Field.CALLER, caller)
                    .with(Field.INITIALISER_OF, initialiserOf)
                    .with(Field.THREAD, thread));
            channel.close();
        } catch (Exception e) {
            // the grader still sees the exit status
        }
    }
}
