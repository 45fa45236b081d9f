package dev.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.TestTiers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.commons.util.StringUtils;

@TestTiers.Grades
class ClassArchiveTest {

    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    /** A real library jar: JUnit Platform Commons, from this test's own classpath. */
    private static Path commonsJar() throws Exception {
        return Path.of(StringUtils.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    }

    @Test
    void aRecordedClassListKeepsOnlyClassNamesAndLambdaEntries() {
        List<String> kept = ClassArchive.kept(List.of(
                "# NOTE: Do not modify this file.",
                "java/lang/Object",
                "org/junit/platform/commons/util/StringUtils",
                "@lambda-proxy org/junit/platform/commons/util/ReflectionUtils test (Ljava/lang/Object;)Z",
                "@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder invokeStatic L_L",
                "com/acme/Evil id: 7 super: 0 source: /tmp/evil.jar",
                "java/lang/String; rm -rf /",
                ""));
        assertEquals(
                List.of(
                        "java/lang/Object",
                        "org/junit/platform/commons/util/StringUtils",
                        "@lambda-proxy org/junit/platform/commons/util/ReflectionUtils test (Ljava/lang/Object;)Z",
                        "@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder invokeStatic L_L"),
                kept);
    }

    @Test
    void theKeyChangesWithAJarsContentTimeOrSet() throws Exception {
        Path jar = Files.copy(commonsJar(), dir.resolve("lib.jar"));
        Path other = Files.copy(commonsJar(), dir.resolve("other.jar"));
        String key = ClassArchive.key(List.of(jar));
        assertEquals(key, ClassArchive.key(List.of(jar)), "same jars, same key");
        assertNotEquals(key, ClassArchive.key(List.of(jar, other)), "another set of jars");
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        assertNotEquals(key, ClassArchive.key(List.of(jar)), "a jar replaced");
    }

    @Test
    void theFirstJvmRecordsTheArchiveIsBuiltAndLaterJvmsMapIt() throws Exception {
        List<Path> libs = List.of(commonsJar());
        ClassArchive archive = new ClassArchive(dir.resolve("cds"), JAVA);
        Path record = dir.resolve("work/loaded-classes.txt");
        Files.createDirectories(record.getParent());

        List<String> first = archive.options(libs, record);
        assertEquals(List.of("-XX:DumpLoadedClassList=" + record), first, "no archive yet: the first JVM records");
        assertEquals(
                List.of(),
                archive.options(libs, dir.resolve("elsewhere.txt")),
                "while one JVM records, the others neither record nor map");

        // A JVM that loads a class of the library, recording as the grader's test JVMs do.
        Path main = dir.resolve("Main.java");
        Files.writeString(
                main,
                "public class Main { public static void main(String[] a) {"
                        + " System.out.println(org.junit.platform.commons.util.StringUtils.isBlank(\" \")); } }");
        run(List.of(JAVA, first.get(0), "-cp", libs.get(0).toString(), main.toString()));
        assertTrue(
                Files.readString(record).contains("org/junit/platform/commons/util/StringUtils"), "the list holds it");

        archive.recorded(libs, record, true);
        archive.close(); // waits for the dump
        List<String> later = archive.options(libs, dir.resolve("later.txt"));
        assertTrue(later.get(0).startsWith("-XX:SharedArchiveFile="), "a later JVM maps the archive: " + later);
        Path jsa = Path.of(later.get(0).substring("-XX:SharedArchiveFile=".length()));
        assertTrue(Files.size(jsa) > 1_000_000, "an archive of some size: " + Files.size(jsa));

        // -Xshare:on fails instead of falling back when the archive cannot be mapped.
        String out = run(List.of(
                JAVA,
                "-XX:SharedArchiveFile=" + jsa,
                "-Xshare:on",
                "-Xlog:class+load=info",
                "-cp",
                libs.get(0) + java.io.File.pathSeparator + dir,
                main.toString()));
        assertTrue(
                out.lines()
                        .anyMatch(l -> l.contains("org.junit.platform.commons.util.StringUtils")
                                && l.contains("shared objects file")),
                "the library class came from the archive:\n" + out);
    }

    @Test
    void aJvmThatDidNotRunToItsEndLeavesTheRecordingToTheNext() throws Exception {
        List<Path> libs = List.of(commonsJar());
        ClassArchive archive = new ClassArchive(dir.resolve("cds"), JAVA);
        Path record = dir.resolve("loaded-classes.txt");
        assertFalse(archive.options(libs, record).isEmpty());
        Files.writeString(record, "java/lang/Object\n");
        archive.recorded(libs, record, false);
        archive.close();
        assertFalse(
                Files.exists(dir.resolve("cds"))
                        && Files.list(dir.resolve("cds"))
                                .anyMatch(p -> p.toString().endsWith(".jsa")),
                "no archive from a crashed or stopped JVM");
        assertEquals(
                List.of("-XX:DumpLoadedClassList=" + dir.resolve("next.txt")),
                archive.options(libs, dir.resolve("next.txt")),
                "the next JVM records");
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(cmd))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
        return out;
    }
}
