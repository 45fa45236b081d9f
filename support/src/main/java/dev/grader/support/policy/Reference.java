package dev.grader.support.policy;

import static java.util.Objects.requireNonNull;

/**
 * One thing a class file uses or declares, where it does so.
 *
 * @param owner the type (internal name) used, or whose member is used or declared
 * @param name the member's name; null for a type
 * @param line the source line (from the LineNumberTable), or 0 when the class file does not say
 */
public record Reference(Kind kind, String owner, String name, String file, int line) {

    public enum Kind {
        /** A type named anywhere: an instruction, a signature, a supertype, an annotation. */
        TYPE,
        /** A method or field used: a call, a field access, a method handle or reference. */
        MEMBER,
        /** A class the code declares (its supertypes are what counts). */
        DECLARED_CLASS,
        /** A method the code declares {@code native}. */
        NATIVE_METHOD
    }

    public Reference {
        requireNonNull(kind, "kind");
        requireNonNull(owner, "owner");
        requireNonNull(file, "file");
    }

    static String dotted(String internalName) {
        return internalName.replace('/', '.');
    }
}
