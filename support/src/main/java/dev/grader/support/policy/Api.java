package dev.grader.support.policy;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link Rule} matches in byte code. Type names are internal names ({@code java/lang/Thread}); a prefix
 * ending in {@code /} names a package and everything below it.
 */
public sealed interface Api {

    /** The API (dotted, for people and for an exercise's allow list) that {@code ref} uses, or null. */
    String match(Reference ref, Hierarchy hierarchy);

    /**
     * Methods or fields named {@code names} ({@code *}: any) of {@code owners}, whatever the type a call names: a
     * call through a subclass ({@code MyThread.getAllStackTraces()}) or a method reference counts too.
     */
    static Api members(List<String> owners, String... names) {
        return new Members(owners, Set.of(names));
    }

    static Api members(String owner, String... names) {
        return members(List.of(owner), names);
    }

    /** Any use of a type (or of a package, for a prefix ending in {@code /}): its members, a cast, a signature. */
    static Api type(String nameOrPackage) {
        return new Type(nameOrPackage);
    }

    /** A class of the submission that extends or implements {@code type} (or a subtype of it). */
    static Api extending(String type) {
        return new Extending(type);
    }

    /** A method declared {@code native}. */
    static Api nativeMethods() {
        return new NativeMethods();
    }

    record Members(List<String> owners, Set<String> names) implements Api {
        public Members {
            owners = List.copyOf(owners);
            names = Set.copyOf(names);
        }

        @Override
        public String match(Reference ref, Hierarchy hierarchy) {
            if (ref.kind() != Reference.Kind.MEMBER || !(names.contains("*") || names.contains(ref.name()))) {
                return null;
            }
            for (String type : hierarchy.supertypes(ref.owner())) { // the most specific first
                if (owners.contains(type)) {
                    return Reference.dotted(type) + "." + ref.name();
                }
            }
            return null;
        }
    }

    record Type(String name) implements Api {
        public Type {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String match(Reference ref, Hierarchy hierarchy) {
            String t = ref.owner();
            boolean hit = name.endsWith("/") ? t.startsWith(name) : t.equals(name) || t.startsWith(name + "$");
            return hit ? Reference.dotted(t) : null;
        }
    }

    record Extending(String type) implements Api {
        @Override
        public String match(Reference ref, Hierarchy hierarchy) {
            if (ref.kind() != Reference.Kind.DECLARED_CLASS || ref.owner().equals(type)) {
                return null;
            }
            return hierarchy.supertypes(ref.owner()).contains(type) ? "subclass of " + Reference.dotted(type) : null;
        }
    }

    record NativeMethods() implements Api {
        @Override
        public String match(Reference ref, Hierarchy hierarchy) {
            return ref.kind() == Reference.Kind.NATIVE_METHOD
                    ? "native method " + Reference.dotted(ref.owner()) + "." + ref.name()
                    : null;
        }
    }
}
