package dev.grader.batch;

import dev.grader.model.CategoryScore;
import dev.grader.model.GradeReport;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The submissions of one exercise ranked by score, built from grade reports (of one batch, or merged from
 * reports produced elsewhere).
 *
 * @param categories the rubric's categories, in rubric order
 * @param entries best first; ties by submission name
 * @param similar the similar pairs the reports' evidence lists, each pair once, most similar first (empty when
 *     similarity was not compared)
 */
public record Leaderboard(
        String exerciseId,
        int exerciseVersion,
        String exerciseTitle,
        List<Column> categories,
        List<Entry> entries,
        String generatedAt,
        List<Similar> similar) {

    public Leaderboard {
        similar = similar == null ? List.of() : List.copyOf(similar);
    }

    /**
     * A similar pair: two submissions, or a submission and the reference or a known solution ({@code otherKind}).
     *
     * @param regions where they match, e.g. {@code Foo.java:12-40 ~ Foo.java:10-38}
     */
    public record Similar(String name, String other, String otherKind, double percent, List<String> regions) {}

    /** One rubric category: a column of the board. */
    public record Column(String id, String title, double maxScore) {}

    /**
     * One submission's row.
     *
     * @param name the submission's name (its folder or archive name)
     * @param status the report's status ({@code graded}, {@code does_not_compile}, {@code infrastructure_error})
     * @param categoryScores points per category id
     * @param flags how many review flags the report lists
     * @param report a link to the submission's reports, relative to the leaderboard's folder; may be {@code null}
     */
    public record Entry(
            String name,
            String status,
            String statusMessage,
            double score,
            double maxScore,
            double percent,
            Map<String, Double> categoryScores,
            int flags,
            long seed,
            String report) {}

    /**
     * A board from reports of the same exercise; {@code name} names each report's row and {@code link} gives the
     * relative link to its reports (or {@code null}).
     *
     * @throws IllegalArgumentException when the reports are of different exercises or exercise versions
     */
    public static Leaderboard of(
            List<GradeReport> reports, Function<GradeReport, String> name, Function<GradeReport, String> link) {
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("no reports to rank");
        }
        GradeReport first = reports.get(0);
        List<Column> columns = new ArrayList<>();
        for (CategoryScore c : first.categories()) {
            columns.add(new Column(c.id(), c.title(), c.maxScore()));
        }
        List<Entry> entries = new ArrayList<>();
        for (GradeReport r : reports) {
            if (!r.exercise().id().equals(first.exercise().id())
                    || r.exercise().version() != first.exercise().version()) {
                throw new IllegalArgumentException("reports of different exercises cannot share a leaderboard: "
                        + first.exercise().id() + " v" + first.exercise().version() + " and "
                        + r.exercise().id() + " v"
                        + r.exercise().version() + " (" + name.apply(r) + ")");
            }
            Map<String, Double> perCategory = new LinkedHashMap<>();
            for (CategoryScore c : r.categories()) {
                perCategory.put(c.id(), c.score());
            }
            entries.add(new Entry(
                    name.apply(r),
                    r.status().json(),
                    r.statusMessage(),
                    r.score(),
                    r.maxScore(),
                    r.percent(),
                    perCategory,
                    r.flags().size(),
                    r.seed(),
                    link.apply(r)));
        }
        entries.sort(Comparator.comparingDouble(Entry::score).reversed().thenComparing(Entry::name));
        return new Leaderboard(
                first.exercise().id(),
                first.exercise().version(),
                first.exercise().title(),
                columns,
                List.copyOf(entries),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                LeaderboardSimilarity.pairs(reports, name));
    }

    /**
     * The entries that count in means and the histogram: all but those the grader could not grade (an
     * infrastructure error is not a score of 0).
     */
    public List<Entry> scored() {
        return entries.stream()
                .filter(e -> !"infrastructure_error".equals(e.status()))
                .toList();
    }

    /** The mean points of a category over the scored entries (0 when there are none). */
    public double average(String categoryId) {
        return scored().stream()
                .mapToDouble(e -> e.categoryScores().getOrDefault(categoryId, 0.0))
                .average()
                .orElse(0);
    }

    /** The mean total percent over the scored entries. */
    public double averagePercent() {
        return scored().stream().mapToDouble(Entry::percent).average().orElse(0);
    }

    /**
     * How many scored entries fall in each tenth of the percent range: index 0 holds [0, 10), ..., index 9 holds
     * [90, 100]; for a histogram.
     */
    public int[] histogram() {
        int[] bins = new int[10];
        for (Entry e : scored()) {
            bins[Math.min(9, Math.max(0, (int) Math.floor(e.percent() / 10.0)))]++;
        }
        return bins;
    }
}
