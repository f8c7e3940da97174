package org.roentgen.validation.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.roentgen.contracts.InstanceValidated.Severity;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a rule file (YAML): a {@code rules} list, each rule with {@code id}, {@code description},
 * {@code severity} (FAIL, WARN, INFO) and {@code enabled}, and a {@code settings} section with the
 * rules' parameters. Anything unknown, missing or of the wrong kind is an error naming the line: a
 * rule file with a typo must stop the service, not silently switch a check off.
 */
public final class RuleBookLoader {
  /** The rule file shipped with the service. */
  public static final String DEFAULT_RESOURCE = "/rules/default-rules.yaml";

  private final String source;

  private RuleBookLoader(String source) {
    this.source = source;
  }

  /** The shipped defaults. */
  public static RuleBook defaults() {
    try (InputStream in = RuleBookLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("no " + DEFAULT_RESOURCE + " on the classpath");
      }
      return load(in, "classpath:" + DEFAULT_RESOURCE);
    } catch (IOException | RuleFileException e) {
      throw new IllegalStateException("the shipped rule file is invalid: " + e.getMessage(), e);
    }
  }

  /** Reads a rule file; {@code source} names it in messages. */
  public static RuleBook load(InputStream in, String source) throws IOException, RuleFileException {
    byte[] bytes = in.readAllBytes();
    return new RuleBookLoader(source).parse(bytes);
  }

  private RuleBook parse(byte[] bytes) throws RuleFileException {
    String text = new String(bytes, StandardCharsets.UTF_8);
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      root = new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark();
      throw new RuleFileException(
          source,
          m == null ? 0 : m.getLine() + 1,
          m == null ? 0 : m.getColumn() + 1,
          e.getProblem());
    } catch (RuntimeException e) {
      throw new RuleFileException(source, 0, 0, "not YAML: " + e.getMessage());
    }
    if (root == null) {
      throw new RuleFileException(source, 0, 0, "the file is empty");
    }
    Map<String, Node> top = mapping(root, Set.of("rules", "settings"), Set.of("rules", "settings"));
    Map<String, RuleSpec> rules = rules(top.get("rules"));
    RuleSettings settings = settings(top.get("settings"));
    return new RuleBook(rules, settings, source, sha256(bytes));
  }

  private Map<String, RuleSpec> rules(Node node) throws RuleFileException {
    if (!(node instanceof SequenceNode seq)) {
      throw error(node, "rules must be a list of rules");
    }
    Map<String, RuleSpec> rules = new LinkedHashMap<>();
    Set<String> known = new HashSet<>(RuleIds.ALL);
    for (Node item : seq.getValue()) {
      Map<String, Node> f =
          mapping(
              item,
              Set.of("id", "description", "severity", "enabled"),
              Set.of("id", "description", "severity", "enabled"));
      String id = text(f.get("id"));
      if (!known.contains(id)) {
        throw error(f.get("id"), "unknown rule id '" + id + "' (known: " + RuleIds.ALL + ")");
      }
      if (rules.containsKey(id)) {
        throw error(f.get("id"), "rule " + id + " is listed twice");
      }
      String severityText = text(f.get("severity"));
      Severity severity;
      try {
        severity = Severity.valueOf(severityText);
      } catch (IllegalArgumentException e) {
        throw error(
            f.get("severity"), "severity must be FAIL, WARN or INFO, not '" + severityText + "'");
      }
      rules.put(
          id,
          new RuleSpec(
              id,
              text(f.get("description")),
              severity,
              bool(f.get("enabled")),
              item.getStartMark().getLine() + 1));
    }
    List<String> missing = new ArrayList<>(RuleIds.ALL);
    missing.removeAll(rules.keySet());
    if (!missing.isEmpty()) {
      throw error(node, "rules missing from the file (list each, enabled or not): " + missing);
    }
    return rules;
  }

  private RuleSettings settings(Node node) throws RuleFileException {
    Set<String> keys =
        Set.of(
            "paired-body-parts",
            "laterality-words",
            "not-laterality",
            "view-positions",
            "view-modalities",
            "pregnancy",
            "deviation-index",
            "exposure-modalities",
            "require-dose-area-product");
    Map<String, Node> s = mapping(node, keys, keys);
    Map<String, Node> words =
        mapping(s.get("laterality-words"), Set.of("L", "R", "B"), Set.of("L", "R", "B"));
    Map<String, Set<String>> lateralityWords = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : words.entrySet()) {
      lateralityWords.put(e.getKey(), terms(e.getValue()));
    }
    Set<String> pk = Set.of("min-age", "max-age", "body-parts");
    Map<String, Node> p = mapping(s.get("pregnancy"), pk, pk);
    int minAge = integer(p.get("min-age"));
    int maxAge = integer(p.get("max-age"));
    if (minAge < 0 || maxAge < minAge) {
      throw error(p.get("max-age"), "pregnancy ages must satisfy 0 <= min-age <= max-age");
    }
    Set<String> dk =
        Set.of("warn-below", "warn-above", "action-below", "action-above", "tolerance");
    Map<String, Node> d = mapping(s.get("deviation-index"), dk, dk);
    RuleSettings.DeviationIndex di =
        new RuleSettings.DeviationIndex(
            number(d.get("warn-below")),
            number(d.get("warn-above")),
            number(d.get("action-below")),
            number(d.get("action-above")),
            number(d.get("tolerance")));
    if (!(di.actionBelow() <= di.warnBelow()
        && di.warnBelow() < di.warnAbove()
        && di.warnAbove() <= di.actionAbove()
        && di.tolerance() > 0)) {
      throw error(
          s.get("deviation-index"),
          "deviation-index needs action-below <= warn-below < warn-above <= action-above and a"
              + " tolerance above 0");
    }
    List<String> notLaterality = new ArrayList<>(terms(s.get("not-laterality")));
    return new RuleSettings(
        terms(s.get("paired-body-parts")),
        lateralityWords,
        notLaterality,
        terms(s.get("view-positions")),
        terms(s.get("view-modalities")),
        new RuleSettings.Pregnancy(minAge, maxAge, terms(p.get("body-parts"))),
        di,
        terms(s.get("exposure-modalities")),
        bool(s.get("require-dose-area-product")));
  }

  /** The keys of a mapping node; unknown or missing keys are errors. */
  private Map<String, Node> mapping(Node node, Set<String> allowed, Set<String> required)
      throws RuleFileException {
    if (!(node instanceof MappingNode map)) {
      throw error(node, "expected a mapping (key: value lines)");
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      String key = text(t.getKeyNode());
      if (!allowed.contains(key)) {
        throw error(
            t.getKeyNode(), "unknown key '" + key + "' (expected one of " + sorted(allowed) + ")");
      }
      out.put(key, t.getValueNode());
    }
    for (String r : sorted(required)) {
      if (!out.containsKey(r)) {
        throw error(node, "missing key '" + r + "'");
      }
    }
    return out;
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }

  private String text(Node node) throws RuleFileException {
    if (!(node instanceof ScalarNode s) || s.getValue().isBlank()) {
      throw error(node, "expected a non-empty value");
    }
    return s.getValue().trim();
  }

  private boolean bool(Node node) throws RuleFileException {
    String t = text(node);
    return switch (t.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw error(node, "expected true or false, not '" + t + "'");
    };
  }

  private int integer(Node node) throws RuleFileException {
    String t = text(node);
    try {
      return Integer.parseInt(t);
    } catch (NumberFormatException e) {
      throw error(node, "expected a whole number, not '" + t + "'");
    }
  }

  private double number(Node node) throws RuleFileException {
    String t = text(node);
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw error(node, "expected a number, not '" + t + "'");
    }
  }

  /** A list of terms, upper-cased; duplicates removed, order kept. */
  private Set<String> terms(Node node) throws RuleFileException {
    if (!(node instanceof SequenceNode seq)) {
      throw error(node, "expected a list ([A, B] or '- A' lines)");
    }
    Set<String> out = new LinkedHashSet<>();
    for (Node n : seq.getValue()) {
      out.add(text(n).toUpperCase(Locale.ROOT));
    }
    return out;
  }

  private RuleFileException error(Node node, String problem) {
    Mark m = node == null ? null : node.getStartMark();
    return new RuleFileException(
        source, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, problem);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
