import dev.grader.support.postgres.PostgresMode;
import dev.grader.support.postgres.PostgresServer;
import dev.grader.support.postgres.PostgresServers;
import dev.grader.support.postgres.PostgresSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Measures what the grader pays for PostgreSQL: starting the server once per grader process, and a
 * fresh database per submission (create + drop). Run by bench/postgres.sh.
 */
public class PostgresBench {
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    PostgresMode mode = PostgresMode.parse(System.getenv().getOrDefault("GRADER_DB", "embedded"));
    long t0 = System.nanoTime();
    try (PostgresServer server = PostgresServers.start(new PostgresSettings(mode, System.getenv("GRADER_DB_URL"),
        System.getenv("GRADER_DB_USER"), System.getenv("GRADER_DB_PASSWORD")))) {
      double start = (System.nanoTime() - t0) / 1e9;
      List<Double> create = new ArrayList<>();
      List<Double> drop = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String name = "bench_" + ProcessHandle.current().pid() + "_" + i;
        long a = System.nanoTime();
        server.createDatabase(name);
        long b = System.nanoTime();
        server.dropDatabase(name);
        long c = System.nanoTime();
        create.add((b - a) / 1e9);
        drop.add((c - b) / 1e9);
      }
      System.out.println(server.description());
      System.out.printf(Locale.ROOT, "  server start                      %7.3f s%n", start);
      System.out.printf(Locale.ROOT, "  fresh database (create), median   %7.3f s   p90 %7.3f s   (target < 0.5 s)%n",
          pct(create, 50), pct(create, 90));
      System.out.printf(Locale.ROOT, "  drop database, median             %7.3f s   p90 %7.3f s%n", pct(drop, 50), pct(drop, 90));
      System.out.printf(Locale.ROOT, "  ratio fresh database / server start  %.3f%n", pct(create, 50) / start);
    }
  }

  private static double pct(List<Double> xs, int p) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
  }
}
