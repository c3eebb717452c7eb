package io.streamdns.sandbox.route53.xml;

/** Minimal XML writer: nested elements and escaped text, no indentation (as Route 53 answers). */
final class XmlWriter {
    static final String NAMESPACE = "https://route53.amazonaws.com/doc/2013-04-01/";
    private final StringBuilder out = new StringBuilder(256);

    XmlWriter(String root) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(root)
                .append(" xmlns=\"").append(NAMESPACE).append("\">");
    }

    XmlWriter open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    XmlWriter close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** An element with text; nothing when the value is null. */
    XmlWriter element(String name, Object value) {
        if (value != null) {
            out.append('<').append(name).append('>');
            escape(value.toString());
            out.append("</").append(name).append('>');
        }
        return this;
    }

    String end(String root) {
        return out.append("</").append(root).append('>').toString();
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
    }
}
