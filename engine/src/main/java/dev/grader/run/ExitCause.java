package dev.grader.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grader.run.child.Field;
import java.util.List;

/**
 * Why a test JVM ended on its own (it closed its channel without {@code done}), as precisely as what it left allows:
 * the runner's {@code limit} or {@code exit} event, its exit status, its last raw output.
 *
 * @param reason e.g. "the code under test terminated the JVM with System.exit(0)"
 * @param where e.g. "called at com.acme.X.y(X.java:3)", or null
 */
record ExitCause(String reason, String where) {

    /** Out-of-memory notice of {@code -XX:+ExitOnOutOfMemoryError}, on the JVM's stdout. */
    private static final String OOM_NOTICE = "Terminating due to java.lang.OutOfMemoryError: ";

    /**
     * @param limitMessage the {@code limit} event's message, or null
     * @param exitEvent the {@code exit} event, or null
     * @param exitCode the JVM's exit status, null while it runs
     */
    static ExitCause of(String limitMessage, JsonNode exitEvent, Integer exitCode, TestJvm jvm, String maxHeap) {
        if (limitMessage != null) {
            return new ExitCause("the code under test " + limitMessage + "; the test JVM was stopped", null);
        }
        if (exitEvent != null) {
            String via = exitEvent.path(Field.VIA.wire()).asText();
            if ("signal".equals(via)) {
                return new ExitCause(
                        "the test JVM was stopped by a signal" + (exitCode == null ? "" : " (status " + exitCode + ")"),
                        null);
            }
            String initialiser = text(exitEvent, Field.INITIALISER_OF);
            String caller = text(exitEvent, Field.CALLER);
            return new ExitCause(
                    "the code under test terminated the JVM with " + via + "("
                            + (exitCode == null ? "" : Integer.toString(exitCode)) + ")",
                    initialiser != null
                            ? "in the static initialiser of " + initialiser
                            : caller != null ? "called at " + caller : null);
        }
        if (exitCode == null) {
            return new ExitCause("the test JVM closed its event channel and did not exit", null);
        }
        if (exitCode == 3 && (jvm.stdout().contains(OOM_NOTICE) || jvm.stderr().contains(OOM_NOTICE))) {
            return new ExitCause(
                    "the test JVM ran out of memory (" + oomKind(jvm) + "; heap cap " + maxHeap + ")", null);
        }
        if (exitCode >= 128) {
            return new ExitCause(
                    "the test JVM was killed by signal " + (exitCode - 128) + signalName(exitCode - 128), null);
        }
        return new ExitCause(
                "the test JVM halted with status " + exitCode + " without running shutdown hooks" + " (Runtime.halt("
                        + exitCode + ") in the code under test, or a JVM crash)",
                null);
    }

    private static String oomKind(TestJvm jvm) {
        for (CappedSink sink : List.of(jvm.stdout(), jvm.stderr())) {
            String text = sink.text();
            int i = text.lastIndexOf(OOM_NOTICE);
            if (i >= 0) {
                String rest = text.substring(i + OOM_NOTICE.length());
                int nl = rest.indexOf('\n');
                return (nl < 0 ? rest : rest.substring(0, nl)).strip();
            }
        }
        return "OutOfMemoryError";
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 6 -> " (SIGABRT: the JVM aborted)";
            case 9 -> " (SIGKILL)";
            case 11 -> " (SIGSEGV: the JVM crashed)";
            case 24 -> " (SIGXCPU: CPU time limit)";
            case 25 -> " (SIGXFSZ: it wrote a file larger than " + LocalLauncher.FILE_SIZE_LIMIT_MIB + " MiB)";
            case 15 -> " (SIGTERM)";
            default -> "";
        };
    }

    private static String text(JsonNode node, Field field) {
        JsonNode v = node.get(field.wire());
        return v == null || v.isNull() ? null : v.asText();
    }
}
