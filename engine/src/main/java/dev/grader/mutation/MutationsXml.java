package dev.grader.mutation;

import dev.grader.model.InfrastructureException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Reads PIT's {@code mutations.xml}. */
final class MutationsXml {

    private MutationsXml() {}

    static List<PitMutation> read(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList nodes = factory.newDocumentBuilder().parse(file.toFile()).getElementsByTagName("mutation");
            List<PitMutation> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                Element m = (Element) nodes.item(i);
                String mutator = text(m, "mutator");
                out.add(new PitMutation(
                        m.getAttribute("status"),
                        text(m, "mutatedClass"),
                        text(m, "mutatedMethod"),
                        Integer.parseInt(text(m, "lineNumber")),
                        mutator.substring(mutator.lastIndexOf('.') + 1),
                        text(m, "description")));
            }
            return out;
        } catch (IOException | ParserConfigurationException | SAXException | NumberFormatException e) {
            throw new InfrastructureException(
                    "PIT's report " + file.getFileName() + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String text(Element parent, String tag) {
        NodeList n = parent.getElementsByTagName(tag);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent().trim();
    }
}
