package dev.grader.review;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the checks need to know about one parsed source file, without a full symbol solver: which types a
 * name stands for (from the imports, {@code java.lang} and the submission's own types), the declared types of
 * variable names, and the value of string constants. Names are resolved well enough to tell
 * {@code System.exit} from a method of the candidate's own {@code System} class; variable scopes are not
 * tracked (a name declared twice has both types).
 */
final class SourceContext {

    /** Marks the part of a string constant that is not known from the source. */
    static final char UNKNOWN = '\u0000';

    private static final Set<String> JAVA_LANG = Set.of(
            "System",
            "Runtime",
            "Thread",
            "ProcessBuilder",
            "ProcessHandle",
            "StackWalker",
            "Throwable",
            "Exception",
            "RuntimeException",
            "Error",
            "ClassLoader",
            "Class");
    /** The types outside java.lang the checks look for, so that wildcard imports resolve them. */
    private static final Set<String> KNOWN = Set.of(
            "java.net.Socket",
            "java.net.ServerSocket",
            "java.net.URL",
            "java.net.URI",
            "java.net.InetAddress",
            "java.net.InetSocketAddress",
            "java.io.File",
            "java.io.FileInputStream",
            "java.io.FileOutputStream",
            "java.io.FileReader",
            "java.io.FileWriter",
            "java.io.RandomAccessFile",
            "java.io.PrintStream",
            "java.io.PrintWriter",
            "java.io.FileDescriptor",
            "java.nio.file.Path",
            "java.nio.file.Paths",
            "java.lang.invoke.MethodHandles",
            "sun.misc.Unsafe",
            "jdk.internal.misc.Unsafe");

    final String file;
    final CompilationUnit cu;
    final ReviewScope scope;
    private final Map<String, String> explicitImports = new HashMap<>();
    private final Set<String> wildcardImports = new HashSet<>();
    private final Set<String> staticImports = new HashSet<>();
    private final Map<String, Set<String>> variableTypes = new HashMap<>();
    private final Map<String, Expression> initializers = new HashMap<>();
    private final Set<String> ownMethods = new HashSet<>();
    private final Map<Class<?>, List<Node>> nodes = new HashMap<>();

    SourceContext(String file, CompilationUnit cu, ReviewScope scope) {
        this.file = file;
        this.cu = cu;
        this.scope = scope;
        cu.walk(node ->
                nodes.computeIfAbsent(node.getClass(), k -> new ArrayList<>()).add(node));
        for (ImportDeclaration i : cu.getImports()) {
            String name = i.getNameAsString();
            if (i.isStatic()) {
                staticImports.add(i.isAsterisk() ? name + ".*" : name);
            } else if (i.isAsterisk()) {
                wildcardImports.add(name);
            } else {
                explicitImports.put(name.substring(name.lastIndexOf('.') + 1), name);
            }
        }
        Map<String, Integer> declarations = new HashMap<>();
        for (VariableDeclarator v : all(VariableDeclarator.class)) {
            declare(v.getNameAsString(), v.getType());
            declarations.merge(v.getNameAsString(), 1, Integer::sum);
            v.getInitializer().ifPresent(init -> initializers.put(v.getNameAsString(), init));
        }
        declarations.forEach((name, count) -> {
            if (count > 1) {
                initializers.remove(name); // ambiguous without scopes: no constant value
            }
        });
        for (Parameter p : all(Parameter.class)) {
            declare(p.getNameAsString(), p.getType());
            initializers.remove(p.getNameAsString());
        }
        all(MethodDeclaration.class).forEach(m -> ownMethods.add(m.getNameAsString()));
    }

    /** The nodes of exactly class {@code type} in this file, in tree order (one walk serves every check). */
    <T extends Node> List<T> all(Class<T> type) {
        List<Node> found = nodes.getOrDefault(type, List.of());
        return found.stream().map(type::cast).toList();
    }

    private void declare(String name, Type type) {
        variableTypes.computeIfAbsent(name, k -> new HashSet<>()).add(type.isVarType() ? "var" : type.asString());
    }

    /** Whether {@code name} is a variable, field or parameter declared in this file. */
    boolean isVariable(String name) {
        return variableTypes.containsKey(name);
    }

    /** The 1-based line where {@code node} starts, or {@code null}. */
    static Integer line(Node node) {
        return node.getBegin().map(p -> p.line).orElse(null);
    }

    /**
     * The fully qualified name that the type name {@code name} (simple or qualified) stands for in this file;
     * {@code null} when it is one of the submission's own types or not a type the checks know.
     */
    String resolveType(String name) {
        int lt = name.indexOf('<');
        if (lt >= 0) {
            name = name.substring(0, lt);
        }
        int dot = name.indexOf('.');
        if (dot >= 0) {
            String first = name.substring(0, dot);
            if (scope.ownTypes().contains(first) || explicitImports.containsKey(first) || isVariable(first)) {
                return null; // a nested type or a field of something of the submission's own
            }
            return name;
        }
        if (scope.ownTypes().contains(name)) {
            return null;
        }
        if (explicitImports.containsKey(name)) {
            return explicitImports.get(name);
        }
        if (JAVA_LANG.contains(name)) {
            return "java.lang." + name;
        }
        for (String pkg : wildcardImports) {
            if (KNOWN.contains(pkg + "." + name)) {
                return pkg + "." + name;
            }
        }
        return null;
    }

    /** Whether {@code name} is explicitly imported from a package (so it is not a same-package or hidden type). */
    boolean isImported(String name) {
        return explicitImports.containsKey(name);
    }

    /** The type that {@code scope}, used as the target of a static call or field, names; {@code null} otherwise. */
    String typeNamed(Expression scope) {
        if (scope instanceof NameExpr n) {
            return isVariable(n.getNameAsString()) ? null : resolveType(n.getNameAsString());
        }
        if (scope instanceof FieldAccessExpr f && isNameChain(f)) {
            return resolveType(f.toString());
        }
        if (scope instanceof TypeExpr t) {
            return resolveType(t.getType().asString());
        }
        return null;
    }

    /** Whether {@code call} is {@code fqcn.method(...)}, written qualified, simple or statically imported. */
    boolean isStaticCall(MethodCallExpr call, String fqcn, Set<String> methods) {
        if (!methods.contains(call.getNameAsString())) {
            return false;
        }
        return call.getScope()
                .map(s -> fqcn.equals(typeNamed(s)))
                .orElseGet(() -> !ownMethods.contains(call.getNameAsString())
                        && (staticImports.contains(fqcn + "." + call.getNameAsString())
                                || staticImports.contains(fqcn + ".*")));
    }

    /** Whether {@code expr} may evaluate to an instance of {@code fqcn}, as far as this file tells. */
    boolean mayBe(Expression expr, String fqcn) {
        return mayBe(expr, fqcn, 0);
    }

    private boolean mayBe(Expression expr, String fqcn, int depth) {
        if (depth > 4) {
            return false;
        }
        if (expr instanceof EnclosedExpr e) {
            return mayBe(e.getInner(), fqcn, depth + 1);
        }
        if (expr instanceof CastExpr c) {
            return fqcn.equals(resolveType(c.getType().asString()));
        }
        if (expr instanceof ObjectCreationExpr o) {
            return fqcn.equals(resolveType(o.getType().getNameWithScope()));
        }
        if (expr instanceof MethodCallExpr m) {
            return fqcn.equals("java.lang.Runtime") && isStaticCall(m, fqcn, Set.of("getRuntime"))
                    || fqcn.equals("java.lang.Thread") && isStaticCall(m, fqcn, Set.of("currentThread"));
        }
        if (expr instanceof NameExpr n) {
            for (String type : variableTypes.getOrDefault(n.getNameAsString(), Set.of())) {
                if (type.equals("var")) {
                    Expression init = initializers.get(n.getNameAsString());
                    if (init != null && mayBe(init, fqcn, depth + 1)) {
                        return true;
                    }
                } else if (fqcn.equals(resolveType(type))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The value of a string expression as far as the source tells: literals, text blocks, concatenations and
     * names of variables initialised with those, with {@link #UNKNOWN} where a part is not known; {@code null}
     * when no part is known.
     */
    String constant(Expression expr) {
        return constant(expr, 0);
    }

    private String constant(Expression expr, int depth) {
        if (depth > 4) {
            return null;
        }
        if (expr instanceof StringLiteralExpr s) {
            return s.asString();
        }
        if (expr instanceof TextBlockLiteralExpr t) {
            return t.asString();
        }
        if (expr instanceof EnclosedExpr e) {
            return constant(e.getInner(), depth + 1);
        }
        if (expr instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
            String left = constant(b.getLeft(), depth + 1);
            String right = constant(b.getRight(), depth + 1);
            if (left == null && right == null) {
                return null;
            }
            return (left == null ? String.valueOf(UNKNOWN) : left) + (right == null ? String.valueOf(UNKNOWN) : right);
        }
        if (expr instanceof NameExpr n) {
            Expression init = initializers.get(n.getNameAsString());
            return init == null ? null : constant(init, depth + 1);
        }
        return null;
    }

    /** Whether {@code f} is a dotted chain of plain names ({@code a.b.C}). */
    static boolean isNameChain(FieldAccessExpr f) {
        Expression s = f.getScope();
        while (s instanceof FieldAccessExpr inner) {
            s = inner.getScope();
        }
        return s instanceof NameExpr;
    }

    /** The qualified name a type reference is written with ({@code java.net.Socket} or {@code Socket}). */
    static String written(ClassOrInterfaceType type) {
        return type.getNameWithScope();
    }

    /** The values of the arguments that are known constants (unknown ones as {@code null}). */
    List<String> constants(List<Expression> args) {
        return args.stream().map(this::constant).toList();
    }
}
