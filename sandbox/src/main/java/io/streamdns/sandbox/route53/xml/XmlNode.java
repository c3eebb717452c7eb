package io.streamdns.sandbox.route53.xml;

import io.streamdns.sandbox.route53.store.Route53Error;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A parsed XML element: local name, text, children. Built with the JDK's StAX parser, DTDs and external
 * entities off. Namespaces are ignored, as every Route 53 request element lives in one namespace.
 */
public final class XmlNode {
    private static final XMLInputFactory FACTORY = factory();

    private final String name;
    private final List<XmlNode> children = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    private XmlNode(String name) {
        this.name = name;
    }

    /** Parses a request body; malformed XML is Route 53's {@code InvalidInput}. */
    public static XmlNode parse(byte[] body) {
        try {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            Deque<XmlNode> stack = new ArrayDeque<>();
            XmlNode root = null;
            while (reader.hasNext()) {
                switch (reader.next()) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        XmlNode node = new XmlNode(reader.getLocalName());
                        if (stack.isEmpty()) {
                            root = node;
                        } else {
                            stack.peek().children.add(node);
                        }
                        stack.push(node);
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!stack.isEmpty()) {
                            stack.peek().text.append(reader.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> stack.pop();
                    default -> {
                    }
                }
            }
            if (root == null) {
                throw Route53Error.invalidInput("Invalid XML ; Premature end of file.");
            }
            return root;
        } catch (XMLStreamException e) {
            throw Route53Error.invalidInput("Invalid XML ; " + e.getMessage().replaceAll("\\s+", " "));
        }
    }

    public String name() {
        return name;
    }

    /** Text content (elements with children have only whitespace here). */
    public String text() {
        return text.toString();
    }

    public List<XmlNode> children() {
        return children;
    }

    /** First child with this name, or null. */
    public XmlNode child(String childName) {
        for (XmlNode c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    public List<XmlNode> children(String childName) {
        List<XmlNode> out = new ArrayList<>();
        for (XmlNode c : children) {
            if (c.name.equals(childName)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Text of the first child with this name, or null when there is none. */
    public String text(String childName) {
        XmlNode c = child(childName);
        return c == null ? null : c.text();
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }
}
