package dev.grader.codeview;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.nodeTypes.NodeWithSimpleName;
import dev.grader.model.CodeEvidence.Change;
import dev.grader.model.CodeEvidence.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The methods and constructors of a Java file that the candidate added (no declaration of the same signature in the
 * starter's file) or changed (the declaration's lines differ), read with JavaParser.
 */
final class Methods {

    private Methods() {}

    /**
     * The added and changed methods of {@code after}, in source order; empty when {@code after} does not parse.
     *
     * @param before the starter's text of the file, null when the candidate added it
     */
    static List<Method> changed(String path, String before, String after) {
        Optional<Map<String, Range>> now = declarations(after);
        if (now.isEmpty()) {
            return List.of();
        }
        Map<String, String> old = new HashMap<>();
        if (before != null) {
            List<String> lines = TextFile.lines(before);
            declarations(before).orElse(Map.of()).forEach((signature, range) -> old.put(signature, text(lines, range)));
        }
        List<String> lines = TextFile.lines(after);
        List<Method> methods = new ArrayList<>();
        now.get().forEach((signature, range) -> {
            String was = old.get(signature);
            if (was == null || !was.equals(text(lines, range))) {
                methods.add(new Method(
                        path,
                        signature,
                        range.begin.line,
                        range.end.line - range.begin.line + 1,
                        was == null ? Change.ADDED : Change.CHANGED));
            }
        });
        return methods;
    }

    /** Each declaration's signature and range, in source order; empty when the code does not parse. */
    static Optional<Map<String, Range>> declarations(String code) {
        JavaParser parser = new JavaParser(
                new ParserConfiguration().setLanguageLevel(LanguageLevel.RAW).setAttributeComments(false));
        ParseResult<CompilationUnit> result;
        try {
            result = parser.parse(code);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            return Optional.empty();
        }
        Map<String, Range> found = new java.util.LinkedHashMap<>();
        for (CallableDeclaration<?> c : result.getResult().get().findAll(CallableDeclaration.class)) {
            c.getRange().ifPresent(r -> found.putIfAbsent(signature(c), r));
        }
        return Optional.of(found);
    }

    /** {@code Outer.Inner.name(int, String)}: enclosing type names, the name, the parameter types as written. */
    private static String signature(CallableDeclaration<?> c) {
        List<String> types = new ArrayList<>();
        Optional<Node> parent = c.getParentNode();
        while (parent.isPresent()) {
            if (parent.get() instanceof TypeDeclaration<?> t) {
                types.add(0, t.getNameAsString());
            } else if (parent.get() instanceof NodeWithSimpleName<?> named
                    && !(parent.get() instanceof CallableDeclaration)) {
                types.add(0, named.getNameAsString());
            }
            parent = parent.get().getParentNode();
        }
        String params = c.getParameters().stream().map(Methods::type).collect(Collectors.joining(", "));
        String owner = types.isEmpty() ? "" : String.join(".", types) + ".";
        return owner + c.getNameAsString() + "(" + params + ")";
    }

    private static String type(Parameter p) {
        return p.getType().asString() + (p.isVarArgs() ? "..." : "");
    }

    private static String text(List<String> lines, Range range) {
        int from = Math.max(0, range.begin.line - 1);
        int to = Math.min(lines.size(), range.end.line);
        return from >= to ? "" : String.join("\n", lines.subList(from, to)).strip();
    }
}
