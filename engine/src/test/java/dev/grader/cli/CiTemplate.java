package dev.grader.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CI template under {@code templates/ci} (a GitHub Actions workflow or a GitLab CI file) read for the shell
 * commands it runs: every {@code run:} of a GitHub step, every {@code script:}, {@code before_script:} and
 * {@code after_script:} entry of GitLab. Placeholders ({@code $VAR}, {@code ${VAR}}, {@code ${{ expr }}},
 * {@code $(...)}) get the value the template gives them (its {@code env:} or {@code variables:}, a matrix's first
 * value, the literal default of an {@code a || 'b'} expression), else a plausible stand-in. Test support for
 * {@link CiTemplatesTest}.
 */
final class CiTemplate {

    /** Which CI reads the file. */
    enum Kind {
        GITHUB,
        GITLAB
    }

    /**
     * One simple shell command of a template.
     *
     * @param file the template
     * @param line 1-based line of the command in the file (0 if it could not be found)
     * @param job the GitHub job id or GitLab job name it runs in ({@code default} for GitLab's defaults)
     * @param source the command as written (continuation lines joined)
     * @param words its words after quote removal and placeholder substitution, redirections dropped
     */
    record Command(Path file, int line, String job, String source, List<String> words) {

        /** Whether it runs the grader: {@code grader}, {@code ./grader} or any {@code path/grader}. */
        boolean isGrader() {
            return !words.isEmpty()
                    && (words.get(0).equals("grader") || words.get(0).endsWith("/grader"));
        }

        /** The arguments after the program name. */
        List<String> args() {
            return words.subList(1, words.size());
        }

        /** "file:line". */
        String where() {
            return file.getFileName() + ":" + (line > 0 ? line : "?");
        }

        @Override
        public String toString() {
            return where() + " (job " + job + "): " + source;
        }
    }

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> GITLAB_SCRIPT_KEYS = Set.of("before_script", "script", "after_script");
    private static final Set<String> LEADING_KEYWORDS =
            Set.of("if", "then", "else", "elif", "do", "while", "until", "!", "time", "exec", "command", "env", "{");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);
    private static final Pattern QUOTED_LITERAL = Pattern.compile("'([^']*)'");
    private static final Pattern SHELL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern PLAIN_PLACEHOLDER =
            Pattern.compile("\\$\\{\\{(.*?)}}|\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    final Path file;
    final Kind kind;
    final JsonNode root;
    private final List<String> lines;
    private final List<Command> commands = new ArrayList<>();
    private int cursor;

    private CiTemplate(Path file, JsonNode root, List<String> lines) {
        this.file = file;
        this.root = root;
        this.lines = lines;
        this.kind = root.has("jobs") ? Kind.GITHUB : Kind.GITLAB;
        if (kind == Kind.GITHUB) {
            readGithub();
        } else {
            readGitlab();
        }
    }

    /**
     * Reads and parses a template.
     *
     * @throws IllegalArgumentException naming the file when it is not valid YAML or not a mapping
     */
    static CiTemplate read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": not a YAML mapping (empty file?)");
        }
        return new CiTemplate(file, root, text.lines().toList());
    }

    /** Every simple shell command the template runs, in file order. */
    List<Command> commands() {
        return commands;
    }

    /** The commands that run the grader. */
    List<Command> graderCalls() {
        return commands.stream().filter(Command::isGrader).toList();
    }

    /** The GitHub jobs or GitLab jobs (top-level mappings with a script), by name, in file order. */
    Map<String, JsonNode> jobs() {
        Map<String, JsonNode> jobs = new LinkedHashMap<>();
        if (kind == Kind.GITHUB) {
            root.path("jobs").fields().forEachRemaining(e -> jobs.put(e.getKey(), e.getValue()));
        } else {
            root.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("default")
                        && e.getValue().isObject()
                        && e.getValue().has("script")) {
                    jobs.put(e.getKey(), e.getValue());
                }
            });
        }
        return jobs;
    }

    /** {@code text} with its placeholders filled in as the commands of {@code job} see them. */
    String expand(String job, String text) {
        return expandPlain(text, varsOf(job, null));
    }

    // ---- reading --------------------------------------------------------------------------------------------

    private void readGithub() {
        for (Map.Entry<String, JsonNode> job : jobs().entrySet()) {
            for (JsonNode step : job.getValue().path("steps")) {
                if (step.hasNonNull("run")) {
                    addScript(job.getKey(), step.get("run").asText(), varsOf(job.getKey(), step));
                }
            }
        }
    }

    private void readGitlab() {
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String name = e.getKey();
            JsonNode node = e.getValue();
            if (GITLAB_SCRIPT_KEYS.contains(name)) {
                addGitlabScript("default", node, varsOf("default", null));
            } else if (node.isObject() && (name.equals("default") || node.has("script"))) {
                Vars vars = varsOf(name, null);
                node.fields().forEachRemaining(f -> {
                    if (GITLAB_SCRIPT_KEYS.contains(f.getKey())) {
                        addGitlabScript(name, f.getValue(), vars);
                    }
                });
            }
        }
    }

    private void addGitlabScript(String job, JsonNode script, Vars vars) {
        if (script.isArray()) {
            script.forEach(item -> addGitlabScript(job, item, vars));
        } else if (script.isValueNode()) {
            addScript(job, script.asText(), vars);
        }
    }

    private void addScript(String job, String script, Vars vars) {
        for (Shell.Simple simple : Shell.parse(script, vars)) {
            String source = script.substring(simple.start(), simple.end())
                    .replaceAll("[ \\t]*\\\\\\r?\\n\\s*", " ")
                    .strip();
            commands.add(new Command(file, locate(source), job, source, simple.words()));
        }
    }

    /** The 1-based line where {@code source} starts, searched from the previous command on (templates are read in file order). */
    private int locate(String source) {
        String first = normalise(source.lines().findFirst().orElse(""));
        String[] words = first.split(" ");
        String prefix = String.join(" ", java.util.Arrays.copyOf(words, Math.min(3, words.length)));
        for (String needle : List.of(first, prefix)) {
            for (int from : new int[] {cursor, 0}) {
                for (int i = from; i < lines.size(); i++) {
                    if (normalise(lines.get(i)).contains(needle)) {
                        cursor = i;
                        return i + 1;
                    }
                }
            }
        }
        return 0;
    }

    private static String normalise(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    // ---- placeholders ---------------------------------------------------------------------------------------

    /** Variables in scope: a step's env, its job's env/variables and matrix, the file's env/variables. */
    private Vars varsOf(String job, JsonNode step) {
        List<JsonNode> scopes = new ArrayList<>();
        Map<String, String> matrix = new LinkedHashMap<>();
        JsonNode jobNode = kind == Kind.GITHUB ? root.path("jobs").path(job) : root.path(job);
        if (kind == Kind.GITHUB) {
            if (step != null) {
                scopes.add(step.path("env"));
            }
            scopes.add(jobNode.path("env"));
            scopes.add(root.path("env"));
            jobNode.path("strategy").path("matrix").fields().forEachRemaining(e -> {
                if (e.getValue().isArray() && !e.getValue().isEmpty()) {
                    matrix.put(e.getKey(), e.getValue().get(0).asText());
                }
            });
        } else {
            scopes.add(jobNode.path("variables"));
            for (JsonNode entry : jobNode.path("parallel").path("matrix")) {
                entry.fields()
                        .forEachRemaining(e -> matrix.putIfAbsent(
                                e.getKey(),
                                e.getValue().isArray()
                                        ? e.getValue().path(0).asText()
                                        : e.getValue().asText()));
            }
            scopes.add(root.path("variables"));
        }
        return new Vars(scopes, matrix);
    }

    /** Looks variables up in the template's scopes. */
    final class Vars {
        private final List<JsonNode> scopes;
        private final Map<String, String> matrix;
        private int depth;

        Vars(List<JsonNode> scopes, Map<String, String> matrix) {
            this.scopes = scopes;
            this.matrix = matrix;
        }

        /** The value a shell variable has in the template, if it sets it. */
        Optional<String> lookup(String name) {
            if (kind == Kind.GITLAB && matrix.containsKey(name)) {
                return Optional.of(matrix.get(name));
            }
            for (JsonNode scope : scopes) {
                JsonNode v = scope.get(name);
                if (v != null && !v.isNull()) {
                    String raw = v.isObject() ? v.path("value").asText() : v.asText();
                    if (depth > 4) {
                        return Optional.of(plausible(name));
                    }
                    depth++;
                    try {
                        return Optional.of(expandPlain(raw, this));
                    } finally {
                        depth--;
                    }
                }
            }
            return Optional.empty();
        }

        /** The variable's value, else a plausible stand-in. */
        String value(String name) {
            return lookup(name).orElseGet(() -> plausible(name));
        }

        /** The value of a GitHub expression {@code ${{ expr }}}. */
        String expression(String expr) {
            Matcher literal = QUOTED_LITERAL.matcher(expr);
            if (literal.find()) {
                return literal.group(1);
            }
            String e = expr.strip();
            if (e.startsWith("env.")) {
                return value(e.substring(4));
            }
            if (e.startsWith("matrix.") && matrix.containsKey(e.substring(7))) {
                return matrix.get(e.substring(7));
            }
            String last = "value";
            Matcher m = IDENTIFIER.matcher(e);
            while (m.find()) {
                last = m.group();
            }
            return plausible(last);
        }
    }

    private static String expandPlain(String text, Vars vars) {
        Matcher m = PLAIN_PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(1) != null
                    ? vars.expression(m.group(1))
                    : vars.value(m.group(2) != null ? m.group(2) : m.group(3));
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A stand-in for a value the template leaves to run time: numbers for numeric options, else the name. */
    static String plausible(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("score") || n.contains("percent")) {
            return "70";
        }
        if (n.contains("jobs")) {
            return "2";
        }
        if (n.contains("seed")) {
            return "42";
        }
        if (n.contains("exercise")) {
            return "rate-limiter";
        }
        return n.replace('_', '-');
    }

    // ---- shell ----------------------------------------------------------------------------------------------

    /** Just enough of POSIX shell to find simple commands and their words. No here-documents. */
    static final class Shell {

        /** A simple command: its span in the script and its words. */
        record Simple(int start, int end, List<String> words) {}

        private final String s;
        private final Vars vars;
        private final List<Simple> out = new ArrayList<>();
        private List<String> words = new ArrayList<>();
        private StringBuilder word;
        private boolean dropNextWord;
        private int start = -1;
        private int end;
        private int i;

        private Shell(String s, Vars vars) {
            this.s = s;
            this.vars = vars;
        }

        static List<Simple> parse(String script, Vars vars) {
            Shell sh = new Shell(script, vars);
            sh.run();
            return sh.out;
        }

        private void run() {
            int n = s.length();
            while (i < n) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < n && s.charAt(i + 1) == '\n') {
                    i += 2;
                } else if (c == '#' && word == null) {
                    while (i < n && s.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == ' ' || c == '\t' || c == '\r') {
                    endWord();
                    i++;
                } else if (c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')') {
                    endWord();
                    endCommand();
                    i++;
                } else if (c == '>' || c == '<') {
                    redirection();
                } else {
                    if (word == null) {
                        word = new StringBuilder();
                        if (start < 0) {
                            start = i;
                        }
                    }
                    wordPart(c);
                    end = i;
                }
            }
            endWord();
            endCommand();
        }

        private void wordPart(char c) {
            int n = s.length();
            if (c == '\'') {
                int j = s.indexOf('\'', i + 1);
                j = j < 0 ? n : j;
                word.append(s, i + 1, j);
                i = j + 1;
            } else if (c == '"') {
                i++;
                while (i < n && s.charAt(i) != '"') {
                    char d = s.charAt(i);
                    if (d == '\\' && i + 1 < n && "$`\"\\\n".indexOf(s.charAt(i + 1)) >= 0) {
                        if (s.charAt(i + 1) != '\n') {
                            word.append(s.charAt(i + 1));
                        }
                        i += 2;
                    } else if (d == '$') {
                        dollar();
                    } else {
                        word.append(d);
                        i++;
                    }
                }
                i++;
            } else if (c == '\\') {
                if (i + 1 < n) {
                    word.append(s.charAt(i + 1));
                }
                i += 2;
            } else if (c == '$') {
                dollar();
            } else if (c == '`') {
                int j = s.indexOf('`', i + 1);
                j = j < 0 ? n : j;
                substitution(i + 1, j);
                i = Math.min(n, j + 1);
            } else {
                word.append(c);
                i++;
            }
        }

        /** At a '$': appends the placeholder's value and moves past it. */
        private void dollar() {
            int n = s.length();
            if (s.startsWith("${{", i)) {
                int j = s.indexOf("}}", i + 3);
                j = j < 0 ? n : j;
                word.append(vars.expression(s.substring(i + 3, j)));
                i = Math.min(n, j + 2);
            } else if (s.startsWith("${", i)) {
                int j = s.indexOf('}', i + 2);
                j = j < 0 ? n : j;
                String inner = s.substring(i + 2, j);
                Matcher name = IDENTIFIER.matcher(inner);
                if (name.lookingAt()) {
                    String id = name.group().replace("-", "");
                    String rest = inner.substring(id.length());
                    String fallback =
                            rest.startsWith(":-") ? rest.substring(2) : rest.startsWith("-") ? rest.substring(1) : null;
                    word.append(fallback != null ? vars.lookup(id).orElse(fallback) : vars.value(id));
                } else {
                    word.append("value");
                }
                i = Math.min(n, j + 1);
            } else if (s.startsWith("$(", i)) {
                int depth = 0;
                int j = i + 1;
                for (; j < n; j++) {
                    if (s.charAt(j) == '(') {
                        depth++;
                    } else if (s.charAt(j) == ')' && --depth == 0) {
                        break;
                    }
                }
                substitution(i + 2, Math.min(n, j));
                i = Math.min(n, j + 1);
            } else {
                Matcher name = SHELL_NAME.matcher(s).region(i + 1, n);
                if (name.lookingAt()) {
                    word.append(vars.value(name.group()));
                    i = name.end();
                } else if (i + 1 < n && "?#@*!$-0123456789".indexOf(s.charAt(i + 1)) >= 0) {
                    word.append(s.charAt(i + 1) == '?' || s.charAt(i + 1) == '#' ? "0" : "value");
                    i += 2;
                } else {
                    word.append('$');
                    i++;
                }
            }
        }

        /** A command substitution from {@code from} to {@code to}: its commands count too; its value is a stand-in. */
        private void substitution(int from, int to) {
            for (Simple inner : parse(s.substring(from, to), vars)) {
                out.add(new Simple(inner.start() + from, inner.end() + from, inner.words()));
            }
            word.append("value");
        }

        /** {@code >file}, {@code >>file}, {@code 2>&1}, {@code <file}: dropped with their target. */
        private void redirection() {
            if (word != null && !word.isEmpty() && word.chars().allMatch(Character::isDigit)) {
                word = null;
            } else {
                endWord();
            }
            int n = s.length();
            while (i < n && (s.charAt(i) == '>' || s.charAt(i) == '<')) {
                i++;
            }
            if (i < n && s.charAt(i) == '&') {
                i++;
                while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '-')) {
                    i++;
                }
                end = i;
                return;
            }
            dropNextWord = true;
        }

        private void endWord() {
            if (word == null) {
                return;
            }
            if (dropNextWord) {
                dropNextWord = false;
            } else {
                words.add(word.toString());
            }
            word = null;
        }

        private void endCommand() {
            List<String> w = new ArrayList<>(words);
            while (!w.isEmpty()
                    && (LEADING_KEYWORDS.contains(w.get(0))
                            || ASSIGNMENT.matcher(w.get(0)).matches())) {
                w.remove(0);
            }
            if (!w.isEmpty()) {
                out.add(new Simple(start, end, List.copyOf(w)));
            }
            words = new ArrayList<>();
            start = -1;
            dropNextWord = false;
        }
    }
}
