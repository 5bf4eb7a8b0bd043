package com.serviceradar.edge.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A text template: literal text with {@code {{name}}} slots and {@code {{#name}}…{{/name}}}
 * sections ({@code {{^name}}…{{/name}}} renders when the section's value is false or empty).
 *
 * <p>Slot values are quoted for the template's {@link Language} when they are text, written in
 * decimal when they are {@link Integer} or {@link Long}, and as they are when they are a {@link
 * Word}. A section's value is a {@link Boolean} or a {@link List} of maps, each rendering the
 * section once with its entries in scope. A missing value, or one of another type, is an error
 * naming the template and slot, never an empty string. A section tag alone on its line takes the
 * line with it, so templates can be laid out readably.
 */
public final class Template {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final String OPEN = "{{";
  private static final String CLOSE = "}}";

  private final String name;
  private final Language language;
  private final List<Node> nodes;

  private Template(String name, Language language, List<Node> nodes) {
    this.name = name;
    this.language = language;
    this.nodes = nodes;
  }

  /**
   * Loads a UTF-8 template from the class path, relative to {@code anchor}'s package.
   *
   * @throws IllegalStateException when the resource is missing
   * @throws IllegalArgumentException when the template is malformed
   */
  public static Template load(Class<?> anchor, String resource, Language language) {
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "template " + resource + " is missing next to " + anchor.getName());
      }
      return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8), language);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read template " + resource, e);
    }
  }

  /**
   * Parses template text.
   *
   * @param name names the template in error messages
   * @throws IllegalArgumentException when a tag is malformed or sections do not nest
   */
  public static Template parse(String name, String text, Language language) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(language, "language");
    return new Template(name, language, new Parser(name, text).parse());
  }

  /**
   * Renders the template.
   *
   * @throws IllegalArgumentException when a value is missing, of the wrong type, or cannot be
   *     quoted for the language
   */
  public String render(Map<String, ?> values) {
    Objects.requireNonNull(values, "values");
    Deque<Map<String, ?>> scopes = new ArrayDeque<>();
    scopes.push(values);
    StringBuilder out = new StringBuilder();
    renderAll(nodes, scopes, out);
    return out.toString();
  }

  private void renderAll(List<Node> list, Deque<Map<String, ?>> scopes, StringBuilder out) {
    for (Node node : list) {
      if (node instanceof Text text) {
        out.append(text.text());
      } else if (node instanceof Slot slot) {
        out.append(slotText(slot.name(), lookup(slot.name(), scopes)));
      } else if (node instanceof Section section) {
        renderSection(section, scopes, out);
      }
    }
  }

  private void renderSection(Section section, Deque<Map<String, ?>> scopes, StringBuilder out) {
    Object value = lookup(section.name(), scopes);
    if (value instanceof Boolean flag) {
      if (flag != section.inverted()) {
        renderAll(section.children(), scopes, out);
      }
    } else if (value instanceof List<?> items) {
      if (section.inverted()) {
        if (items.isEmpty()) {
          renderAll(section.children(), scopes, out);
        }
        return;
      }
      for (Object item : items) {
        if (!(item instanceof Map<?, ?> map)) {
          throw error("section {{#" + section.name() + "}} needs a list of maps");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> scope = (Map<String, ?>) map;
        scopes.push(scope);
        renderAll(section.children(), scopes, out);
        scopes.pop();
      }
    } else {
      throw error(
          "section {{#" + section.name() + "}} needs a Boolean or a List, got " + typeOf(value));
    }
  }

  private String slotText(String slot, Object value) {
    if (value instanceof String text) {
      try {
        return language.quote(text);
      } catch (IllegalArgumentException e) {
        throw error("{{" + slot + "}}: " + e.getMessage());
      }
    }
    if (value instanceof Integer || value instanceof Long) {
      return value.toString();
    }
    if (value instanceof Word word) {
      return word.value();
    }
    throw error("{{" + slot + "}} needs text, a number or a Word, got " + typeOf(value));
  }

  private Object lookup(String slot, Deque<Map<String, ?>> scopes) {
    for (Map<String, ?> scope : scopes) {
      if (scope.containsKey(slot)) {
        Object value = scope.get(slot);
        if (value == null) {
          break;
        }
        return value;
      }
    }
    throw error("no value for {{" + slot + "}}");
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException("template " + name + ": " + message);
  }

  private static String typeOf(Object value) {
    return value == null ? "nothing" : value.getClass().getSimpleName();
  }

  @Override
  public String toString() {
    return "Template[" + name + ", " + language + "]";
  }

  private sealed interface Node permits Text, Slot, Section {}

  private record Text(String text) implements Node {}

  private record Slot(String name) implements Node {}

  private record Section(String name, boolean inverted, List<Node> children) implements Node {}

  /** Turns the text into nodes in one pass, keeping a stack of open sections. */
  private static final class Parser {

    private final String name;
    private final String text;
    private final Deque<OpenSection> open = new ArrayDeque<>();
    private List<Node> current = new ArrayList<>();
    private int cursor;

    private record OpenSection(String name, boolean inverted, List<Node> parent) {}

    Parser(String name, String text) {
      this.name = name;
      this.text = text;
    }

    List<Node> parse() {
      while (cursor < text.length()) {
        int start = text.indexOf(OPEN, cursor);
        if (start < 0) {
          addText(text.substring(cursor));
          break;
        }
        int end = text.indexOf(CLOSE, start + OPEN.length());
        if (end < 0) {
          throw error(start, "{{ is never closed");
        }
        String tag = text.substring(start + OPEN.length(), end);
        int after = end + CLOSE.length();
        char kind = tag.isEmpty() ? ' ' : tag.charAt(0);
        boolean sectionTag = kind == '#' || kind == '^' || kind == '/';
        String tagName = sectionTag ? tag.substring(1) : tag;
        if (!NAME.matcher(tagName).matches()) {
          throw error(start, "malformed tag {{" + tag + "}}");
        }
        int textEnd = start;
        if (sectionTag) {
          int lineStart = text.lastIndexOf('\n', start - 1) + 1;
          int lineEnd = text.indexOf('\n', after);
          int nextLine = lineEnd < 0 ? text.length() : lineEnd + 1;
          int restEnd = lineEnd < 0 ? text.length() : lineEnd;
          if (lineStart >= cursor
              && blank(text.substring(lineStart, start))
              && blank(text.substring(after, restEnd))) {
            textEnd = lineStart;
            after = nextLine;
          }
        }
        addText(text.substring(cursor, textEnd));
        cursor = after;
        switch (kind) {
          case '#', '^' -> {
            open.push(new OpenSection(tagName, kind == '^', current));
            current = new ArrayList<>();
          }
          case '/' -> close(tagName, start);
          default -> current.add(new Slot(tagName));
        }
      }
      if (!open.isEmpty()) {
        throw new IllegalArgumentException(
            "template " + name + ": section {{#" + open.peek().name() + "}} is never closed");
      }
      return List.copyOf(current);
    }

    private void close(String tagName, int position) {
      OpenSection section = open.poll();
      if (section == null || !section.name().equals(tagName)) {
        throw error(position, "{{/" + tagName + "}} closes no open section of that name");
      }
      List<Node> children = List.copyOf(current);
      current = section.parent();
      current.add(new Section(section.name(), section.inverted(), children));
    }

    private void addText(String literal) {
      if (!literal.isEmpty()) {
        current.add(new Text(literal));
      }
    }

    private static boolean blank(String s) {
      return s.chars().allMatch(c -> c == ' ' || c == '\t');
    }

    private IllegalArgumentException error(int position, String message) {
      int line = 1;
      for (int i = 0; i < position; i++) {
        if (text.charAt(i) == '\n') {
          line++;
        }
      }
      return new IllegalArgumentException("template " + name + " line " + line + ": " + message);
    }
  }
}
