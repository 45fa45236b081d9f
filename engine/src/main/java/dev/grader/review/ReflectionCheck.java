package dev.grader.review;

import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.grader.model.FlagKind;
import java.util.Set;

/**
 * Code that looks behind the Java language: reflection that opens private members, {@code Unsafe}, native
 * code, inspecting the call stack, the context class loader, and reading class-path resources that are not
 * the submission's own.
 */
final class ReflectionCheck implements Check {

    private static final Set<String> UNSAFE = Set.of("sun.misc.Unsafe", "jdk.internal.misc.Unsafe");
    private static final Set<String> RESOURCE_METHODS = Set.of(
            "getResource",
            "getResourceAsStream",
            "getResources",
            "getSystemResource",
            "getSystemResourceAsStream",
            "getSystemResources");

    @Override
    public void check(SourceContext src, Findings out) {
        for (ImportDeclaration i : src.cu.getImports()) {
            String name = i.getNameAsString();
            if (UNSAFE.contains(name) || UNSAFE.stream().anyMatch(u -> name.startsWith(u + "."))) {
                out.add(FlagKind.UNSAFE, i, "imports " + name);
            }
        }
        for (ClassOrInterfaceType type : src.all(ClassOrInterfaceType.class)) {
            String resolved = src.resolveType(SourceContext.written(type));
            if (resolved != null && UNSAFE.contains(resolved)) {
                out.add(FlagKind.UNSAFE, type, "uses " + resolved);
            } else if ("java.lang.StackWalker".equals(resolved)) {
                out.add(FlagKind.STACK_INSPECTION, type, "StackWalker inspects the call stack");
            }
        }
        for (NameExpr name : src.all(NameExpr.class)) {
            String resolved = src.typeNamed(name);
            if ("java.lang.StackWalker".equals(resolved)) {
                out.add(FlagKind.STACK_INSPECTION, name, "StackWalker inspects the call stack");
            } else if (resolved != null && UNSAFE.contains(resolved)) {
                out.add(FlagKind.UNSAFE, name, "uses " + resolved);
            }
        }
        for (StringLiteralExpr s : src.all(StringLiteralExpr.class)) {
            if (s.asString().equals("theUnsafe") || UNSAFE.contains(s.asString())) {
                out.add(FlagKind.UNSAFE, s, "names \"" + s.asString() + "\", the way to reach Unsafe by reflection");
            }
        }
        for (MethodDeclaration m : src.all(MethodDeclaration.class)) {
            if (m.isNative()) {
                out.add(FlagKind.NATIVE_CODE, m, "declares the native method " + m.getNameAsString());
            }
        }
        for (MethodCallExpr call : src.all(MethodCallExpr.class)) {
            checkCall(src, call, out);
        }
    }

    private static void checkCall(SourceContext src, MethodCallExpr call, Findings out) {
        String name = call.getNameAsString();
        if (name.equals("setAccessible") || name.equals("trySetAccessible")) {
            out.add(FlagKind.PRIVATE_REFLECTION, call, name + " opens members that the language keeps private");
        } else if (src.isStaticCall(call, "java.lang.invoke.MethodHandles", Set.of("privateLookupIn"))) {
            out.add(
                    FlagKind.PRIVATE_REFLECTION,
                    call,
                    "MethodHandles.privateLookupIn opens another class's private members");
        } else if (src.isStaticCall(call, "java.lang.System", Set.of("load", "loadLibrary"))
                || Set.of("load", "loadLibrary").contains(name)
                        && call.getScope()
                                .filter(s -> src.mayBe(s, "java.lang.Runtime"))
                                .isPresent()) {
            out.add(FlagKind.NATIVE_CODE, call, name + " loads native code");
        } else if (name.equals("getStackTrace")
                && call.getArguments().isEmpty()
                && call.getScope()
                        .filter(s -> s instanceof ObjectCreationExpr || src.mayBe(s, "java.lang.Thread"))
                        .isPresent()) {
            out.add(
                    FlagKind.STACK_INSPECTION,
                    call,
                    "reads the current call stack (" + call.getScope().orElseThrow()
                            + ".getStackTrace()), which can tell a test from real use");
        } else if (src.isStaticCall(call, "java.lang.Thread", Set.of("getAllStackTraces"))) {
            out.add(FlagKind.STACK_INSPECTION, call, "Thread.getAllStackTraces reads the call stacks of every thread");
        } else if (name.equals("getCallerClass")) {
            out.add(FlagKind.STACK_INSPECTION, call, "getCallerClass inspects the call stack");
        } else if (name.equals("getContextClassLoader") || name.equals("setContextClassLoader")) {
            out.add(FlagKind.CONTEXT_CLASS_LOADER, call, name + " reaches the class loader of the code that called in");
        } else if (RESOURCE_METHODS.contains(name) && !call.getArguments().isEmpty()) {
            checkResource(src, call, out);
        }
    }

    private static void checkResource(SourceContext src, MethodCallExpr call, Findings out) {
        Expression arg = call.getArgument(0);
        String value = src.constant(arg);
        if (value != null
                && value.indexOf(SourceContext.UNKNOWN) < 0
                && !value.endsWith(".class")
                && isOwn(src, value)) {
            return;
        }
        String what = value == null ? arg.toString() : "\"" + value.replace(SourceContext.UNKNOWN, '…') + "\"";
        out.add(
                FlagKind.CLASS_RESOURCE,
                call,
                call.getNameAsString() + "(" + what
                        + ") reads a class-path resource that is not one of the submission's src/main/resources files");
    }

    /** Whether {@code name} is one of the submission's own resources (absolute, or relative to some package). */
    private static boolean isOwn(SourceContext src, String name) {
        String stripped = name.startsWith("/") ? name.substring(1) : name;
        return !stripped.isEmpty()
                && src.scope.ownResources().stream().anyMatch(r -> r.equals(stripped) || r.endsWith("/" + stripped));
    }
}
