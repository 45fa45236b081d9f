package dev.grader.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every starter builds like a well-kept Maven project: each plugin of the default lifecycle has a pinned version,
 * so the build is the same everywhere and works offline after the first one.
 */
class StarterPomTest {

    /** The plugins {@code mvn test}, {@code package}, {@code install} and {@code clean} run for a jar project. */
    private static final List<String> LIFECYCLE = List.of(
            "maven-clean-plugin",
            "maven-resources-plugin",
            "maven-compiler-plugin",
            "maven-surefire-plugin",
            "maven-jar-plugin",
            "maven-install-plugin",
            "maven-deploy-plugin",
            "maven-site-plugin");

    @Test
    void everyStarterPinsEveryLifecyclePlugin() throws Exception {
        List<Path> poms = starterPoms();
        assertTrue(poms.size() >= 6, "expected the five exercises' and the template's starters, found " + poms);
        for (Path pom : poms) {
            Map<String, String> versions = pluginVersions(pom);
            for (String plugin : LIFECYCLE) {
                String version = versions.get(plugin);
                assertTrue(version != null && !version.isBlank(), pom + ": " + plugin + " has no pinned version");
                assertFalse(
                        version.startsWith("${") && !version.endsWith("}"),
                        pom + ": " + plugin + " version " + version);
            }
            versions.forEach((plugin, version) ->
                    assertFalse(version.isBlank(), pom + ": plugin " + plugin + " is declared without a version"));
        }
    }

    @Test
    void aPomWithoutPinsIsCaught(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path pom = tmp.resolve("pom.xml");
        Files.writeString(
                pom,
                "<project><build><plugins><plugin><artifactId>maven-compiler-plugin</artifactId>"
                        + "</plugin></plugins></build></project>");
        Map<String, String> versions = pluginVersions(pom);
        assertEquals("", versions.get("maven-compiler-plugin"));
        assertFalse(versions.containsKey("maven-resources-plugin"));
    }

    private static List<Path> starterPoms() throws IOException {
        List<Path> poms = new ArrayList<>();
        for (Path root : List.of(
                Fixtures.repository().resolve("exercises"),
                Fixtures.repository().resolve("templates"))) {
            try (Stream<Path> s = Files.list(root)) {
                s.map(d -> d.resolve("starter/pom.xml"))
                        .filter(Files::isRegularFile)
                        .sorted()
                        .forEach(poms::add);
            }
        }
        return poms;
    }

    /** Each plugin declared anywhere in the pom (plugins or pluginManagement) with its version; "" when it has none. */
    private static Map<String, String> pluginVersions(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(pom.toFile());
        Map<String, String> versions = new TreeMap<>();
        NodeList plugins = doc.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            String id = child(plugin, "artifactId");
            String version = child(plugin, "version");
            versions.merge(id, version, (a, b) -> a.isBlank() ? b : a);
        }
        return versions;
    }

    private static String child(Element e, String name) {
        NodeList children = e.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element c && c.getTagName().equals(name)) {
                return c.getTextContent().strip();
            }
        }
        return "";
    }
}
