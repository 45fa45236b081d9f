package dev.grader.model;

/**
 * Every kind of review flag the grader emits, with its severity and what it means. The ids are stable (they
 * are part of the report format, docs/report-format.md "Flags").
 */
public enum FlagKind {

    // Integrity: the submission compared with the starter.
    PROTECTED_FILE_CHANGED("protected-file-changed", Flag.WARNING, "a file the exercise protects was changed"),
    PROTECTED_FILE_REMOVED("protected-file-removed", Flag.WARNING, "a file the exercise protects was removed"),
    DEPENDENCY_NOT_ALLOWED(
            "dependency-not-allowed",
            Flag.WARNING,
            "pom.xml declares a dependency the starter does not have; it is not on the grader's classpath"),
    EMPTY_SUBMISSION("empty-submission", Flag.WARNING, "the submission folder is missing or holds no files"),
    POM_UNREADABLE("pom-unreadable", Flag.INFO, "pom.xml is not well-formed XML; its dependencies were not checked"),
    UNREADABLE_FILE("unreadable-file", Flag.INFO, "a file could not be read (or is a link) and was not compared"),
    ARCHIVE_ENTRY_DROPPED(
            "archive-entry-dropped",
            Flag.INFO,
            "an entry of the submission's archive is a link (symbolic or hard), a device or a FIFO and was not unpacked"),

    // Static review of src/main/java.
    SYSTEM_EXIT("system-exit", Flag.ALERT, "ends the JVM: System.exit, Runtime.exit or Runtime.halt"),
    PROCESS_SPAWN("process-spawn", Flag.ALERT, "starts a process: ProcessBuilder or Runtime.exec"),
    PROCESS_HANDLE("process-handle", Flag.ALERT, "inspects or controls processes through ProcessHandle"),
    SHUTDOWN_HOOK("shutdown-hook", Flag.WARNING, "registers or removes a JVM shutdown hook"),
    OUTPUT_REDIRECT(
            "output-redirect", Flag.WARNING, "replaces System.out/err/in or writes to the raw file descriptors"),
    PRIVATE_REFLECTION(
            "private-reflection",
            Flag.ALERT,
            "opens private members: setAccessible, trySetAccessible, MethodHandles.privateLookupIn"),
    UNSAFE("unsafe", Flag.ALERT, "uses sun.misc.Unsafe or jdk.internal.misc.Unsafe"),
    NATIVE_CODE("native-code", Flag.ALERT, "declares a native method or loads a native library"),
    STACK_INSPECTION(
            "stack-inspection",
            Flag.WARNING,
            "inspects the call stack (StackWalker, Thread/Throwable stack traces): can tell a test from real use"),
    CONTEXT_CLASS_LOADER("context-class-loader", Flag.WARNING, "reads or replaces the thread's context class loader"),
    CLASS_RESOURCE(
            "class-resource",
            Flag.WARNING,
            "reads a class-path resource that is not one of the submission's own src/main/resources files"),
    NETWORK_ACCESS("network-access", Flag.WARNING, "connects to or names a host that is not the loopback address"),
    FILE_OUTSIDE_WORKDIR(
            "file-outside-workdir",
            Flag.WARNING,
            "reaches files outside the working folder: an absolute or '..' path, the home or temp folder"),
    ESCAPED_LINE_BREAK(
            "escaped-line-break",
            Flag.ALERT,
            "a Unicode escape of a line break (\\u000a, \\u000d): javac reads code where a reader sees a comment"),
    TEST_REFERENCE(
            "test-reference",
            Flag.ALERT,
            "names a hidden test class, the hidden suites' package, or the dev.grader or org.junit packages"),
    PARSE_ERROR(
            "parse-error",
            Flag.INFO,
            "a source file does not parse, so it was not reviewed (the compile report says why)"),
    REVIEW_FAILED("review-failed", Flag.INFO, "the review itself failed (a grader problem); the grade is unaffected"),
    MORE_FLAGS(
            "more-flags",
            Flag.INFO,
            "the static review found more flags than a report lists (" + FlagKind.MAX_REVIEW_FLAGS + ")");

    /** The most flags the static review lists in a report; past it, one {@link #MORE_FLAGS} says so. */
    public static final int MAX_REVIEW_FLAGS = 200;

    private final String id;
    private final Flag.Severity severity;
    private final String summary;

    FlagKind(String id, Flag.Severity severity, String summary) {
        this.id = id;
        this.severity = severity;
        this.summary = summary;
    }

    /** The kebab-case id written to reports. */
    public String id() {
        return id;
    }

    /** {@link Flag#INFO}, {@link Flag#WARNING} or {@link Flag#ALERT}. */
    public Flag.Severity severity() {
        return severity;
    }

    /** What the kind means, for the documentation. */
    public String summary() {
        return summary;
    }

    /** A flag of this kind. */
    public Flag flag(String file, Integer line, String message) {
        return new Flag(id, severity, file, line, message);
    }
}
