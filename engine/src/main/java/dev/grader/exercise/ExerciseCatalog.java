package dev.grader.exercise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds exercises by scanning folders: every sub-folder holding an {@code exercise.yaml}. With several folders, an id
 * is looked up in each in turn (the first folder that holds it wins).
 */
public final class ExerciseCatalog {

    private final Path root;
    private final List<ExerciseCatalog> more;

    public ExerciseCatalog(Path root) {
        this.root = root;
        this.more = List.of();
    }

    /** A catalog over {@code roots}, searched in order; at least one. */
    public ExerciseCatalog(List<Path> roots) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("at least one exercises folder");
        }
        this.root = roots.get(0);
        List<ExerciseCatalog> rest = new ArrayList<>();
        for (Path r : roots.subList(1, roots.size())) {
            rest.add(new ExerciseCatalog(r));
        }
        this.more = List.copyOf(rest);
    }

    /** The first folder. */
    public Path root() {
        return root;
    }

    /** Every folder, in search order. */
    public List<Path> roots() {
        List<Path> out = new ArrayList<>(List.of(root));
        more.forEach(c -> out.add(c.root));
        return out;
    }

    /** Ids of every exercise folder, sorted and without repeats; manifests are not read. */
    public List<String> ids() {
        if (more.isEmpty()) {
            return ownIds();
        }
        TreeSet<String> all = new TreeSet<>(ownIds());
        more.forEach(c -> all.addAll(c.ownIds()));
        return List.copyOf(all);
    }

    private List<String> ownIds() {
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
        for (ExerciseCatalog c : more) {
            if (!own(id) && c.own(id)) {
                return c.get(id);
            }
        }
        Path dir = root.resolve(id).normalize();
        if (!own(id)) {
            throw new ExerciseException("no exercise '" + id + "' in "
                    + String.join(", ", roots().stream().map(Path::toString).toList()) + "; there are: "
                    + String.join(", ", ids()));
        }
        Exercise exercise = new Exercise(dir, ManifestLoader.load(dir));
        exercise.checkLayout();
        return exercise;
    }

    private boolean own(String id) {
        Path dir = root.resolve(id).normalize();
        return dir.getParent() != null
                && dir.getParent().equals(root.normalize())
                && Files.isRegularFile(dir.resolve(ManifestLoader.FILE_NAME));
    }
}
