package dev.grader.support.policy;

import static dev.grader.support.policy.Api.extending;
import static dev.grader.support.policy.Api.members;
import static dev.grader.support.policy.Api.nativeMethods;
import static dev.grader.support.policy.Api.type;

import java.util.List;

/**
 * The code policy: what a submission's byte code may not use. Whatever a string holds, the call counts: a
 * method found by a name built at run time still goes through {@code Method.invoke}, which is refused itself.
 * Each exercise's brief lists these rules ("Code policy"); an exercise may allow an API with a reason.
 */
public final class Rules {

    private static final String CLASS = "java/lang/Class";
    private static final String FIELD = "java/lang/reflect/Field";
    private static final String METHOD = "java/lang/reflect/Method";
    private static final String CONSTRUCTOR = "java/lang/reflect/Constructor";
    private static final String LOOKUP = "java/lang/invoke/MethodHandles$Lookup";
    private static final String THREAD = "java/lang/Thread";
    private static final String THREAD_GROUP = "java/lang/ThreadGroup";
    private static final String SYSTEM = "java/lang/System";
    private static final String RUNTIME = "java/lang/Runtime";
    private static final String CLASS_LOADER = "java/lang/ClassLoader";

    public static final Rule ACCESS_OVERRIDE = new Rule(
            "access-override",
            "overrides Java's access checks (deep reflection into other code's private members)",
            List.of(
                    members(
                            List.of(
                                    "java/lang/reflect/AccessibleObject",
                                    FIELD,
                                    METHOD,
                                    CONSTRUCTOR,
                                    "java/lang/reflect/Executable"),
                            "setAccessible",
                            "trySetAccessible"),
                    members("java/lang/invoke/MethodHandles", "privateLookupIn"),
                    members(
                            LOOKUP,
                            "in",
                            "unreflect",
                            "unreflectGetter",
                            "unreflectSetter",
                            "unreflectSpecial",
                            "unreflectConstructor",
                            "unreflectVarHandle",
                            "revealDirect",
                            "findSpecial")));

    public static final Rule REFLECTION = new Rule(
            "reflection",
            "finds or uses classes and members by name (reflection, method-handle lookups, java.beans statements)",
            List.of(
                    members(
                            CLASS,
                            "forName",
                            "newInstance",
                            "getDeclaredField",
                            "getDeclaredFields",
                            "getDeclaredMethod",
                            "getDeclaredMethods",
                            "getDeclaredConstructor",
                            "getDeclaredConstructors",
                            "getField",
                            "getFields",
                            "getMethod",
                            "getMethods",
                            "getConstructor",
                            "getConstructors"),
                    members(
                            FIELD,
                            "get",
                            "getBoolean",
                            "getByte",
                            "getChar",
                            "getShort",
                            "getInt",
                            "getLong",
                            "getFloat",
                            "getDouble",
                            "set",
                            "setBoolean",
                            "setByte",
                            "setChar",
                            "setShort",
                            "setInt",
                            "setLong",
                            "setFloat",
                            "setDouble"),
                    members(METHOD, "invoke"),
                    members(CONSTRUCTOR, "newInstance"),
                    members(
                            LOOKUP,
                            "findStatic",
                            "findVirtual",
                            "findConstructor",
                            "findGetter",
                            "findSetter",
                            "findStaticGetter",
                            "findStaticSetter",
                            "findClass",
                            "bind"),
                    type("java/beans/Statement"),
                    type("java/beans/Expression"),
                    type("java/beans/EventHandler")));

    public static final Rule JDK_INTERNALS = new Rule(
            "jdk-internals",
            "uses the JDK's internals (sun.misc.Unsafe, sun.*, jdk.internal.*)",
            List.of(type("sun/"), type("jdk/internal/")));

    public static final Rule THREADS = new Rule(
            "other-threads",
            "lists, inspects or controls threads it did not start (stack dumps, thread groups, management beans)",
            List.of(
                    members(
                            THREAD,
                            "getAllStackTraces",
                            "enumerate",
                            "getStackTrace",
                            "setDefaultUncaughtExceptionHandler",
                            "stop",
                            "suspend",
                            "resume"),
                    members(
                            THREAD_GROUP,
                            "enumerate",
                            "getParent",
                            "list",
                            "activeCount",
                            "activeGroupCount",
                            "interrupt",
                            "stop",
                            "suspend",
                            "resume",
                            "destroy",
                            "setMaxPriority",
                            "setDaemon"),
                    type("java/lang/management/"),
                    type("com/sun/management/"),
                    type("javax/management/")));

    public static final Rule STANDARD_STREAMS = new Rule(
            "standard-streams",
            "replaces System.out, System.err or System.in",
            List.of(members(SYSTEM, "setOut", "setErr", "setIn")));

    public static final Rule JVM_EXIT = new Rule(
            "jvm-exit",
            "ends the JVM or hooks its shutdown",
            List.of(
                    members(SYSTEM, "exit"),
                    members(RUNTIME, "exit", "halt", "addShutdownHook", "removeShutdownHook")));

    public static final Rule PROCESSES = new Rule(
            "processes",
            "starts or controls operating-system processes",
            List.of(
                    type("java/lang/ProcessBuilder"),
                    type("java/lang/Process"),
                    type("java/lang/ProcessHandle"),
                    members(RUNTIME, "exec"),
                    type("jdk/jshell/")));

    public static final Rule CLASS_LOADING = new Rule(
            "class-loading",
            "makes class loaders or defines classes at run time",
            List.of(
                    members(
                            CLASS_LOADER,
                            "<init>",
                            "defineClass",
                            "loadClass",
                            "findClass",
                            "findLoadedClass",
                            "findSystemClass",
                            "resolveClass",
                            "getSystemClassLoader",
                            "getPlatformClassLoader"),
                    extending(CLASS_LOADER),
                    members(THREAD, "getContextClassLoader", "setContextClassLoader"),
                    members(LOOKUP, "defineClass", "defineHiddenClass", "defineHiddenClassWithClassData")));

    public static final Rule INSTRUMENTATION = new Rule(
            "instrumentation",
            "instruments or attaches to a JVM (java.lang.instrument, the attach API, JDI)",
            List.of(
                    type("java/lang/instrument/"),
                    type("com/sun/tools/attach/"),
                    type("com/sun/jdi/"),
                    type("com/sun/tools/")));

    public static final Rule NATIVE_CODE = new Rule(
            "native-code",
            "runs native code (native methods, System.load/loadLibrary, the foreign-function API)",
            List.of(
                    nativeMethods(),
                    members(SYSTEM, "load", "loadLibrary"),
                    members(RUNTIME, "load", "loadLibrary"),
                    type("java/lang/foreign/")));

    public static final Rule JVM_SETTINGS = new Rule(
            "jvm-settings",
            "changes the JVM's system properties or security manager",
            List.of(
                    members(SYSTEM, "setProperty", "clearProperty", "setProperties", "setSecurityManager"),
                    type("java/lang/SecurityManager")));

    public static final Rule GRADER_INTERNALS = new Rule(
            "grader-internals",
            "uses the grader's or the test framework's classes from main code (dev.grader, JUnit, opentest4j)",
            List.of(type("dev/grader/"), type("org/junit/"), type("org/opentest4j/")));

    public static final Rule RESOURCE_CLASS_FILES = new Rule(
            "resource-class-files",
            "ships compiled classes in src/main/resources (only code compiled from the sources may run)",
            List.of());

    public static final Rule RESOURCE_JARS =
            new Rule("resource-jars", "ships jar files in src/main/resources", List.of());

    public static final Rule RESOURCE_SERVICES = new Rule(
            "resource-services",
            "registers services in src/main/resources/META-INF/services (code the test framework would load)",
            List.of());

    /** Every rule on byte code, in the order findings are listed. */
    public static final List<Rule> CODE = List.of(
            ACCESS_OVERRIDE,
            REFLECTION,
            JDK_INTERNALS,
            THREADS,
            STANDARD_STREAMS,
            JVM_EXIT,
            PROCESSES,
            CLASS_LOADING,
            INSTRUMENTATION,
            NATIVE_CODE,
            JVM_SETTINGS,
            GRADER_INTERNALS);

    /** The rules on what src/main/resources holds. */
    public static final List<Rule> RESOURCES = List.of(RESOURCE_CLASS_FILES, RESOURCE_JARS, RESOURCE_SERVICES);

    private Rules() {}
}
