package dev.grader.review;

import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.grader.model.FlagKind;
import java.util.Set;

/**
 * Code that acts on the JVM or the machine rather than on the exercise: ending the JVM, starting or
 * controlling processes, shutdown hooks, and replacing or bypassing the standard streams.
 */
final class JvmControlCheck implements Check {

    private static final String SYSTEM = "java.lang.System";
    private static final String RUNTIME = "java.lang.Runtime";

    @Override
    public void check(SourceContext src, Findings out) {
        for (MethodCallExpr call : src.all(MethodCallExpr.class)) {
            String name = call.getNameAsString();
            if (src.isStaticCall(call, SYSTEM, Set.of("exit"))) {
                out.add(FlagKind.SYSTEM_EXIT, call, "System.exit ends the JVM the tests run in");
            } else if (Set.of("exit", "halt").contains(name)
                    && call.getScope().filter(s -> src.mayBe(s, RUNTIME)).isPresent()) {
                out.add(FlagKind.SYSTEM_EXIT, call, "Runtime." + name + " ends the JVM the tests run in");
            } else if (name.equals("exec")
                    && call.getScope().filter(s -> src.mayBe(s, RUNTIME)).isPresent()) {
                out.add(FlagKind.PROCESS_SPAWN, call, "Runtime.exec starts a process");
            } else if (name.equals("addShutdownHook") || name.equals("removeShutdownHook")) {
                out.add(FlagKind.SHUTDOWN_HOOK, call, name + " changes what runs when the JVM ends");
            } else if (src.isStaticCall(call, SYSTEM, Set.of("setOut", "setErr", "setIn"))) {
                out.add(
                        FlagKind.OUTPUT_REDIRECT,
                        call,
                        "System." + name + " replaces a standard stream of the whole JVM");
            }
        }
        for (MethodReferenceExpr ref : src.all(MethodReferenceExpr.class)) {
            String id = ref.getIdentifier();
            boolean system = id.equals("exit") && SYSTEM.equals(src.typeNamed(ref.getScope()));
            boolean runtime = Set.of("exit", "halt").contains(id) && src.mayBe(ref.getScope(), RUNTIME);
            if (system || runtime) {
                out.add(
                        FlagKind.SYSTEM_EXIT,
                        ref,
                        (system ? "System::" : "Runtime::") + id + " ends the JVM the tests run in");
            } else if (id.equals("exec") && src.mayBe(ref.getScope(), RUNTIME)) {
                out.add(FlagKind.PROCESS_SPAWN, ref, "Runtime::exec starts a process");
            }
        }
        for (ObjectCreationExpr created : src.all(ObjectCreationExpr.class)) {
            if ("java.lang.ProcessBuilder".equals(src.resolveType(SourceContext.written(created.getType())))) {
                out.add(FlagKind.PROCESS_SPAWN, created, "ProcessBuilder starts a process");
            }
        }
        for (ClassOrInterfaceType type : src.all(ClassOrInterfaceType.class)) {
            if ("java.lang.ProcessHandle".equals(src.resolveType(SourceContext.written(type)))) {
                out.add(FlagKind.PROCESS_HANDLE, type, "ProcessHandle can inspect, signal or kill other processes");
            }
        }
        for (NameExpr name : src.all(NameExpr.class)) {
            if ("java.lang.ProcessHandle".equals(src.typeNamed(name))) {
                out.add(FlagKind.PROCESS_HANDLE, name, "ProcessHandle can inspect, signal or kill other processes");
            }
        }
        for (FieldAccessExpr field : src.all(FieldAccessExpr.class)) {
            if (SourceContext.isNameChain(field) && "java.lang.ProcessHandle".equals(src.typeNamed(field))) {
                out.add(FlagKind.PROCESS_HANDLE, field, "ProcessHandle can inspect, signal or kill other processes");
            } else if (Set.of("out", "err", "in").contains(field.getNameAsString())
                    && "java.io.FileDescriptor".equals(src.typeNamed(field.getScope()))) {
                out.add(
                        FlagKind.OUTPUT_REDIRECT,
                        field,
                        "FileDescriptor." + field.getNameAsString()
                                + " bypasses the grader's capture of the standard streams");
            }
        }
    }
}
