package dev.grader.interleave;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Puts a call to {@code Interleavings.beforeLock()} before every lock a submission's compiled methods take ({@code
 * monitorenter}, a {@code java.util.concurrent.locks} {@code lock}/{@code tryLock}), and one to {@code
 * Interleavings.point()} before every other call to a {@code java.util} method or a {@code VarHandle} and every write
 * to a field or an array element (constructors and static initialisers left as they
 * are). The call takes and leaves nothing on the operand stack and changes no local, so the stack map frames and the
 * maximum stack stay valid as compiled; the method's behaviour is unchanged unless a test turns the points on.
 */
public final class InterleavingPoints {

    /** The hook the rewritten code calls (in the grader's test-support library, on the test JVM's class path). */
    static final String HOOK_OWNER = "dev/grader/support/interleave/Interleavings";

    static final String HOOK = "point";

    /** The hook before a lock is taken ({@code monitorenter}, {@code Lock.lock}/{@code tryLock}). */
    static final String LOCK_HOOK = "beforeLock";

    /** The manifest's {@code support} entry of an exercise whose hidden suites turn the points on. */
    public static final String SUPPORT = "interleave";

    private InterleavingPoints() {}

    /** What a rewrite did: the classes rewritten and the points put in. */
    public record Outcome(int classes, int points) {}

    /** Rewrites every class file under {@code classes} in place. */
    public static Outcome rewrite(Path classes) {
        int files = 0;
        int points = 0;
        for (Path file : classFiles(classes)) {
            try {
                byte[] original = Files.readAllBytes(file);
                Rewritten r = rewrite(original);
                if (r.points() > 0) {
                    Files.write(file, r.bytes());
                    files++;
                    points += r.points();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Outcome(files, points);
    }

    /** One class file's bytes, rewritten, and how many points went in. */
    record Rewritten(byte[] bytes, int points) {}

    /**
     * {@code classFile} with its points, or as it was (no points) when ASM cannot rewrite it: a method that the points
     * would take past the class file format's 64 KiB, say. Such a class runs as compiled; its races show as seldom as
     * without the points, and nothing else changes.
     */
    static Rewritten rewrite(byte[] classFile) {
        try {
            return rewriteOrThrow(classFile);
        } catch (RuntimeException e) {
            return new Rewritten(classFile, 0);
        }
    }

    private static Rewritten rewriteOrThrow(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        int[] points = {0};
        reader.accept(
                new ClassVisitor(Opcodes.ASM9, writer) {
                    @Override
                    public MethodVisitor visitMethod(
                            int access, String name, String descriptor, String signature, String[] exceptions) {
                        MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                        return name.startsWith("<") ? mv : new Points(mv, points);
                    }
                },
                0);
        return new Rewritten(points[0] > 0 ? writer.toByteArray() : classFile, points[0]);
    }

    private static List<Path> classFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".class") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A method's instructions with the hook before each point. */
    private static final class Points extends MethodVisitor {
        private final int[] count;

        Points(MethodVisitor next, int[] count) {
            super(Opcodes.ASM9, next);
            this.count = count;
        }

        private void point(String hook) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK_OWNER, hook, "()V", false);
            count[0]++;
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.MONITORENTER) {
                point(LOCK_HOOK);
            } else if (opcode >= Opcodes.IASTORE && opcode <= Opcodes.SASTORE) {
                point(HOOK);
            }
            super.visitInsn(opcode);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            if (opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC) {
                point(HOOK);
            }
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (owner.startsWith("java/util/concurrent/locks/")
                    && (name.equals("lock") || name.startsWith("tryLock") || name.equals("lockInterruptibly"))) {
                point(LOCK_HOOK);
            } else if (owner.startsWith("java/util/") || owner.equals("java/lang/invoke/VarHandle")) {
                point(HOOK);
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }
    }
}
