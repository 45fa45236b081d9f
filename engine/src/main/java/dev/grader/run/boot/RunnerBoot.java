package dev.grader.run.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Main class of the test JVM: loads the runner ({@code dev.grader.run.child}) as a named module, {@value #MODULE},
 * and runs it. The module exports its package but opens none: code on the class path (the submission, the hidden
 * suites, their libraries) may call its public API but cannot reach its private state with reflection
 * ({@code setAccessible} throws {@link java.lang.reflect.InaccessibleObjectException}), such as the writer of its
 * event channel. The module reads the class path, where the JUnit Platform is.
 *
 * <p>The runner's classes are in the folder {@code module} beside this class's folder (see ForkedTestRunner); they are
 * not on the class path. JDK only: this runs on the exercise's class path.
 */
public final class RunnerBoot {

    /** The runner module's name. */
    public static final String MODULE = "dev.grader.runner";
    /** The runner's package. */
    public static final String PACKAGE = "dev.grader.run.child";
    /** The runner's folder, beside this class's class folder. */
    public static final String MODULE_FOLDER = "module";
    /** The folder holding this class, on the class path. */
    public static final String BOOT_FOLDER = "boot";

    private RunnerBoot() {}

    public static void main(String[] args) throws Throwable {
        Path dir;
        Module runner;
        try {
            dir = Path.of(RunnerBoot.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .resolveSibling(MODULE_FOLDER);
            runner = define(dir);
        } catch (URISyntaxException | RuntimeException e) {
            System.err.println("grader runner: cannot load the runner module: " + e);
            Runtime.getRuntime().halt(71);
            return;
        }
        try {
            Class.forName(runner, PACKAGE + ".ChildMain")
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Defines the runner module from the class folder {@code dir} in a layer of its own, reading the class path. */
    static Module define(Path dir) {
        ModuleDescriptor descriptor = ModuleDescriptor.newModule(MODULE)
                .requires("java.management")
                .exports(PACKAGE)
                .packages(Set.of(PACKAGE))
                .build();
        ModuleReference reference = new ModuleReference(descriptor, dir.toUri()) {
            @Override
            public ModuleReader open() {
                return new FolderReader(dir);
            }
        };
        ModuleFinder finder = new ModuleFinder() {
            @Override
            public Optional<ModuleReference> find(String name) {
                return MODULE.equals(name) ? Optional.of(reference) : Optional.empty();
            }

            @Override
            public Set<ModuleReference> findAll() {
                return Set.of(reference);
            }
        };
        ClassLoader classPath = ClassLoader.getSystemClassLoader();
        Configuration configuration =
                ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), Set.of(MODULE));
        ModuleLayer.Controller controller =
                ModuleLayer.defineModulesWithOneLoader(configuration, List.of(ModuleLayer.boot()), classPath);
        Module module = controller.layer().findModule(MODULE).orElseThrow();
        controller.addReads(module, classPath.getUnnamedModule());
        return module;
    }

    /** Reads a module's classes from a folder. */
    private record FolderReader(Path dir) implements ModuleReader {
        @Override
        public Optional<URI> find(String name) {
            Path file = dir.resolve(name).normalize();
            return file.startsWith(dir) && Files.isRegularFile(file) ? Optional.of(file.toUri()) : Optional.empty();
        }

        @Override
        public Stream<String> list() throws IOException {
            try (Stream<Path> files = Files.walk(dir)) {
                return files
                        .filter(Files::isRegularFile)
                        .map(f -> dir.relativize(f).toString().replace('\\', '/'))
                        .toList()
                        .stream();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }

        @Override
        public void close() {}
    }
}
