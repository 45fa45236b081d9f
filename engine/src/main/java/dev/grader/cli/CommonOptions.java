package dev.grader.cli;

import dev.grader.exercise.ExerciseCatalog;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command shares. */
final class CommonOptions {

  @Option(names = "--exercises", paramLabel = "DIR",
      description = "Folder of exercises (default: $GRADER_EXERCISES, else the grader's own exercises/).")
  Path exercises;

  @Option(names = "--cache", paramLabel = "DIR",
      description = "Cache of resolved classpaths (default: $GRADER_CACHE, else ~/.cache/grader).")
  Path cache;

  ExerciseCatalog catalog() {
    return new ExerciseCatalog(GraderHome.exercises(exercises));
  }

  Path cacheDir() {
    return GraderHome.cache(cache);
  }
}
