package org.roentgen.router.rules;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.roentgen.dicom.data.VR;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads a rule's {@code match} mapping into a {@link Condition}, reporting every problem. */
final class MatchParser {
  static final List<String> KEYS =
      List.of(
          "callingAe",
          "calledAe",
          "validationVerdict",
          "qcVerdict",
          "findings",
          "timeWindow",
          "any",
          "all",
          "not");
  private static final List<String> OPERATORS =
      List.of("equals", "in", "regex", "exists", "min", "max", "from", "to");
  private static final List<String> TEXT_OPERATORS = List.of("equals", "in", "regex");
  private static final List<String> VALIDATION_VERDICTS =
      List.of("PASS", "WARN", "FAIL", Condition.ABSENT);
  private static final List<String> QC_VERDICTS =
      List.of("PASS", "WARN", "FAIL", "NOT_ANALYSED", Condition.ABSENT);

  private final YamlNodes y;
  private final TimeWindowParser windows;

  MatchParser(YamlNodes y, ZoneId zone) {
    this.y = y;
    this.windows = new TimeWindowParser(y, zone);
  }

  /** The condition of a {@code match} node; an absent or empty one matches everything. */
  Condition match(Node node) {
    if (node == null) {
      return new Condition.Always();
    }
    return conditions(node, "match");
  }

  private Condition conditions(Node node, String what) {
    Map<String, YamlNodes.Entry> entries = y.mapping(node, what, null);
    if (entries == null) {
      return null;
    }
    List<Condition> all = new ArrayList<>();
    boolean ok = true;
    for (YamlNodes.Entry e : entries.values()) {
      Condition c = condition(e, what);
      ok &= c != null;
      all.add(c);
    }
    if (!ok) {
      return null;
    }
    return switch (all.size()) {
      case 0 -> new Condition.Always();
      case 1 -> all.get(0);
      default -> new Condition.AllOf(all);
    };
  }

  private Condition condition(YamlNodes.Entry e, String what) {
    Node v = e.value();
    return switch (e.key()) {
      case "callingAe" -> ae(Condition.AeSide.CALLING, v, "callingAe");
      case "calledAe" -> ae(Condition.AeSide.CALLED, v, "calledAe");
      case "validationVerdict" -> verdict(Condition.Block.VALIDATION, v, VALIDATION_VERDICTS);
      case "qcVerdict" -> verdict(Condition.Block.QC, v, QC_VERDICTS);
      case "findings" -> findings(v);
      case "timeWindow" -> windows.parse(v);
      case "any" -> group(v, "any", true);
      case "all" -> group(v, "all", false);
      case "not" -> not(v);
      default -> attribute(e, what);
    };
  }

  private Condition group(Node node, String key, boolean any) {
    if (!(node instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
      y.error(node, key + " must be a non-empty list of conditions (each a mapping)");
      return null;
    }
    List<Condition> items = new ArrayList<>();
    boolean ok = true;
    for (Node item : seq.getValue()) {
      Condition c = conditions(item, "an item of " + key);
      ok &= c != null;
      items.add(c);
    }
    if (!ok) {
      return null;
    }
    return any ? new Condition.AnyOf(items) : new Condition.AllOf(items);
  }

  private Condition not(Node node) {
    Condition c = conditions(node, "not");
    return c == null ? null : new Condition.Not(c);
  }

  private Condition verdict(Condition.Block block, Node node, List<String> known) {
    String what = block == Condition.Block.VALIDATION ? "validationVerdict" : "qcVerdict";
    List<Node> items = y.list(node, what, true);
    if (items == null) {
      return null;
    }
    Set<String> verdicts = new TreeSet<>();
    boolean ok = true;
    for (Node item : items) {
      String v = y.text(item, "a verdict");
      if (v != null && !known.contains(v)) {
        y.error(
            item,
            "unknown verdict '"
                + v
                + "' in "
                + what
                + Suggestions.hint(v, known)
                + "; known: "
                + String.join(", ", known));
        v = null;
      }
      ok &= v != null;
      verdicts.add(v == null ? "" : v);
    }
    return ok ? new Condition.Verdict(block, verdicts) : null;
  }

  private Condition findings(Node node) {
    List<String> ids = y.texts(node, "findings", true);
    return ids == null ? null : new Condition.Findings(Set.copyOf(ids));
  }

  private Condition ae(Condition.AeSide side, Node node, String what) {
    List<ValueTest> tests = textTests(node, what, TEXT_OPERATORS, null);
    return tests == null ? null : new Condition.Ae(side, tests);
  }

  private Condition attribute(YamlNodes.Entry e, String what) {
    String name = e.key();
    String[] problem = new String[1];
    Keywords.Ref ref = Keywords.resolve(name, true, problem);
    if (ref == null) {
      if (Keywords.looksLikeAttribute(name) || name.contains(".")) {
        y.error(e.keyNode(), problem[0]);
      } else {
        y.error(
            e.keyNode(),
            "unknown key '"
                + name
                + "' in "
                + what
                + Suggestions.hint(
                    name,
                    () -> Stream.concat(KEYS.stream(), Keywords.allKeywords().stream()).iterator())
                + "; allowed: "
                + String.join(", ", KEYS)
                + " or a DICOM keyword");
      }
      return null;
    }
    Node v = e.value();
    if (!(v instanceof MappingNode)) {
      List<ValueTest> tests = textTests(v, name, TEXT_OPERATORS, ref);
      return tests == null ? null : new AttributeCondition(name, ref.path(), null, tests);
    }
    Map<String, YamlNodes.Entry> ops = y.mapping(v, name, OPERATORS);
    if (ops == null) {
      return null;
    }
    boolean ok = true;
    Boolean exists = null;
    if (ops.containsKey("exists")) {
      exists = y.bool(ops.get("exists").value(), "exists");
      ok &= exists != null;
      if (Boolean.FALSE.equals(exists) && ops.size() > 1) {
        y.error(ops.get("exists").keyNode(), "exists: false cannot be combined with other tests");
        ok = false;
      }
    }
    List<ValueTest> tests = new ArrayList<>();
    ok &= textOperators(ops, ref, name, tests);
    ok &= numberRange(ops, ref, name, tests);
    ok &= dateRange(ops, ref, name, tests);
    if (ops.isEmpty()) {
      y.error(v, name + " needs a test: " + String.join(", ", OPERATORS));
      ok = false;
    }
    return ok ? new AttributeCondition(name, ref.path(), exists, tests) : null;
  }

  /** A scalar (equals), a list (in) or a mapping of text operators. */
  private List<ValueTest> textTests(
      Node node, String what, List<String> allowed, Keywords.Ref ref) {
    List<ValueTest> tests = new ArrayList<>();
    if (node instanceof ScalarNode) {
      ValueTest.Equals eq = equalsTest(node, what, ref);
      return eq == null ? null : List.of(eq);
    }
    if (node instanceof SequenceNode) {
      ValueTest in = inTest(node, what, ref);
      return in == null ? null : List.of(in);
    }
    Map<String, YamlNodes.Entry> ops = y.mapping(node, what, allowed);
    if (ops == null) {
      return null;
    }
    if (ops.isEmpty()) {
      y.error(node, what + " needs a test: " + String.join(", ", allowed));
      return null;
    }
    return textOperators(ops, ref, what, tests) ? tests : null;
  }

  private boolean textOperators(
      Map<String, YamlNodes.Entry> ops, Keywords.Ref ref, String what, List<ValueTest> out) {
    boolean ok = true;
    if (ops.containsKey("equals")) {
      ValueTest t = equalsTest(ops.get("equals").value(), what + " equals", ref);
      ok &= add(out, t);
    }
    if (ops.containsKey("in")) {
      ok &= add(out, inTest(ops.get("in").value(), what + " in", ref));
    }
    if (ops.containsKey("regex")) {
      ok &= add(out, regexTest(ops.get("regex").value(), what + " regex"));
    }
    return ok;
  }

  private ValueTest.Equals equalsTest(Node node, String what, Keywords.Ref ref) {
    String text = y.text(node, what);
    if (text == null) {
      return null;
    }
    if (ref != null && ref.knownVr() && ref.allVrs(MatchParser::numeric)) {
      BigDecimal n = ValueTest.Numbers.parse(text);
      if (n == null) {
        y.error(node, "'" + text + "' is not a number, and " + ref.name() + " is " + ref.vrs());
        return null;
      }
      return new ValueTest.Equals(text, n);
    }
    return new ValueTest.Equals(text, null);
  }

  private ValueTest inTest(Node node, String what, Keywords.Ref ref) {
    List<Node> items = y.list(node, what, true);
    if (items == null) {
      return null;
    }
    List<ValueTest.Equals> options = new ArrayList<>();
    boolean ok = true;
    for (Node item : items) {
      ValueTest.Equals e = equalsTest(item, "an item of " + what, ref);
      ok &= e != null;
      options.add(e);
    }
    return ok ? new ValueTest.In(options) : null;
  }

  private ValueTest regexTest(Node node, String what) {
    String text = y.scalar(node, what);
    if (text == null) {
      return null;
    }
    Pattern p = y.regex(node, text, what);
    return p == null ? null : new ValueTest.Regex(p);
  }

  private boolean numberRange(
      Map<String, YamlNodes.Entry> ops, Keywords.Ref ref, String what, List<ValueTest> out) {
    YamlNodes.Entry min = ops.get("min");
    YamlNodes.Entry max = ops.get("max");
    if (min == null && max == null) {
      return true;
    }
    if (ref.knownVr() && !ref.anyVr(MatchParser::numeric)) {
      y.error(
          (min != null ? min : max).keyNode(),
          "min and max compare numbers, and " + what + " is " + ref.vrs() + ", not a number");
      return false;
    }
    BigDecimal lo = min == null ? null : number(min.value(), what + " min");
    BigDecimal hi = max == null ? null : number(max.value(), what + " max");
    if ((min != null && lo == null) || (max != null && hi == null)) {
      return false;
    }
    if (lo != null && hi != null && lo.compareTo(hi) > 0) {
      y.error(max.value(), what + " max is below min");
      return false;
    }
    out.add(new ValueTest.NumberRange(lo, hi));
    return true;
  }

  private BigDecimal number(Node node, String what) {
    String s = y.text(node, what);
    if (s == null) {
      return null;
    }
    BigDecimal n = ValueTest.Numbers.parse(s);
    if (n == null) {
      y.error(node, what + " must be a number, not '" + s + "'");
    }
    return n;
  }

  private boolean dateRange(
      Map<String, YamlNodes.Entry> ops, Keywords.Ref ref, String what, List<ValueTest> out) {
    YamlNodes.Entry from = ops.get("from");
    YamlNodes.Entry to = ops.get("to");
    if (from == null && to == null) {
      return true;
    }
    if (ref.knownVr() && !ref.anyVr(v -> v == VR.DA || v == VR.DT)) {
      y.error(
          (from != null ? from : to).keyNode(),
          "from and to compare dates, and " + what + " is " + ref.vrs() + ", not DA or DT");
      return false;
    }
    DicomDates.Bound lo = from == null ? null : date(from.value(), what + " from");
    DicomDates.Bound hi = to == null ? null : date(to.value(), what + " to");
    if ((from != null && lo == null) || (to != null && hi == null)) {
      return false;
    }
    LocalDateTime until = hi == null ? null : hi.untilExclusive();
    if (lo != null && until != null && !lo.at().isBefore(until)) {
      y.error(to.value(), what + " to is before from");
      return false;
    }
    out.add(new ValueTest.DateRange(lo == null ? null : lo.at(), until));
    return true;
  }

  private DicomDates.Bound date(Node node, String what) {
    String s = y.text(node, what);
    if (s == null) {
      return null;
    }
    DicomDates.Bound b = DicomDates.parseBound(s);
    if (b == null) {
      y.error(
          node,
          what
              + " must be a date (2024-01-31 or 20240131) or a date-time (2024-01-31T08:00), not '"
              + s
              + "'");
    }
    return b;
  }

  static boolean numeric(VR vr) {
    return vr == VR.IS || vr == VR.DS || vr.kind() == VR.Kind.INT || vr.kind() == VR.Kind.FLOAT;
  }

  private static boolean add(List<ValueTest> out, ValueTest t) {
    if (t == null) {
      return false;
    }
    out.add(t);
    return true;
  }
}
