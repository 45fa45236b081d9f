package dev.grader.support.policy;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Lists what one class file uses: every method and field it calls or reads (also through method handles, method
 * references and invokedynamic bootstrap arguments, which a plain call-site scan misses), every type it names,
 * and the classes and native methods it declares; each at its source line where the class file says.
 */
final class ClassScanner extends ClassVisitor {

    private static final int API = Opcodes.ASM9;

    private final List<Reference> out = new ArrayList<>();
    private final Hierarchy hierarchy;
    private String className;
    private String file;

    private ClassScanner(Hierarchy hierarchy) {
        super(API);
        this.hierarchy = hierarchy;
    }

    /** The references of the class file {@code bytes}; its supertypes are recorded in {@code hierarchy}. */
    static List<Reference> scan(byte[] bytes, Hierarchy hierarchy) {
        ClassScanner scanner = new ClassScanner(hierarchy);
        new ClassReader(bytes).accept(scanner, ClassReader.SKIP_FRAMES);
        return scanner.out;
    }

    /** The internal name of the class in {@code bytes}, and its supertypes recorded in {@code hierarchy}. */
    static String declare(byte[] bytes, Hierarchy hierarchy) {
        ClassReader reader = new ClassReader(bytes);
        hierarchy.declare(reader.getClassName(), reader.getSuperName(), reader.getInterfaces());
        return reader.getClassName();
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        className = name;
        int slash = name.lastIndexOf('/');
        String simple = name.substring(slash + 1);
        int dollar = simple.indexOf('$');
        file = name.substring(0, slash + 1) + (dollar > 0 ? simple.substring(0, dollar) : simple) + ".java";
        hierarchy.declare(name, superName, interfaces);
        out.add(new Reference(Reference.Kind.DECLARED_CLASS, name, null, file, 0));
        if (superName != null) {
            type(superName, 0);
        }
        if (interfaces != null) {
            for (String i : interfaces) {
                type(i, 0);
            }
        }
    }

    @Override
    public void visitSource(String source, String debug) {
        if (source != null) {
            int slash = className.lastIndexOf('/');
            file = className.substring(0, slash + 1) + source;
            // the references of the class header, read before this, carry the file name guessed from the class name
            out.replaceAll(r -> new Reference(r.kind(), r.owner(), r.name(), file, r.line()));
        }
    }

    @Override
    public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
        descriptor(descriptor, 0);
        return null;
    }

    @Override
    public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
        descriptor(descriptor, 0);
        return new FieldVisitor(API) {
            @Override
            public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
                descriptor(desc, 0);
                return null;
            }
        };
    }

    @Override
    public MethodVisitor visitMethod(
            int access, String name, String descriptor, String signature, String[] exceptions) {
        if ((access & Opcodes.ACC_NATIVE) != 0) {
            out.add(new Reference(Reference.Kind.NATIVE_METHOD, className, name, file, 0));
        }
        descriptor(descriptor, 0);
        if (exceptions != null) {
            for (String e : exceptions) {
                type(e, 0);
            }
        }
        return new Code();
    }

    /** The references inside one method's code, each at the line it is on. */
    private final class Code extends MethodVisitor {
        private int line;

        Code() {
            super(API);
        }

        @Override
        public void visitLineNumber(int lineNumber, Label start) {
            line = lineNumber;
        }

        @Override
        public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
            descriptor(desc, line);
            return null;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            member(owner, name, descriptor, line);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            member(owner, name, descriptor, line);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            type(type, line);
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            descriptor(descriptor, line);
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            if (type != null) {
                type(type, line);
            }
        }

        @Override
        public void visitLdcInsn(Object value) {
            constant(value, line);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            descriptor(descriptor, line);
            constant(bootstrap, line);
            for (Object a : arguments) {
                constant(a, line);
            }
        }
    }

    /** A constant-pool entry: a class, a method type, a method handle, or a dynamic constant and its bootstrap. */
    private void constant(Object value, int line) {
        if (value instanceof Type t) {
            descriptor(t.getDescriptor(), line);
        } else if (value instanceof Handle h) {
            member(h.getOwner(), h.getName(), h.getDesc(), line);
        } else if (value instanceof ConstantDynamic c) {
            descriptor(c.getDescriptor(), line);
            constant(c.getBootstrapMethod(), line);
            for (int i = 0; i < c.getBootstrapMethodArgumentCount(); i++) {
                constant(c.getBootstrapMethodArgument(i), line);
            }
        }
    }

    private void member(String owner, String name, String descriptor, int line) {
        if (owner.startsWith("[")) {
            descriptor(owner, line);
        } else {
            type(owner, line);
            out.add(new Reference(Reference.Kind.MEMBER, owner, name, file, line));
        }
        descriptor(descriptor, line);
    }

    /** Every class named in a field or method descriptor (or an array's). */
    private void descriptor(String descriptor, int line) {
        Type t = descriptor.startsWith("(") ? Type.getMethodType(descriptor) : Type.getType(descriptor);
        if (t.getSort() == Type.METHOD) {
            descriptor(t.getReturnType().getDescriptor(), line);
            for (Type a : t.getArgumentTypes()) {
                descriptor(a.getDescriptor(), line);
            }
        } else if (t.getSort() == Type.ARRAY) {
            descriptor(t.getElementType().getDescriptor(), line);
        } else if (t.getSort() == Type.OBJECT) {
            type(t.getInternalName(), line);
        }
    }

    private void type(String internalName, int line) {
        if (internalName.startsWith("[")) {
            descriptor(internalName, line);
        } else {
            out.add(new Reference(Reference.Kind.TYPE, internalName, null, file, line));
        }
    }
}
