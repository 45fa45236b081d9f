package dev.grader.suitecache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * What a compiler compiling other sources against a folder of classes can see of them, as one digest: every class
 * file's name and its content without method bodies and debug information (ASM's {@code SKIP_CODE} and {@code
 * SKIP_DEBUG}). Class names, supertypes, fields with their constant values (which the compiler copies into the code
 * that reads them), method signatures, generic signatures, annotations, nest and record attributes all count; what the
 * methods do does not, nor do private methods (a helper of the submission's own, a lambda's body): code of another
 * class compiles against a class alike whatever private methods it has (a call that only a private method would match
 * does not compile either way, and a private method cannot hide an inherited one). Private fields do count: one can
 * hide an inherited field that other code reads. Two folders with the same fingerprint compile code against them
 * alike.
 */
final class ApiFingerprint {

    private ApiFingerprint() {}

    /** The fingerprint of the {@code .class} files under {@code classes}, in hex. */
    static String of(Path classes) {
        MessageDigest digest = sha256();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the compiled classes: " + e.getMessage(), e);
        }
        for (Path file : files) {
            digest.update(classes.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(withoutCode(file));
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static byte[] withoutCode(Path file) {
        try {
            ClassReader reader = new ClassReader(Files.readAllBytes(file));
            ClassWriter writer = new ClassWriter(0);
            reader.accept(
                    new ClassVisitor(Opcodes.ASM9, writer) {
                        private String self;

                        @Override
                        public void visit(
                                int version,
                                int access,
                                String name,
                                String signature,
                                String superName,
                                String[] interfaces) {
                            self = name;
                            super.visit(version, access, name, signature, superName, interfaces);
                        }

                        /** Its own nested classes count; the other classes' it only refers to (a lambda's Lookup). */
                        @Override
                        public void visitInnerClass(String name, String outerName, String innerName, int access) {
                            if (name.equals(self) || name.startsWith(self + "$")) {
                                super.visitInnerClass(name, outerName, innerName, access);
                            }
                        }

                        @Override
                        public MethodVisitor visitMethod(
                                int access, String name, String descriptor, String signature, String[] exceptions) {
                            return (access & Opcodes.ACC_PRIVATE) != 0
                                    ? null
                                    : super.visitMethod(access, name, descriptor, signature, exceptions);
                        }
                    },
                    ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            return writer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // not a class file ASM can read: its bytes, all of them, are the fingerprint's
            try {
                return Files.readAllBytes(file);
            } catch (IOException io) {
                throw new UncheckedIOException("cannot read " + file + ": " + io.getMessage(), io);
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JDK", e);
        }
    }
}
