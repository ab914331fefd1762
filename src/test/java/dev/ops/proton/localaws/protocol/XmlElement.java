package dev.ops.proton.localaws.protocol;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A small element tree for building query-protocol responses; rendering (and escaping) is done by the JDK's StAX
 * writer. Query-protocol lists are {@code <Name><member>...</member></Name>}, which {@link #members} builds.
 */
public final class XmlElement {

    private final String name;
    private final String text;
    private final List<XmlElement> children = new ArrayList<>();

    private XmlElement(String name, String text) {
        this.name = name;
        this.text = text;
    }

    public static XmlElement of(String name) {
        return new XmlElement(name, null);
    }

    public String name() {
        return name;
    }

    /** Adds and returns a child element with children of its own. */
    public XmlElement child(String childName) {
        XmlElement child = new XmlElement(childName, null);
        children.add(child);
        return child;
    }

    /** Adds a text child; a null value adds nothing (absent members are omitted on the wire). */
    public XmlElement text(String childName, Object value) {
        if (value != null) {
            children.add(new XmlElement(childName, String.valueOf(value)));
        }
        return this;
    }

    /** Adds a list: {@code <listName>} whose items are {@code <member>} elements filled by the caller. */
    public <T> XmlElement members(String listName, Iterable<T> items, MemberWriter<T> writer) {
        XmlElement list = child(listName);
        for (T item : items) {
            writer.write(list.child("member"), item);
        }
        return this;
    }

    /** Adds a list of plain text members. */
    public XmlElement textMembers(String listName, Iterable<String> items) {
        XmlElement list = child(listName);
        for (String item : items) {
            list.text("member", item);
        }
        return this;
    }

    /** Fills one {@code <member>} element. */
    @FunctionalInterface
    public interface MemberWriter<T> {
        void write(XmlElement member, T item);
    }

    /** Renders this element as a document whose root carries the given default namespace. */
    public String render(String namespace) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter writer = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            writer.writeStartDocument("UTF-8", "1.0");
            writer.writeStartElement(name);
            if (namespace != null) {
                writer.writeDefaultNamespace(namespace);
            }
            writeContent(writer);
            writer.writeEndElement();
            writer.writeEndDocument();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot render XML", e);
        }
        return out.toString();
    }

    private void write(XMLStreamWriter writer) throws XMLStreamException {
        writer.writeStartElement(name);
        writeContent(writer);
        writer.writeEndElement();
    }

    private void writeContent(XMLStreamWriter writer) throws XMLStreamException {
        if (text != null) {
            writer.writeCharacters(text);
        }
        for (XmlElement child : children) {
            child.write(writer);
        }
    }
}
