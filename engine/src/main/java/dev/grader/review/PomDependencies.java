package dev.grader.review;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The {@code <dependency>} elements of a Maven pom (in {@code dependencies}, {@code dependencyManagement},
 * plugins and profiles alike), each with the line it starts on. The JDK's SAX parser reads the file with
 * DOCTYPEs and external entities refused, so a pom cannot make the grader read other files or the network.
 */
final class PomDependencies {

    /** One declared dependency. */
    record Dependency(String groupId, String artifactId, String version, int line) {

        /** {@code groupId:artifactId}. */
        String key() {
            return groupId + ":" + artifactId;
        }
    }

    private PomDependencies() {}

    /** The dependencies of {@code pom}; throws when it is not well-formed XML. */
    static List<Dependency> read(Path pom) throws IOException, SAXException {
        Handler handler = new Handler();
        try (InputStream in = Files.newInputStream(pom)) {
            parser().parse(new InputSource(in), handler);
        }
        return handler.found;
    }

    private static SAXParser parser() throws SAXException {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            SAXParser parser = factory.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return parser;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured safely", e);
        }
    }

    private static final class Handler extends DefaultHandler {
        final List<Dependency> found = new ArrayList<>();
        private final Deque<String> path = new ArrayDeque<>();
        private final StringBuilder text = new StringBuilder();
        private Locator locator;
        private int line;
        private String groupId;
        private String artifactId;
        private String version;

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            String name = local(qName);
            if (name.equals("dependency")) {
                line = locator == null ? 0 : locator.getLineNumber();
                groupId = null;
                artifactId = null;
                version = null;
            }
            path.push(name);
            text.setLength(0);
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            text.append(ch, start, length);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            String name = path.pop();
            if (!path.isEmpty() && path.peek().equals("dependency")) {
                String value = text.toString().strip();
                switch (name) {
                    case "groupId" -> groupId = value;
                    case "artifactId" -> artifactId = value;
                    case "version" -> version = value;
                    default -> {}
                }
            } else if (name.equals("dependency") && artifactId != null) {
                found.add(new Dependency(groupId == null ? "" : groupId, artifactId, version, line));
            }
            text.setLength(0);
        }

        private static String local(String qName) {
            int colon = qName.indexOf(':');
            return colon < 0 ? qName : qName.substring(colon + 1);
        }
    }
}
