package dev.grader.support.policy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads what {@code src/main/resources} holds: class files (by name or by content), jars (by name or by content,
 * and the classes inside them, down to nested jars) and service registrations. Each is a finding of its resource
 * rule; the class files found are handed back to be checked like compiled code.
 */
final class ResourceScan {

    private static final int MAX_NESTING = 3;

    private final Path root;
    private final String label;
    private final List<CodePolicy.ClassFile> classFiles = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();

    ResourceScan(Path root, String label) {
        this.root = root;
        this.label = label;
    }

    List<CodePolicy.ClassFile> classFiles() {
        return classFiles;
    }

    List<Finding> findings() {
        return findings;
    }

    void file(Path file, byte[] bytes) {
        String rel = root.relativize(file).toString().replace('\\', '/');
        entry(label + rel, rel, bytes, 0);
    }

    /** One file: {@code where} names it for people, {@code name} is its path inside its folder or jar. */
    private void entry(String where, String name, byte[] bytes, int depth) {
        if (name.startsWith("META-INF/services/") && !name.endsWith("/")) {
            findings.add(new Finding(
                    Rules.RESOURCE_SERVICES.id(),
                    "service registration " + name.substring("META-INF/services/".length()),
                    where,
                    0,
                    null));
        }
        if (name.endsWith(".class") || startsWith(bytes, 0xCA, 0xFE, 0xBA, 0xBE)) {
            if (depth == 0) { // a class inside a jar is the jar's finding; its code is checked all the same
                findings.add(new Finding(Rules.RESOURCE_CLASS_FILES.id(), "class file", where, 0, null));
            }
            classFiles.add(new CodePolicy.ClassFile(bytes, where));
        } else if (name.endsWith(".jar") || startsWith(bytes, 'P', 'K', 3, 4)) {
            findings.add(new Finding(Rules.RESOURCE_JARS.id(), "jar file", where, 0, null));
            if (depth < MAX_NESTING) {
                jar(where, bytes, depth);
            }
        }
    }

    private void jar(String where, byte[] bytes, int depth) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (!e.isDirectory()) {
                    entry(where + "!/" + e.getName(), e.getName(), zip.readAllBytes(), depth + 1);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            findings.add(new Finding(Rules.RESOURCE_JARS.id(), "unreadable jar file", where, 0, null));
        }
    }

    private static boolean startsWith(byte[] bytes, int... magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((bytes[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
