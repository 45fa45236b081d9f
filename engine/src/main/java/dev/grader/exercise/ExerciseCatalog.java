package dev.grader.exercise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds exercises by scanning a folder: every sub-folder holding an {@code exercise.yaml}. */
public final class ExerciseCatalog {

  private final Path root;

  public ExerciseCatalog(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** Ids of every exercise folder, sorted; manifests are not read. */
  public List<String> ids() {
    if (!Files.isDirectory(root)) {
      throw new ExerciseException(root + ": no exercises folder here (use --exercises DIR)");
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve(ManifestLoader.FILE_NAME)))
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new ExerciseException(root + ": cannot be listed: " + e.getMessage(), e);
    }
  }

  /** Every exercise, loaded and validated, sorted by id. */
  public List<Exercise> all() {
    return ids().stream().map(this::get).toList();
  }

  /** The exercise with this id, or an error that lists the ids there are. */
  public Exercise get(String id) {
    Path dir = root.resolve(id).normalize();
    if (!dir.getParent().equals(root.normalize()) || !Files.isRegularFile(dir.resolve(ManifestLoader.FILE_NAME))) {
      throw new ExerciseException("no exercise '" + id + "' in " + root + "; there are: " + String.join(", ", ids()));
    }
    Exercise exercise = new Exercise(dir, ManifestLoader.load(dir));
    exercise.checkLayout();
    return exercise;
  }
}
