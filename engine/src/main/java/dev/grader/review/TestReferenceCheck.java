package dev.grader.review;

import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.grader.model.FlagKind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Main code that knows about the tests: names of the hidden suites' classes or their package, and the
 * grader's ({@code dev.grader}) or JUnit's ({@code org.junit}) packages, in code or in strings (as
 * {@code Class.forName} or a stack-trace check would use them). Code under test has no reason to name them.
 */
final class TestReferenceCheck implements Check {

    private static final List<String> FORBIDDEN_PACKAGES = List.of("dev.grader", "org.junit");

    private final List<String> packages = new ArrayList<>(FORBIDDEN_PACKAGES);
    /** One of {@link #packages} in a string, dotted or slashed. */
    private final Pattern packageInText;
    /** A hidden test class's simple name as a word of a string; {@code null} when there is none to look for. */
    private final Pattern testClassInText;

    TestReferenceCheck(ReviewScope scope) {
        packages.addAll(scope.hiddenPackages().stream().sorted().toList());
        packageInText = Pattern.compile("(?<![\\w.])(" + alternatives(packages) + ")(?!\\w)");
        List<String> testClasses = scope.hiddenTypes().stream()
                .filter(n -> isTestClassName(n) && !scope.ownTypes().contains(n))
                .sorted()
                .toList();
        testClassInText =
                testClasses.isEmpty() ? null : Pattern.compile("(?<!\\w)(" + alternatives(testClasses) + ")(?!\\w)");
    }

    private static String alternatives(List<String> words) {
        return String.join("|", words.stream().map(Pattern::quote).toList());
    }

    @Override
    public void check(SourceContext src, Findings out) {
        for (ImportDeclaration i : src.cu.getImports()) {
            String name = i.getNameAsString();
            String pkg = within(name);
            if (pkg != null) {
                out.add(
                        FlagKind.TEST_REFERENCE,
                        i,
                        "imports " + name + (i.isAsterisk() ? ".*" : "") + " (" + describe(pkg, src) + ")");
            }
        }
        for (ClassOrInterfaceType type : src.all(ClassOrInterfaceType.class)) {
            if (type.getParentNode()
                    .filter(p -> p instanceof ClassOrInterfaceType)
                    .isPresent()) {
                continue; // the scope of a qualified type: judged with the whole name
            }
            reference(src, SourceContext.written(type), type, out);
        }
        for (FieldAccessExpr f : src.all(FieldAccessExpr.class)) {
            if (SourceContext.isNameChain(f) && !(f.getParentNode().orElse(null) instanceof FieldAccessExpr)) {
                String chain = f.toString();
                String pkg = within(chain);
                if (pkg != null && !src.isVariable(chain.substring(0, chain.indexOf('.')))) {
                    out.add(FlagKind.TEST_REFERENCE, f, "refers to " + chain + " (" + describe(pkg, src) + ")");
                }
            }
        }
        for (NameExpr n : src.all(NameExpr.class)) {
            if (!src.isVariable(n.getNameAsString()) && isHiddenType(src, n.getNameAsString())) {
                out.add(
                        FlagKind.TEST_REFERENCE,
                        n,
                        "refers to " + n.getNameAsString() + ", a class of the hidden suites");
            }
        }
        for (StringLiteralExpr s : src.all(StringLiteralExpr.class)) {
            text(src, s.asString(), s, out);
        }
        for (TextBlockLiteralExpr s : src.all(TextBlockLiteralExpr.class)) {
            text(src, s.asString(), s, out);
        }
    }

    private void reference(SourceContext src, String written, Node at, Findings out) {
        String pkg = within(written);
        if (pkg != null) {
            out.add(FlagKind.TEST_REFERENCE, at, "refers to " + written + " (" + describe(pkg, src) + ")");
        } else if (written.indexOf('.') < 0 && isHiddenType(src, written)) {
            out.add(FlagKind.TEST_REFERENCE, at, "refers to " + written + ", a class of the hidden suites");
        }
    }

    private void text(SourceContext src, String value, Node at, Findings out) {
        Matcher pkg = packageInText.matcher(value.replace('/', '.'));
        if (pkg.find()) {
            out.add(
                    FlagKind.TEST_REFERENCE,
                    at,
                    "a string names " + pkg.group(1) + " (" + describe(pkg.group(1), src) + ")");
            return;
        }
        Matcher test = testClassInText == null ? null : testClassInText.matcher(value);
        if (test != null && test.find()) {
            out.add(FlagKind.TEST_REFERENCE, at, "a string names " + test.group(1) + ", a hidden test class");
        }
    }

    /** A hidden type's simple name that this file does not get from its own code or an import. */
    private static boolean isHiddenType(SourceContext src, String simple) {
        return src.scope.hiddenTypes().contains(simple)
                && !src.scope.ownTypes().contains(simple)
                && !src.isImported(simple);
    }

    private static boolean isTestClassName(String name) {
        return name.endsWith("Test") || name.endsWith("Tests") || name.endsWith("IT");
    }

    /** The package of {@code packages} that the qualified {@code name} lies in, or {@code null}. */
    private String within(String name) {
        for (String pkg : packages) {
            if (name.equals(pkg) || name.startsWith(pkg + ".")) {
                return pkg;
            }
        }
        return null;
    }

    private static String describe(String pkg, SourceContext src) {
        if (src.scope.hiddenPackages().contains(pkg)) {
            return "the hidden suites' package";
        }
        return pkg.equals("org.junit") ? "JUnit, the test framework" : "the grader's own code";
    }
}
