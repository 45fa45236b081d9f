package dev.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grader.Fixtures;
import dev.grader.exercise.ExerciseCatalog;
import dev.grader.support.postgres.PostgresSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import picocli.CommandLine;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The CI templates under {@code templates/ci} stay runnable: each parses as YAML, every {@code grader} command they
 * run is accepted by the grader's own command line (subcommand, options, option values), and each has the shape
 * its README promises (one job per submission, reports uploaded, a merge job after them, the PostgreSQL service,
 * the candidate's {@code mvn test}). No CI runs here; a template that drifts from the CLI fails this test.
 */
class CiTemplatesTest {

    private static final Path CI = Fixtures.repository().resolve("templates/ci");
    private static final Set<String> PINNED_V4 =
            Set.of("actions/checkout", "actions/setup-java", "actions/upload-artifact", "actions/download-artifact");

    // ---- every template, every grader command ------------------------------------------------------------

    @Test
    void everyTemplateIsValidYaml() throws IOException {
        List<Path> files = templateFiles();
        assertTrue(files.size() >= 4, "expected the GitHub and GitLab templates under " + CI + ", found " + files);
        for (Path f : files) {
            assertFalse(CiTemplate.read(f).root.isEmpty(), f + " is empty");
        }
    }

    @Test
    void everyGraderCommandInTheTemplatesIsAcceptedByTheGrader() throws IOException {
        List<CiTemplate> templates =
                templateFiles().stream().map(CiTemplate::read).toList();
        long calls = templates.stream().mapToLong(t -> t.graderCalls().size()).sum();
        assertTrue(calls >= 6, "expected grade and merge commands in the company templates, found " + calls);
        List<String> problems = problems(templates);
        assertTrue(
                problems.isEmpty(),
                "grader commands in templates/ci that the grader rejects (fix the template, or"
                        + " the CLI if the template is right):\n" + String.join("\n", problems));
    }

    @Test
    void aWrongOptionOrUnknownCommandIsReportedWithFileLineAndCommand(@TempDir Path dir) throws IOException {
        Path wf = dir.resolve("bad.yml");
        Files.writeString(wf, """
        on: push
        jobs:
          grade:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  echo start
                  ./grader grade --exercise rate-limiter submission \\
                    --no-such-option 3
              - run: ./grader frobnicate --out x
              - run: ./grader list
              - run: ./grader grade submission
        """);
        List<String> problems = problems(List.of(CiTemplate.read(wf)));
        assertEquals(3, problems.size(), String.join("\n", problems));
        assertTrue(
                problems.get(0)
                                .startsWith("bad.yml:8 (job grade): ./grader grade --exercise rate-limiter submission"
                                        + " --no-such-option 3\n")
                        && problems.get(0).contains("Unknown options: '--no-such-option', '3'"),
                problems.get(0));
        assertTrue(
                problems.get(1).startsWith("bad.yml:10 ")
                        && problems.get(1).contains("`grader frobnicate` is not a" + " grader command"),
                problems.get(1));
        assertTrue(
                problems.get(2).startsWith("bad.yml:12 ") && problems.get(2).contains("--exercise"), problems.get(2));
    }

    @Test
    void invalidYamlIsReportedWithTheFile(@TempDir Path dir) throws IOException {
        Path wf = dir.resolve("broken.yml");
        Files.writeString(wf, "jobs:\n  a: [1, 2\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CiTemplate.read(wf));
        assertTrue(e.getMessage().contains("broken.yml") && e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void commandsAreFoundThroughContinuationsOperatorsQuotesAndPlaceholders(@TempDir Path dir) throws IOException {
        Path wf = dir.resolve("shell.yml");
        Files.writeString(wf, """
        on: push
        env:
          EXERCISE: ${{ inputs.exercise || 'n-plus-one' }}
        jobs:
          j:
            runs-on: ubuntu-latest
            steps:
              - env:
                  NAME: ${{ matrix.submission }}
                run: |
                  set -e
                  FOO=1 ./grader grade -e "$EXERCISE" 'my sub' \\
                    --seed 7 > out.txt 2>&1 && tools/grader merge --out "lb/${NAME}" reports | tee log
                  if ! grader validate "${ONLY:-rate-limiter}"; then echo "grader list"; fi  # grader list
                  echo "$(grader list --no-such)" # comment
        """);
        List<CiTemplate.Command> calls = CiTemplate.read(wf).graderCalls();
        assertEquals(
                List.of(
                        List.of("grade", "-e", "n-plus-one", "my sub", "--seed", "7"),
                        List.of("merge", "--out", "lb/submission", "reports"),
                        List.of("validate", "rate-limiter"),
                        List.of("list", "--no-such")),
                calls.stream().map(CiTemplate.Command::args).toList());
        assertEquals(
                List.of(12, 13, 14, 15),
                calls.stream().map(CiTemplate.Command::line).toList());
        assertEquals(
                "FOO=1 ./grader grade -e \"$EXERCISE\" 'my sub' --seed 7 > out.txt 2>&1",
                calls.get(0).source());
    }

    // ---- GitHub Actions -----------------------------------------------------------------------------------

    @Test
    void companyWorkflowFansOutOneJobPerSubmissionAndMergesTheReports() {
        CiTemplate t = template("github/grade-submissions.yml");
        ParseResult grade = assertFansOutAndMerges(t);
        assertTrue(
                grade.hasMatchedOption("--min-score"),
                t.file + ": the company workflow shows --min-score gating a pipeline");
    }

    @Test
    void postgresWorkflowGradesAgainstAHealthCheckedServiceContainer() {
        CiTemplate t = template("github/grade-submissions-postgres.yml");
        ParseResult grade = assertFansOutAndMerges(t);
        JsonNode gradeJob = t.jobs().values().stream()
                .filter(j -> j.path("strategy").has("matrix"))
                .findFirst()
                .orElseThrow();
        JsonNode postgres = gradeJob.path("services").path("postgres");
        assertTrue(
                postgres.path("image").asText().matches("postgres:16([.-][\\w.-]+)?"),
                "the grade job's services.postgres.image is pinned to PostgreSQL 16: " + postgres);
        assertTrue(
                postgres.path("options").asText().contains("--health-cmd"),
                "Actions waits for the service only with a health check: " + postgres);
        String url = grade.matchedOptionValue("--db-url", "");
        Matcher port =
                Pattern.compile("jdbc:postgresql://localhost:(\\d+)/\\w+").matcher(url);
        assertTrue(port.matches(), "--db-url points at the service on localhost: " + url);
        assertTrue(
                texts(postgres.path("ports")).contains(port.group(1) + ":5432"),
                "the service publishes the port --db-url uses: " + postgres.path("ports"));
        assertEquals(
                postgres.path("env").path("POSTGRES_PASSWORD").asText(),
                grade.matchedOptionValue("--db-password", ""),
                "--db-password is the service's POSTGRES_PASSWORD");
        assertEquals("postgres", grade.matchedOptionValue("--db-user", ""), "the image's superuser may CREATEDB");
    }

    @Test
    void candidateWorkflowRunsMvnTestInARealStarter(@TempDir Path tmp) throws Exception {
        CiTemplate t = template("github/candidate.yml");
        assertTrue(t.root.path("on").has("push"), "the candidate workflow runs on push: " + t.root.path("on"));
        assertEquals(List.of(), t.graderCalls(), "a candidate's repository has no grader");
        assertEquals(1, t.jobs().size(), "one job: " + t.jobs().keySet());
        JsonNode job = t.jobs().values().iterator().next();
        JsonNode javaSetup = assertSetupJava(t, job);
        List<CiTemplate.Command> mvn = t.commands().stream()
                .filter(c -> c.words().get(0).equals("mvn"))
                .toList();
        assertEquals(1, mvn.size(), "one Maven command: " + t.commands());
        assertTrue(
                mvn.get(0).words().contains("test") && mvn.get(0).words().contains("-B"),
                "the candidate workflow runs the visible tests in batch mode (`mvn -B test`): " + mvn.get(0));
        JsonNode mvnStep = stream(job.path("steps"))
                .filter(s -> s.path("run").asText().contains("mvn"))
                .findFirst()
                .orElseThrow();
        String workDir = mvnStep.path("working-directory")
                .asText(job.path("defaults")
                        .path("run")
                        .path("working-directory")
                        .asText("."));

        Path exercises = Fixtures.repository().resolve("exercises");
        List<String> ids = new ExerciseCatalog(exercises).ids();
        assertFalse(ids.isEmpty(), "no exercises under " + exercises);
        int javaVersion =
                Integer.parseInt(javaSetup.path("with").path("java-version").asText());
        for (String id : ids) {
            Path repo = tmp.resolve(id);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    "init",
                    id,
                    repo.toString(),
                    "--exercises",
                    exercises.toString());
            assertEquals(0, code, "grader init " + id + ": " + err);
            Path project = repo.resolve(workDir).normalize();
            Path pom = project.resolve("pom.xml");
            assertTrue(
                    Files.isRegularFile(pom),
                    "`" + mvn.get(0).source() + "` runs in " + workDir + " of the repository" + " `grader init " + id
                            + "` writes, which has no pom.xml there");
            try (Stream<Path> tests = Files.walk(project.resolve("src/test/java"))) {
                assertTrue(
                        tests.anyMatch(p -> p.toString().endsWith("Test.java")),
                        id + ": the starter has no visible tests");
            }
            Document doc =
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
            NodeList groups = doc.getElementsByTagName("groupId");
            for (int i = 0; i < groups.getLength(); i++) {
                assertFalse(
                        groups.item(i).getTextContent().strip().startsWith("dev.grader"),
                        id + ": the starter depends on the grader's own artifacts, which are not on Maven Central");
            }
            NodeList release = doc.getElementsByTagName("maven.compiler.release");
            assertEquals(1, release.getLength(), id + ": the starter pom sets maven.compiler.release");
            assertTrue(
                    Integer.parseInt(release.item(0).getTextContent().strip()) <= javaVersion,
                    id + ": the starter needs a newer Java than the candidate workflow's " + javaVersion);
        }
    }

    @Test
    void githubActionsArePinnedToMajorVersions() throws IOException {
        int uses = 0;
        for (Path f : templateFiles()) {
            CiTemplate t = CiTemplate.read(f);
            if (t.kind != CiTemplate.Kind.GITHUB) {
                continue;
            }
            for (JsonNode job : t.jobs().values()) {
                for (JsonNode step : job.path("steps")) {
                    String action = step.path("uses").asText("");
                    if (action.isEmpty()) {
                        continue;
                    }
                    uses++;
                    assertTrue(
                            action.matches("[\\w.-]+/[\\w./-]+@v\\d+"),
                            f.getFileName() + ": pin " + action + " to a major version");
                    String name = action.substring(0, action.indexOf('@'));
                    if (PINNED_V4.contains(name)) {
                        assertEquals(name + "@v4", action, f.getFileName() + ": the templates use v4 of " + name);
                    }
                }
            }
        }
        assertTrue(
                uses >= 10,
                "expected checkout, setup-java and artifact actions in the GitHub templates, found " + uses);
    }

    // ---- GitLab CI -----------------------------------------------------------------------------------------

    @Test
    void gitlabPipelineGradesWithParallelMatrixAndMerges() throws Exception {
        CiTemplate t = template("gitlab/.gitlab-ci.yml");
        assertEquals(CiTemplate.Kind.GITLAB, t.kind);
        List<String> stages = texts(t.root.path("stages"));
        Map.Entry<String, JsonNode> grade = t.jobs().entrySet().stream()
                .filter(e -> e.getValue().path("parallel").has("matrix"))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError(t.file + ": no job with parallel:matrix (one job per submission)"));
        JsonNode gradeJob = grade.getValue();
        JsonNode matrix = gradeJob.path("parallel").path("matrix");
        assertTrue(matrix.isArray() && !matrix.isEmpty(), "parallel:matrix lists the submissions: " + matrix);
        String variable = matrix.get(0).fieldNames().next();
        String firstSubmission = matrix.get(0)
                .path(variable)
                .path(0)
                .asText(matrix.get(0).path(variable).asText());

        CiTemplate.Command gradeCall = single(t, grade.getKey(), "grade");
        assertTrue(
                gradeCall.source().contains("$" + variable),
                "the grade command uses the matrix variable $" + variable + ": " + gradeCall);
        ParseResult parsed = parse(gradeCall);
        assertTrue(parsed.hasMatchedOption("--min-score"), "the GitLab template shows --min-score gating a pipeline");
        List<String> formats = parsed.matchedOptionValue("--format", List.of());
        assertTrue(
                formats.containsAll(List.of("json", "junit-xml")),
                "merge needs report.json, GitLab's test report" + " junit.xml: " + formats);
        String out = parsed.matchedOptionValue("--out", Path.of("")).toString();
        assertEquals(
                firstSubmission,
                Path.of(out).getFileName().toString(),
                "each submission's reports go to a folder named after it (merge names a report after its folder)");

        JsonNode artifacts = gradeJob.path("artifacts");
        assertEquals("always", artifacts.path("when").asText(), "reports are kept when the grade job fails");
        assertTrue(
                texts(artifacts.path("paths")).stream()
                        .map(p -> stripSlash(t.expand(grade.getKey(), p)))
                        .anyMatch(out::equals),
                "artifacts:paths keeps the --out folder " + out + ": " + artifacts.path("paths"));
        String junit =
                t.expand(grade.getKey(), artifacts.path("reports").path("junit").asText());
        assertTrue(
                FileSystems.getDefault().getPathMatcher("glob:" + junit).matches(Path.of(out, reportFile("junit-xml"))),
                "artifacts:reports:junit (" + junit + ") matches the JUnit XML the grader writes into " + out);

        Set<String> readByGrader = Set.of(
                PostgresSettings.ENV_MODE,
                PostgresSettings.ENV_URL,
                PostgresSettings.ENV_USER,
                PostgresSettings.ENV_PASSWORD);
        Set<String> dbVariables = new TreeSet<>();
        gradeJob.path("variables").fieldNames().forEachRemaining(n -> {
            if (n.startsWith("GRADER_DB")) {
                dbVariables.add(n);
            }
        });
        assertTrue(
                readByGrader.containsAll(dbVariables) && dbVariables.contains(PostgresSettings.ENV_URL),
                "the grade job's database variables are the ones the grader reads (" + readByGrader + "): "
                        + dbVariables);
        String url = gradeJob.path("variables").path(PostgresSettings.ENV_URL).asText();
        Set<String> services = new TreeSet<>();
        for (JsonNode s : gradeJob.path("services")) {
            assertTrue(
                    s.path("name").asText(s.asText()).matches("postgres:16([.-][\\w.-]+)?"),
                    "postgres:16 service: " + s);
            services.add(s.path("alias").asText(""));
        }
        String host = URI.create(url.substring("jdbc:".length())).getHost();
        assertTrue(services.contains(host), "GRADER_DB_URL (" + url + ") names a service alias: " + services);

        Map.Entry<String, JsonNode> merge = t.jobs().entrySet().stream()
                .filter(e -> stream(e.getValue().path("needs"))
                        .anyMatch(n -> n.path("job").asText(n.asText()).equals(grade.getKey())))
                .findFirst()
                .orElseThrow(() -> new AssertionError(t.file + ": no job needs " + grade.getKey()));
        assertTrue(
                stages.indexOf(gradeJob.path("stage").asText())
                        < stages.indexOf(merge.getValue().path("stage").asText()),
                "the merge job's stage comes after the grade job's: " + stages);
        assertEquals("always", merge.getValue().path("when").asText(), "the merge job runs when some grades failed");
        ParseResult mergeParsed = parse(single(t, merge.getKey(), "merge"));
        assertTrue(
                positionals(mergeParsed).stream().anyMatch(r -> Path.of(out).startsWith(r)),
                "merge reads the grade jobs' --out folders (" + out + "): " + positionals(mergeParsed));
        String board = mergeParsed.matchedOptionValue("--out", Path.of("")).toString();
        assertTrue(
                texts(merge.getValue().path("artifacts").path("paths")).stream()
                        .map(CiTemplatesTest::stripSlash)
                        .anyMatch(board::equals),
                "the merge job keeps the leaderboard folder " + board);
    }

    // ---- shared checks -------------------------------------------------------------------------------------

    /** Each grader command's problem, prefixed with file, line, job and the command as written. */
    static List<String> problems(List<CiTemplate> templates) {
        List<String> problems = new ArrayList<>();
        for (CiTemplate t : templates) {
            for (CiTemplate.Command c : t.graderCalls()) {
                String p = problem(c.args());
                if (p != null) {
                    problems.add(c + "\n    grader " + String.join(" ", c.args()) + "\n    -> " + p);
                }
            }
        }
        return problems;
    }

    /** Why the grader would reject these arguments before doing any work, or null. */
    static String problem(List<String> args) {
        CommandLine cli = Main.commandLine();
        if (args.isEmpty() || args.get(0).startsWith("-")) {
            return "no subcommand; the grader's commands are "
                    + cli.getSubcommands().keySet();
        }
        if (!cli.getSubcommands().containsKey(args.get(0))) {
            return "`grader " + args.get(0) + "` is not a grader command; it has "
                    + cli.getSubcommands().keySet();
        }
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            return e.getMessage();
        }
        ParseResult sub = parsed.subcommand();
        if (sub.hasMatchedOption("--format")) {
            for (String f : sub.<List<String>>matchedOptionValue("--format", List.of())) {
                if (!f.isBlank() && !f.strip().equalsIgnoreCase("all")) {
                    try {
                        reportFile(f);
                    } catch (IllegalArgumentException e) {
                        return "--format: " + e.getMessage();
                    }
                }
            }
        }
        return null;
    }

    /** The file a report format is written to in --out. */
    static String reportFile(String format) {
        return dev.grader.report.ReportFormat.parse(format).fileName();
    }

    /** Checks the GitHub company flow and returns the grade command as parsed. */
    private static ParseResult assertFansOutAndMerges(CiTemplate t) {
        Map<String, JsonNode> jobs = t.jobs();
        Map.Entry<String, JsonNode> grade = jobs.entrySet().stream()
                .filter(e -> e.getValue().path("strategy").has("matrix"))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError(t.file + ": no job with strategy.matrix (one job per submission)"));
        JsonNode gradeJob = grade.getValue();
        JsonNode strategy = gradeJob.path("strategy");
        assertFalse(
                strategy.path("fail-fast").asBoolean(true),
                t.file + ": fail-fast: false, else one candidate below the bar cancels the others' grading");
        String matrix = strategy.path("matrix").fields().next().getValue().asText();
        Matcher from = Pattern.compile("fromJSON\\(\\s*needs\\.([\\w-]+)\\.outputs\\.([\\w-]+)\\s*\\)")
                .matcher(matrix);
        assertTrue(from.find(), t.file + ": the matrix is a JSON list an earlier job emits: " + matrix);
        String list = from.group(1);
        String output = from.group(2);
        assertTrue(texts(gradeJob.path("needs")).contains(list), t.file + ": the grade job needs " + list);
        JsonNode listJob = jobs.get(list);
        assertTrue(
                listJob != null && listJob.path("outputs").has(output),
                t.file + ": job " + list + " has output " + output);
        assertTrue(
                stream(listJob.path("steps"))
                        .anyMatch(s -> s.path("run").asText().contains(output + "=")
                                && s.path("run").asText().contains("$GITHUB_OUTPUT")),
                t.file + ": job " + list + " writes " + output + " to $GITHUB_OUTPUT");

        assertSetupJava(t, gradeJob);
        ParseResult parsed = parse(single(t, grade.getKey(), "grade"));
        assertTrue(
                parsed.<List<String>>matchedOptionValue("--format", List.of()).contains("json"),
                t.file + ": merge reads report.json, so grade writes --format json");
        String out = parsed.matchedOptionValue("--out", Path.of("")).toString();
        JsonNode upload = step(t, gradeJob, "actions/upload-artifact");
        Path uploaded = Path.of(
                t.expand(grade.getKey(), upload.path("with").path("path").asText()));
        assertTrue(
                Path.of(out).startsWith(uploaded),
                t.file + ": the grade job uploads its --out folder " + out + ", uploads " + uploaded);
        assertRunsAfterFailures(t, upload.path("if").asText(), "the report upload");
        String artifact =
                t.expand(grade.getKey(), upload.path("with").path("name").asText());

        Map.Entry<String, JsonNode> merge = jobs.entrySet().stream()
                .filter(e -> texts(e.getValue().path("needs")).contains(grade.getKey()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(t.file + ": no job needs " + grade.getKey()));
        JsonNode mergeJob = merge.getValue();
        assertRunsAfterFailures(t, mergeJob.path("if").asText(), "the merge job");
        assertSetupJava(t, mergeJob);
        JsonNode download = step(t, mergeJob, "actions/download-artifact");
        String pattern = t.expand(
                merge.getKey(),
                download.path("with")
                        .path("pattern")
                        .asText(download.path("with").path("name").asText()));
        assertTrue(
                FileSystems.getDefault().getPathMatcher("glob:" + pattern).matches(Path.of(artifact)),
                t.file + ": the merge job downloads the reports (" + pattern + " vs " + artifact + ")");
        // Where one submission's report.json lands in the merge job: merge names a report after its folder.
        Path downloaded = Path.of(
                t.expand(merge.getKey(), download.path("with").path("path").asText(".")));
        Path landed = (download.path("with").path("merge-multiple").asBoolean(false)
                        ? downloaded
                        : downloaded.resolve(artifact))
                .resolve(uploaded.relativize(Path.of(out)));
        assertEquals(
                Path.of(out).getFileName(),
                landed.getFileName(),
                t.file + ": the merge job finds a report in " + landed + ", so the leaderboard would name it "
                        + landed.getFileName() + ", not after its submission");
        ParseResult mergeParsed = parse(single(t, merge.getKey(), "merge"));
        assertTrue(
                positionals(mergeParsed).stream().anyMatch(r -> landed.startsWith(r)),
                t.file + ": merge reads the downloaded reports in " + landed + ": " + positionals(mergeParsed));
        String board = mergeParsed.matchedOptionValue("--out", Path.of("")).toString();
        assertTrue(
                stream(mergeJob.path("steps"))
                        .anyMatch(s -> s.path("uses").asText().startsWith("actions/upload-artifact@")
                                && stripSlash(t.expand(
                                                merge.getKey(),
                                                s.path("with").path("path").asText()))
                                        .equals(board)),
                t.file + ": the leaderboard " + board + " is uploaded");
        return parsed;
    }

    private static void assertRunsAfterFailures(CiTemplate t, String condition, String what) {
        assertTrue(
                condition.contains("always()") || condition.contains("!cancelled()"),
                t.file + ": " + what + " runs after failed grades too (if: always() or !cancelled()), has '" + condition
                        + "'");
    }

    private static JsonNode assertSetupJava(CiTemplate t, JsonNode job) {
        JsonNode setup = step(t, job, "actions/setup-java");
        JsonNode with = setup.path("with");
        assertEquals("temurin", with.path("distribution").asText(), t.file + ": setup-java distribution");
        assertEquals("17", with.path("java-version").asText(), t.file + ": setup-java java-version");
        assertEquals("maven", with.path("cache").asText(), t.file + ": setup-java caches Maven's repository");
        return setup;
    }

    private static JsonNode step(CiTemplate t, JsonNode job, String action) {
        return stream(job.path("steps"))
                .filter(s -> s.path("uses").asText().startsWith(action + "@"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(t.file + ": a job lacks a step using " + action));
    }

    private static CiTemplate.Command single(CiTemplate t, String job, String subcommand) {
        List<CiTemplate.Command> calls = t.graderCalls().stream()
                .filter(c -> c.job().equals(job)
                        && !c.args().isEmpty()
                        && c.args().get(0).equals(subcommand))
                .toList();
        assertEquals(
                1,
                calls.size(),
                t.file + ": job " + job + " runs `grader " + subcommand + "` once: " + t.graderCalls());
        return calls.get(0);
    }

    /** The subcommand's parse result; fails with the call's problem when the grader rejects it. */
    private static ParseResult parse(CiTemplate.Command call) {
        String problem = problem(call.args());
        if (problem != null) {
            fail(call + "\n    -> " + problem);
        }
        return Main.commandLine().parseArgs(call.args().toArray(String[]::new)).subcommand();
    }

    private static List<String> positionals(ParseResult parsed) {
        List<String> values = new ArrayList<>();
        for (PositionalParamSpec p : parsed.matchedPositionals()) {
            Object v = p.getValue();
            if (v instanceof Collection<?> c) {
                c.forEach(x -> values.add(String.valueOf(x)));
            } else if (v != null) {
                values.add(v.toString());
            }
        }
        return values;
    }

    private static CiTemplate template(String relative) {
        Path f = CI.resolve(relative);
        assertTrue(Files.isRegularFile(f), "missing template " + f);
        return CiTemplate.read(f);
    }

    private static List<Path> templateFiles() throws IOException {
        assertTrue(Files.isDirectory(CI), "no templates folder " + CI);
        try (Stream<Path> files = Files.walk(CI)) {
            List<Path> yaml = files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted()
                    .toList();
            assertFalse(yaml.isEmpty(), "no *.yml or *.yaml under " + CI);
            return yaml;
        }
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(nodes::add);
        } else if (!array.isMissingNode() && !array.isNull()) {
            nodes.add(array);
        }
        return nodes.stream();
    }

    private static List<String> texts(JsonNode node) {
        return stream(node).map(JsonNode::asText).collect(Collectors.toList());
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
