package dev.grader.support.policy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;

/**
 * The supertypes of a type: read from the checked code's own classes first, then from the running JDK's class
 * files. A type that neither has (a library's) ends its chain.
 */
public final class Hierarchy {

    private final Map<String, List<String>> direct = new HashMap<>();
    private final Map<String, Set<String>> all = new HashMap<>();

    /** Records the direct supertypes of a class of the checked code. */
    void declare(String name, String superName, String[] interfaces) {
        List<String> supers = new java.util.ArrayList<>();
        if (superName != null) {
            supers.add(superName);
        }
        if (interfaces != null) {
            supers.addAll(List.of(interfaces));
        }
        if (!supers.equals(direct.put(name, List.copyOf(supers)))) {
            all.clear(); // a chain through this class may have changed
        }
    }

    /** {@code type} itself and every class and interface above it. */
    public Set<String> supertypes(String type) {
        Set<String> known = all.get(type);
        if (known != null) {
            return known;
        }
        Set<String> out = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(type));
        while (!todo.isEmpty()) {
            String t = todo.pop();
            if (out.add(t)) {
                todo.addAll(directSupertypes(t));
            }
        }
        all.put(type, out);
        return out;
    }

    private List<String> directSupertypes(String type) {
        return direct.computeIfAbsent(type, Hierarchy::fromJdk);
    }

    private static List<String> fromJdk(String type) {
        if (type.startsWith("[")) {
            return List.of();
        }
        try (InputStream in = ClassLoader.getSystemResourceAsStream(type + ".class")) {
            if (in == null) {
                return List.of();
            }
            ClassReader reader = new ClassReader(in);
            List<String> supers = new java.util.ArrayList<>();
            if (reader.getSuperName() != null) {
                supers.add(reader.getSuperName());
            }
            supers.addAll(List.of(reader.getInterfaces()));
            return supers;
        } catch (IOException | RuntimeException e) {
            return List.of(); // not a class the JDK can show: its chain ends here
        }
    }
}
