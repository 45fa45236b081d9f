package dev.grader.run.child;

/** What the test JVM does when the code under test passes one of the runner's limits. */
final class Limits {

    /** Exit status of a JVM stopped for passing a limit; the grader reads the reason from the event before it. */
    static final int EXCEEDED_STATUS = 75;

    private Limits() {}

    /** Tells the grader which limit was passed and halts the JVM at once (no shutdown hooks, no more test code). */
    static void exceeded(EventChannel channel, String what, String message) {
        try {
            channel.send(Event.LIMIT.line().with(Field.WHAT, what).with(Field.MESSAGE, message));
            channel.close();
        } catch (Exception e) {
            // the grader still sees the JVM end
        } finally {
            Runtime.getRuntime().halt(EXCEEDED_STATUS);
        }
    }
}
