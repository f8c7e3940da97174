package org.roentgen.router.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reading of SnakeYAML nodes that collects every problem with its line and column instead of
 * stopping at the first. A reader returns null after reporting a problem, and the caller goes on
 * with the rest of the file.
 */
final class YamlNodes {
  private final List<RuleError> errors = new ArrayList<>();

  /** A mapping entry: the key as text, its node (for positions) and the value. */
  record Entry(String key, Node keyNode, Node value) {}

  void error(Node at, String message) {
    Mark m = at == null ? null : at.getStartMark();
    errors.add(
        m == null
            ? new RuleError(0, 0, message)
            : new RuleError(m.getLine() + 1, m.getColumn() + 1, message));
  }

  List<RuleError> errors() {
    return errors.stream().sorted().toList();
  }

  boolean hasErrors() {
    return !errors.isEmpty();
  }

  static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  /**
   * The entries of a mapping, in file order. Unknown keys (with the nearest known one suggested),
   * duplicate keys and non-text keys are reported and left out. Null when {@code node} is not a
   * mapping (reported).
   */
  Map<String, Entry> mapping(Node node, String what, Collection<String> allowed) {
    if (!(node instanceof MappingNode map)) {
      error(node, what + " must be a mapping (key: value lines), not " + kind(node));
      return null;
    }
    Map<String, Entry> out = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      Node k = t.getKeyNode();
      if (!(k instanceof ScalarNode ks)) {
        error(k, "a key in " + what + " must be text, not " + kind(k));
        continue;
      }
      String key = ks.getValue();
      Entry first = out.get(key);
      if (first != null) {
        error(
            k,
            "duplicate key '"
                + key
                + "' in "
                + what
                + " (first at line "
                + line(first.keyNode)
                + ")");
        continue;
      }
      if (allowed != null && !allowed.contains(key)) {
        error(
            k,
            "unknown key '"
                + key
                + "' in "
                + what
                + Suggestions.hint(key, allowed)
                + "; allowed: "
                + String.join(", ", allowed));
        continue;
      }
      out.put(key, new Entry(key, k, t.getValueNode()));
    }
    return out;
  }

  /** A scalar's text (possibly empty), or null when the node is not a scalar or is null. */
  String scalar(Node node, String what) {
    if (node instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
      return s.getValue();
    }
    error(node, what + " must be a single value, not " + kind(node));
    return null;
  }

  /** A non-blank scalar, stripped; null when missing or blank (reported). */
  String text(Node node, String what) {
    String s = scalar(node, what);
    if (s != null && s.isBlank()) {
      error(node, what + " must not be empty");
      return null;
    }
    return s == null ? null : s.strip();
  }

  Boolean bool(Node node, String what) {
    String s = scalar(node, what);
    if (s == null) {
      return null;
    }
    return switch (s.strip()) {
      case "true", "True", "TRUE" -> Boolean.TRUE;
      case "false", "False", "FALSE" -> Boolean.FALSE;
      default -> {
        error(node, what + " must be true or false, not '" + s + "'");
        yield null;
      }
    };
  }

  /** An integer in {@code [min, max]}; null when not (reported). */
  Integer integer(Node node, String what, int min, int max) {
    String s = scalar(node, what);
    if (s == null) {
      return null;
    }
    try {
      int v = Integer.parseInt(s.strip());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    error(node, what + " must be a whole number from " + min + " to " + max + ", not '" + s + "'");
    return null;
  }

  /**
   * The items of a list; a single value stands for a list of one. Null when neither (reported); an
   * empty list is reported when {@code nonEmpty}.
   */
  List<Node> list(Node node, String what, boolean nonEmpty) {
    if (node instanceof SequenceNode seq) {
      if (nonEmpty && seq.getValue().isEmpty()) {
        error(node, what + " must not be an empty list");
        return null;
      }
      return seq.getValue();
    }
    if (node instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
      return List.of(node);
    }
    error(node, what + " must be a list (or a single value), not " + kind(node));
    return null;
  }

  /** A list of non-blank texts (a single value is a list of one); null when not (reported). */
  List<String> texts(Node node, String what, boolean nonEmpty) {
    List<Node> items = list(node, what, nonEmpty);
    if (items == null) {
      return null;
    }
    List<String> out = new ArrayList<>(items.size());
    boolean ok = true;
    for (Node item : items) {
      String s = text(item, "an item of " + what);
      ok &= s != null;
      out.add(s);
    }
    return ok ? out : null;
  }

  /** Compiles a regular expression, reporting its syntax error; null when it has one. */
  Pattern regex(Node node, String regex, String what) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      error(
          node,
          "bad regex in "
              + what
              + ": "
              + e.getDescription()
              + (e.getIndex() >= 0 ? " at index " + e.getIndex() : "")
              + " of '"
              + regex
              + "'");
      return null;
    }
  }

  static String kind(Node node) {
    if (node == null) {
      return "nothing";
    }
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return Tag.NULL.equals(node.getTag()) ? "nothing" : "'" + ((ScalarNode) node).getValue() + "'";
  }
}
