package dev.grader.build;

import dev.grader.exercise.Exercise;
import dev.grader.exercise.ExerciseException;
import dev.grader.model.GraderInfo;
import dev.grader.model.GraderSettings;
import dev.grader.model.InfrastructureException;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Resolves an exercise's dependency classpath (the starter's dependencies, the hidden suites' extra
 * ones and the JUnit Platform launcher) with one Maven run, and caches it on disk keyed by a hash of
 * what determines it. Later grades, of any number of submissions, read the cache: no Maven process
 * per submission, and no network once the artifacts are in the local repository.
 */
public final class ClasspathResolver {

    private static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";

    private final Path cacheDir;
    private final GraderSettings settings;
    private final ConcurrentHashMap<String, List<Path>> memo = new ConcurrentHashMap<>();

    /** A resolver caching in {@code cacheDir} and running {@code settings.mavenCommand()}. */
    public ClasspathResolver(Path cacheDir, GraderSettings settings) {
        this.cacheDir = cacheDir.resolve("classpath");
        this.settings = settings;
    }

    /** The jars the exercise's code and hidden suites compile and run against. */
    public List<Path> resolve(Exercise exercise) {
        String pom = generatedPom(exercise);
        String key = exercise.id() + "-" + sha256(pom).substring(0, 16);
        return memo.computeIfAbsent(key, k -> readOrResolve(k, pom));
    }

    /**
     * The jars of a tool the grader runs in a process of its own (PIT, say): {@code coordinates}
     * ({@code group:artifact:version}) with their dependencies, resolved once and cached like an exercise's.
     */
    public List<Path> resolveTool(String name, List<String> coordinates) {
        StringBuilder pom = new StringBuilder("<project xmlns=\"http://maven.apache.org/POM/4.0.0\">"
                + "<modelVersion>4.0.0</modelVersion><groupId>dev.grader.tools</groupId><artifactId>" + name
                + "</artifactId><version>1</version><dependencies>");
        for (String coordinate : coordinates) {
            String[] parts = coordinate.split(":");
            pom.append("<dependency><groupId>")
                    .append(parts[0])
                    .append("</groupId><artifactId>")
                    .append(parts[1])
                    .append("</artifactId><version>")
                    .append(parts[2])
                    .append("</version></dependency>");
        }
        pom.append("</dependencies></project>");
        String text = pom.toString();
        String key = "tool-" + name + "-" + sha256(text).substring(0, 16);
        return memo.computeIfAbsent(key, k -> readOrResolve(k, text));
    }

    private List<Path> readOrResolve(String key, String pom) {
        Path cached = cacheDir.resolve(key + ".classpath");
        List<Path> fromCache = read(cached);
        if (fromCache != null) {
            return fromCache;
        }
        try {
            Files.createDirectories(cacheDir);
            Path work = Files.createTempDirectory(cacheDir, key + "-");
            try {
                Files.writeString(work.resolve("pom.xml"), pom);
                Path out = work.resolve("classpath.txt");
                Path log = work.resolve("maven.log");
                if (!runMaven(work, out, log, true) && !runMaven(work, out, log, false)) {
                    List<String> lines = Files.readAllLines(log);
                    throw new InfrastructureException("resolving the exercise's dependencies with Maven failed:\n  "
                            + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
                }
                Path tmp = work.resolve("result");
                Files.writeString(tmp, Files.readString(out).strip());
                try {
                    Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, cached, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                dev.grader.workspace.FileTrees.deleteQuietly(work);
            }
        } catch (IOException e) {
            throw new InfrastructureException(
                    "cannot write the classpath cache in " + cacheDir + ": " + e.getMessage(), e);
        }
        List<Path> resolved = read(cached);
        if (resolved == null) {
            throw new InfrastructureException("Maven resolved a classpath with missing jars: " + cached);
        }
        return resolved;
    }

    private boolean runMaven(Path work, Path out, Path log, boolean offline) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(mavenCommand(), "-B", "-q"));
        if (offline) {
            cmd.add("-o");
        }
        cmd.addAll(List.of(
                "-f",
                work.resolve("pom.xml").toString(),
                DEPENDENCY_PLUGIN + ":build-classpath",
                "-Dmdep.outputFile=" + out,
                "-Dmdep.includeScope=test",
                "-Dmdep.pathSeparator=" + File.pathSeparator));
        Process p;
        try {
            p = new ProcessBuilder(cmd)
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new InfrastructureException(
                    "Maven ('" + mavenCommand() + "') is needed once per exercise to resolve its"
                            + " dependencies, and could not be started: " + e.getMessage()
                            + " (set MAVEN_CMD to its path)",
                    e);
        }
        try {
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return false;
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while Maven resolved dependencies", e);
        }
        return p.exitValue() == 0 && Files.isRegularFile(out);
    }

    private String mavenCommand() {
        return settings.mavenCommand();
    }

    private static List<Path> read(Path cached) {
        if (!Files.isRegularFile(cached)) {
            return null;
        }
        try {
            String text = Files.readString(cached).strip();
            List<Path> jars = new ArrayList<>();
            if (!text.isEmpty()) {
                for (String s : text.split(File.pathSeparator)) {
                    Path p = Path.of(s);
                    if (!Files.exists(p)) {
                        return null;
                    }
                    jars.add(p);
                }
            }
            return List.copyOf(jars);
        } catch (IOException e) {
            return null;
        }
    }

    /** The starter's pom with the hidden suites' dependencies and the JUnit launcher added. */
    String generatedPom(Exercise exercise) {
        Path pomFile = exercise.starter().resolve("pom.xml");
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(pomFile.toFile());
            Element project = doc.getDocumentElement();
            Element dependencies = child(project, "dependencies");
            if (dependencies == null) {
                dependencies = doc.createElement("dependencies");
                project.appendChild(dependencies);
            }
            for (String coordinate : exercise.manifest().hiddenDependencies()) {
                String[] parts = coordinate.split(":");
                dependencies.appendChild(dependency(doc, parts[0], parts[1], parts[2]));
            }
            // With the JUnit BOM imported (directly, or through Spring Boot's parent or BOM, which import it), the
            // launcher takes the exercise's own platform version.
            boolean bom = managesJunit(doc);
            dependencies.appendChild(dependency(
                    doc,
                    "org.junit.platform",
                    "junit-platform-launcher",
                    bom ? null : GraderInfo.junitPlatformVersion()));
            Transformer t = TransformerFactory.newInstance().newTransformer();
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (IOException | ParserConfigurationException | SAXException | TransformerException e) {
            throw new ExerciseException(pomFile + ": cannot be read as a Maven pom: " + e.getMessage(), e);
        }
    }

    /** Artifacts whose import, or use as the parent, manages the JUnit BOM's versions. */
    private static final Set<String> MANAGING_JUNIT =
            Set.of("junit-bom", "spring-boot-starter-parent", "spring-boot-dependencies");

    private static boolean managesJunit(Document doc) {
        NodeList ids = doc.getElementsByTagName("artifactId");
        for (int i = 0; i < ids.getLength(); i++) {
            Node id = ids.item(i);
            String name = id.getTextContent().trim();
            String in = id.getParentNode() == null ? "" : id.getParentNode().getNodeName();
            if (name.equals("junit-bom")
                    || (MANAGING_JUNIT.contains(name) && (in.equals("parent") || in.equals("dependency")))) {
                return true;
            }
        }
        return false;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getTagName())) {
                return e;
            }
        }
        return null;
    }

    private static Element dependency(Document doc, String group, String artifact, String version) {
        Element dep = doc.createElement("dependency");
        append(doc, dep, "groupId", group);
        append(doc, dep, "artifactId", artifact);
        if (version != null) {
            append(doc, dep, "version", version);
        }
        append(doc, dep, "scope", "test");
        return dep;
    }

    private static void append(Document doc, Element parent, String name, String text) {
        Element e = doc.createElement(name);
        e.setTextContent(text);
        parent.appendChild(e);
    }

    static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
