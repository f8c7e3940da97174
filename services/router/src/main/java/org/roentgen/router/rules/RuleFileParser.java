package org.roentgen.router.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads and validates a rule file (YAML, through SnakeYAML's node API so that every problem names
 * its line and column). Every problem is collected; a file with any is refused as a whole with
 * {@link RuleFileException}. The format is described in the router's README ("Rules").
 *
 * <p>Immutable and thread-safe.
 */
public final class RuleFileParser {
  private static final List<String> TOP_KEYS = List.of("defaults", "rules");
  private static final List<String> DEFAULT_KEYS = List.of("quarantineOnFail", "timeZone");
  private static final List<String> RULE_KEYS =
      List.of("id", "description", "match", "actions", "final");
  private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** Far above any real rule file; bounds what a reload reads. */
  static final int MAX_FILE_BYTES = 4 << 20;

  private final Set<String> destinations;
  private final ZoneId defaultZone;

  /**
   * @param destinations the destination names a rule may send to (the router's configuration)
   * @param defaultZone the zone of time windows when the file's {@code defaults.timeZone} and the
   *     window itself name none
   */
  public RuleFileParser(Set<String> destinations, ZoneId defaultZone) {
    this.destinations = Set.copyOf(destinations);
    this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
  }

  /** Reads a rule file. */
  public RuleSet load(Path file) throws IOException, RuleFileException {
    return parse(read(file), file.toString());
  }

  /** The bytes of a rule file, refusing one larger than {@link #MAX_FILE_BYTES}. */
  static byte[] read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      if (bytes.length > MAX_FILE_BYTES) {
        throw new IOException("the rule file is larger than " + MAX_FILE_BYTES + " bytes");
      }
      return bytes;
    }
  }

  /** Parses the bytes of a rule file (UTF-8); {@code source} names it in messages. */
  public RuleSet parse(byte[] bytes, String source) throws RuleFileException {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new RuleFileException(source, List.of(new RuleError(0, 0, "not UTF-8 text")));
    }
    return parse(text, sha256(bytes), source);
  }

  private RuleSet parse(String text, String sha256, String source) throws RuleFileException {
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      root =
          new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(), options)
              .getSingleNode();
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new RuleFileException(
          source,
          List.of(
              new RuleError(
                  m == null ? 0 : m.getLine() + 1,
                  m == null ? 0 : m.getColumn() + 1,
                  "not valid YAML: " + e.getProblem())));
    } catch (RuntimeException e) {
      throw new RuleFileException(source, List.of(new RuleError(0, 0, "not valid YAML: " + e)));
    }
    if (root == null) {
      throw new RuleFileException(source, List.of(new RuleError(0, 0, "the file is empty")));
    }
    YamlNodes y = new YamlNodes();
    Map<String, YamlNodes.Entry> top = y.mapping(root, "the rule file", TOP_KEYS);
    RuleDefaults defaults = null;
    List<Rule> rules = null;
    if (top != null) {
      defaults = defaults(y, top.get("defaults"));
      if (!top.containsKey("rules")) {
        y.error(root, "the rule file needs a rules list");
      } else {
        RuleDefaults d = defaults != null ? defaults : new RuleDefaults(true, defaultZone);
        rules = rules(y, top.get("rules").value(), d);
      }
    }
    if (y.hasErrors() || rules == null || defaults == null) {
      throw new RuleFileException(source, y.errors());
    }
    return new RuleSet(rules, defaults, source, sha256);
  }

  private RuleDefaults defaults(YamlNodes y, YamlNodes.Entry entry) {
    if (entry == null) {
      return new RuleDefaults(true, defaultZone);
    }
    Map<String, YamlNodes.Entry> m = y.mapping(entry.value(), "defaults", DEFAULT_KEYS);
    if (m == null) {
      return null;
    }
    Boolean quarantine = true;
    if (m.containsKey("quarantineOnFail")) {
      quarantine = y.bool(m.get("quarantineOnFail").value(), "quarantineOnFail");
    }
    ZoneId zone = defaultZone;
    if (m.containsKey("timeZone")) {
      zone = TimeWindowParser.zone(m.get("timeZone").value(), y);
    }
    return quarantine == null || zone == null ? null : new RuleDefaults(quarantine, zone);
  }

  private List<Rule> rules(YamlNodes y, Node node, RuleDefaults defaults) {
    if (!(node instanceof SequenceNode seq)) {
      y.error(node, "rules must be a list of rules, not " + YamlNodes.kind(node));
      return null;
    }
    MatchParser matches = new MatchParser(y, defaults.timeZone());
    ActionParser actions = new ActionParser(y, destinations);
    Map<String, Integer> ids = new HashMap<>();
    List<Rule> rules = new ArrayList<>();
    for (Node item : seq.getValue()) {
      Rule r = rule(y, item, matches, actions, ids);
      if (r != null) {
        rules.add(r);
      }
    }
    return rules;
  }

  private Rule rule(
      YamlNodes y, Node node, MatchParser matches, ActionParser actions, Map<String, Integer> ids) {
    Map<String, YamlNodes.Entry> m = y.mapping(node, "a rule", RULE_KEYS);
    if (m == null) {
      return null;
    }
    String id = id(y, node, m.get("id"), ids);
    String description = null;
    if (m.containsKey("description")) {
      description = y.scalar(m.get("description").value(), "description");
    }
    Boolean stop = false;
    if (m.containsKey("final")) {
      stop = y.bool(m.get("final").value(), "final");
    }
    Condition match = matches.match(m.containsKey("match") ? m.get("match").value() : null);
    Actions a = Actions.NONE;
    if (m.containsKey("actions")) {
      a = actions.parse(m.get("actions").value());
    } else if (!Boolean.TRUE.equals(stop)) {
      y.error(
          node,
          "rule "
              + (id == null ? "" : "'" + id + "' ")
              + "has no actions (add actions, or"
              + " final: true for a rule that only stops the evaluation)");
      return null;
    }
    if (m.containsKey("actions")
        && m.get("actions").value() instanceof MappingNode actionsNode
        && actionsNode.getValue().isEmpty()) {
      y.error(m.get("actions").value(), "actions is empty");
      return null;
    }
    if (id == null || match == null || a == null || stop == null) {
      return null;
    }
    return new Rule(id, description, YamlNodes.line(node), match, a, stop);
  }

  private String id(YamlNodes y, Node rule, YamlNodes.Entry entry, Map<String, Integer> ids) {
    if (entry == null) {
      y.error(rule, "a rule needs an id");
      return null;
    }
    String id = y.text(entry.value(), "id");
    if (id == null) {
      return null;
    }
    if (!RULE_ID.matcher(id).matches()) {
      y.error(
          entry.value(),
          "rule id '" + id + "' must be 1 to 64 letters, digits, '.', '_' or '-' (no spaces)");
      return null;
    }
    Integer first = ids.putIfAbsent(id, YamlNodes.line(entry.value()));
    if (first != null) {
      y.error(entry.value(), "duplicate rule id '" + id + "' (first at line " + first + ")");
      return null;
    }
    return id;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }
}
