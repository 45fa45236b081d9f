package dev.grader.support.postgres;

/** Turns exceptions into one line for people. */
final class Failures {

    private Failures() {}

    /** "IllegalStateException: Process [...] failed; caused by IOException: ..." (at most about 1,500 characters). */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (text.length() > 0) {
                text.append("; caused by ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage());
            }
            if (text.length() > 1500) {
                text.setLength(1500);
                text.append(" ...");
                break;
            }
        }
        return text.toString();
    }
}
