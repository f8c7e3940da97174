package org.roentgen.router.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.roentgen.contracts.InstanceDelivery.Priority;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads a rule's {@code actions} mapping, checking destination names against the known ones. */
final class ActionParser {
  static final List<String> KEYS =
      List.of(
          "sendTo",
          "priority",
          "coerce",
          "deidentify",
          "holdForStudyCompletion",
          "quarantine",
          "deliverDespiteFail");
  static final List<String> DEIDENTIFY_OPTIONS =
      List.of(
          "retainUids",
          "retainDeviceIdentity",
          "retainInstitutionIdentity",
          "retainPatientCharacteristics",
          "retainLongitudinalFullDates",
          "cleanDescriptors",
          "retainSafePrivate");
  private static final List<String> PRIORITIES = List.of("STAT", "ROUTINE");

  /** One week: longer than any study takes to arrive. */
  static final int MAX_HOLD_SECONDS = 7 * 24 * 3600;

  private final YamlNodes y;
  private final Set<String> destinations;
  private final CoercionParser coercions;

  ActionParser(YamlNodes y, Set<String> destinations) {
    this.y = y;
    this.destinations = Set.copyOf(destinations);
    this.coercions = new CoercionParser(y);
  }

  /** The actions of a rule; null when invalid (reported). */
  Actions parse(Node node) {
    Map<String, YamlNodes.Entry> m = y.mapping(node, "actions", KEYS);
    if (m == null) {
      return null;
    }
    boolean ok = true;
    List<String> sendTo = List.of();
    if (m.containsKey("sendTo")) {
      sendTo = sendTo(m.get("sendTo").value());
      ok &= sendTo != null;
    }
    Priority priority = null;
    if (m.containsKey("priority")) {
      priority = priority(m.get("priority").value());
      ok &= priority != null;
    }
    List<Coercion> coerce = new ArrayList<>();
    Map<String, List<Coercion>> coerceFor = new LinkedHashMap<>();
    if (m.containsKey("coerce")) {
      ok &= coerce(m.get("coerce").value(), coerce, coerceFor);
    }
    Map<String, DeidentifyOptions> deidentify = new LinkedHashMap<>();
    if (m.containsKey("deidentify")) {
      ok &= deidentify(m.get("deidentify").value(), deidentify);
    }
    Integer hold = 0;
    if (m.containsKey("holdForStudyCompletion")) {
      hold =
          y.integer(
              m.get("holdForStudyCompletion").value(),
              "holdForStudyCompletion (seconds)",
              1,
              MAX_HOLD_SECONDS);
      ok &= hold != null;
    }
    String quarantine = null;
    if (m.containsKey("quarantine")) {
      quarantine = y.text(m.get("quarantine").value(), "quarantine (the reason)");
      ok &= quarantine != null && alone(m);
    }
    Boolean despite = false;
    if (m.containsKey("deliverDespiteFail")) {
      despite = y.bool(m.get("deliverDespiteFail").value(), "deliverDespiteFail");
      ok &= despite != null;
    }
    if (!ok) {
      return null;
    }
    return new Actions(sendTo, priority, coerce, coerceFor, deidentify, hold, quarantine, despite);
  }

  /** Quarantine sends nowhere: no other action goes with it. */
  private boolean alone(Map<String, YamlNodes.Entry> m) {
    List<String> others = m.keySet().stream().filter(k -> !k.equals("quarantine")).toList();
    if (!others.isEmpty()) {
      y.error(
          m.get("quarantine").keyNode(),
          "quarantine cannot be combined with "
              + String.join(", ", others)
              + " in one rule: a quarantined instance goes nowhere");
      return false;
    }
    return true;
  }

  private List<String> sendTo(Node node) {
    List<Node> items = y.list(node, "sendTo", true);
    if (items == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    boolean ok = true;
    for (Node item : items) {
      String name = destination(item, "sendTo");
      if (name != null && out.contains(name)) {
        y.error(item, "destination '" + name + "' is listed twice in sendTo");
        name = null;
      }
      ok &= name != null;
      out.add(name);
    }
    return ok ? out : null;
  }

  private String destination(Node node, String what) {
    String name = y.text(node, "a destination in " + what);
    if (name != null && !destinations.contains(name)) {
      y.error(
          node,
          "unknown destination '"
              + name
              + "' in "
              + what
              + Suggestions.hint(name, destinations)
              + "; known: "
              + String.join(", ", destinations.stream().sorted().toList()));
      return null;
    }
    return name;
  }

  private Priority priority(Node node) {
    String s = y.text(node, "priority");
    if (s != null && !PRIORITIES.contains(s)) {
      y.error(node, "priority must be STAT or ROUTINE, not '" + s + "'");
      return null;
    }
    return s == null ? null : Priority.valueOf(s);
  }

  /** A list for every destination of the rule, or a mapping of lists by destination. */
  private boolean coerce(Node node, List<Coercion> all, Map<String, List<Coercion>> byDestination) {
    if (node instanceof SequenceNode) {
      List<Coercion> list = coercions.list(node, "coerce");
      if (list != null) {
        all.addAll(list);
      }
      return list != null;
    }
    if (!(node instanceof MappingNode)) {
      y.error(
          node,
          "coerce must be a list of operations (for every destination of the rule) or a mapping"
              + " of such lists by destination");
      return false;
    }
    Map<String, YamlNodes.Entry> m = y.mapping(node, "coerce", null);
    boolean ok = m != null;
    for (YamlNodes.Entry e : m == null ? List.<YamlNodes.Entry>of() : m.values()) {
      String d = destination(e.keyNode(), "coerce");
      List<Coercion> list = coercions.list(e.value(), "coerce for " + e.key());
      ok &= d != null && list != null;
      if (d != null && list != null) {
        byDestination.put(d, list);
      }
    }
    return ok;
  }

  /** A mapping by destination of {@code true} (the basic profile) or a mapping of options. */
  private boolean deidentify(Node node, Map<String, DeidentifyOptions> out) {
    Map<String, YamlNodes.Entry> m = y.mapping(node, "deidentify (by destination)", null);
    if (m == null) {
      return false;
    }
    boolean ok = true;
    for (YamlNodes.Entry e : m.values()) {
      String d = destination(e.keyNode(), "deidentify");
      DeidentifyOptions options = options(e.value(), e.key());
      ok &= d != null && options != null;
      if (d != null && options != null) {
        out.put(d, options);
      }
    }
    return ok;
  }

  private DeidentifyOptions options(Node node, String destination) {
    String what = "deidentify for " + destination;
    if (!(node instanceof MappingNode)) {
      Boolean on = y.bool(node, what + " (true, or a mapping of options)");
      if (Boolean.FALSE.equals(on)) {
        y.error(node, what + ": leave the destination out instead of false");
        return null;
      }
      return on == null ? null : DeidentifyOptions.BASIC;
    }
    Map<String, YamlNodes.Entry> m = y.mapping(node, what, DEIDENTIFY_OPTIONS);
    if (m == null) {
      return null;
    }
    boolean[] v = new boolean[DEIDENTIFY_OPTIONS.size()];
    boolean ok = true;
    for (int i = 0; i < v.length; i++) {
      YamlNodes.Entry e = m.get(DEIDENTIFY_OPTIONS.get(i));
      if (e != null) {
        Boolean b = y.bool(e.value(), e.key());
        ok &= b != null;
        v[i] = Boolean.TRUE.equals(b);
      }
    }
    return ok ? new DeidentifyOptions(v[0], v[1], v[2], v[3], v[4], v[5], v[6]) : null;
  }
}
