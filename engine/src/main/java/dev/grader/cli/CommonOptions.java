package dev.grader.cli;

import dev.grader.exercise.ExerciseCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every command shares. */
final class CommonOptions {

    @Option(
            names = "--exercises",
            paramLabel = "DIR",
            description = "Folder of exercises; repeat it for several, searched in order (default: $GRADER_EXERCISES, "
                    + "folders separated by '${sys:path.separator}', else the grader's own exercises/).")
    List<Path> exercises = new ArrayList<>();

    @Option(
            names = "--cache",
            paramLabel = "DIR",
            description = "Cache of resolved classpaths (default: $GRADER_CACHE, else ~/.cache/grader).")
    Path cache;

    ExerciseCatalog catalog() {
        return new ExerciseCatalog(GraderHome.exercises(exercises));
    }

    Path cacheDir() {
        return GraderHome.cache(cache);
    }
}
