package org.roentgen.router.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.Tags;
import org.roentgen.dicom.data.VR;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a list of coercions:
 *
 * <pre>
 * - set: {keyword: InstitutionName, value: "General Hospital"}   # value: a list for several
 * - remove: PatientComments                                       # or {keyword: ...}
 * - copy: {from: AccessionNumber, to: StudyID}
 * - replace: {keyword: StationName, regex: "^CR-(.*)", replacement: "XR-$1"}
 * </pre>
 */
final class CoercionParser {
  private static final List<String> OPERATIONS = List.of("set", "remove", "copy", "replace");
  private static final List<String> SET_KEYS = List.of("keyword", "value", "vr");
  private static final List<String> REMOVE_KEYS = List.of("keyword");
  private static final List<String> COPY_KEYS = List.of("from", "to");
  private static final List<String> REPLACE_KEYS = List.of("keyword", "regex", "replacement");
  private static final int META_GROUP = 0x0002;
  private static final int COMMAND_GROUP = 0x0000;

  private final YamlNodes y;

  CoercionParser(YamlNodes y) {
    this.y = y;
  }

  /** The coercions of a list node; null when any is invalid (all reported). */
  List<Coercion> list(Node node, String what) {
    if (!(node instanceof SequenceNode seq)) {
      y.error(node, what + " must be a list of operations (set, remove, copy, replace)");
      return null;
    }
    List<Coercion> out = new ArrayList<>();
    boolean ok = true;
    for (Node item : seq.getValue()) {
      Coercion c = operation(item, what);
      ok &= c != null;
      out.add(c);
    }
    return ok ? out : null;
  }

  private Coercion operation(Node item, String what) {
    Map<String, YamlNodes.Entry> m = y.mapping(item, "an operation of " + what, OPERATIONS);
    if (m == null) {
      return null;
    }
    if (m.size() != 1) {
      if (!(item instanceof MappingNode mn) || m.size() == mn.getValue().size()) {
        y.error(item, "an operation has exactly one of " + String.join(", ", OPERATIONS));
      }
      return null;
    }
    YamlNodes.Entry e = m.values().iterator().next();
    return switch (e.key()) {
      case "set" -> set(e.value());
      case "remove" -> remove(e.value());
      case "copy" -> copy(e.value());
      default -> replace(e.value());
    };
  }

  private Coercion set(Node node) {
    Map<String, YamlNodes.Entry> m = y.mapping(node, "set", SET_KEYS);
    if (m == null || !require(node, m, "set", "keyword", "value")) {
      return null;
    }
    Keywords.Ref ref = attribute(m.get("keyword").value(), "set", true);
    if (ref == null) {
      return null;
    }
    VR vr = ref.writeVr();
    if (m.containsKey("vr")) {
      String name = y.text(m.get("vr").value(), "vr");
      vr = name == null ? null : VR.ofName(name);
      if (name != null && vr == null) {
        y.error(m.get("vr").value(), "unknown VR '" + name + "'");
      }
      if (vr == null) {
        return null;
      }
    } else if (vr == null) {
      y.error(m.get("keyword").value(), ref.name() + " is not in the dictionary: give its vr");
      return null;
    }
    if (!ValueFormats.writable(vr)) {
      y.error(m.get("keyword").value(), ref.name() + " is " + vr + ": set writes text and numbers");
      return null;
    }
    List<String> values = values(m.get("value").value(), ref.name(), vr);
    return values == null ? null : new Coercion.SetValue(ref.name(), ref.tag(), vr, values);
  }

  private List<String> values(Node node, String name, VR vr) {
    List<Node> items;
    if (node instanceof ScalarNode s && org.yaml.snakeyaml.nodes.Tag.NULL.equals(s.getTag())) {
      return List.of();
    }
    if (node instanceof ScalarNode s && s.getValue().isEmpty()) {
      return List.of();
    }
    if (node instanceof SequenceNode seq) {
      items = seq.getValue();
      if (items.size() > 1 && vr.kind() == VR.Kind.TEXT) {
        y.error(node, name + " is " + vr + ", which holds one value");
        return null;
      }
    } else {
      items = List.of(node);
    }
    List<String> out = new ArrayList<>();
    boolean ok = true;
    for (Node item : items) {
      String v = y.scalar(item, "a value of " + name);
      String problem = v == null ? null : ValueFormats.problem(vr, v);
      if (problem != null) {
        y.error(item, "'" + v + "' is not a valid " + vr + " value for " + name + ": " + problem);
      }
      ok &= v != null && problem == null;
      out.add(v);
    }
    return ok ? out : null;
  }

  private Coercion remove(Node node) {
    Node k = node;
    if (node instanceof MappingNode) {
      Map<String, YamlNodes.Entry> m = y.mapping(node, "remove", REMOVE_KEYS);
      if (m == null || !require(node, m, "remove", "keyword")) {
        return null;
      }
      k = m.get("keyword").value();
    }
    Keywords.Ref ref = attribute(k, "remove", false);
    return ref == null ? null : new Coercion.Remove(ref.name(), ref.tag());
  }

  private Coercion copy(Node node) {
    Map<String, YamlNodes.Entry> m = y.mapping(node, "copy", COPY_KEYS);
    if (m == null || !require(node, m, "copy", "from", "to")) {
      return null;
    }
    Keywords.Ref from = attribute(m.get("from").value(), "copy from", false);
    Keywords.Ref to = attribute(m.get("to").value(), "copy to", true);
    if (from == null || to == null) {
      return null;
    }
    if (!from.knownVr() || !to.knownVr()) {
      y.error(node, "copy needs attributes the dictionary knows (their VRs decide the copy)");
      return null;
    }
    boolean fromSq = from.vrs().contains(VR.SQ);
    boolean toSq = to.vrs().contains(VR.SQ);
    if (fromSq != toSq
        || (!toSq
            && (!ValueFormats.writable(from.writeVr()) || !ValueFormats.writable(to.writeVr())))) {
      y.error(
          node,
          "copy from "
              + from.name()
              + " ("
              + from.writeVr()
              + ") to "
              + to.name()
              + " ("
              + to.writeVr()
              + "): only text and numbers copy into text and numbers, and sequences into sequences");
      return null;
    }
    return new Coercion.Copy(from.name(), from.tag(), to.name(), to.tag(), to.writeVr());
  }

  private Coercion replace(Node node) {
    Map<String, YamlNodes.Entry> m = y.mapping(node, "replace", REPLACE_KEYS);
    if (m == null || !require(node, m, "replace", "keyword", "regex", "replacement")) {
      return null;
    }
    Keywords.Ref ref = attribute(m.get("keyword").value(), "replace", true);
    String regex = y.scalar(m.get("regex").value(), "regex");
    String replacement = y.scalar(m.get("replacement").value(), "replacement");
    Pattern p = regex == null ? null : y.regex(m.get("regex").value(), regex, "replace");
    if (ref == null || p == null || replacement == null) {
      return null;
    }
    if (ref.knownVr() && !ref.allVrs(VR::isText)) {
      y.error(m.get("keyword").value(), ref.name() + " is " + ref.vrs() + ": replace edits text");
      return null;
    }
    String problem = Replacements.problem(p, replacement);
    if (problem != null) {
      y.error(m.get("replacement").value(), "bad replacement '" + replacement + "': " + problem);
      return null;
    }
    return new Coercion.Replace(ref.name(), ref.tag(), p, replacement);
  }

  /**
   * Resolves an attribute a coercion names (no paths: coercions act on the top level).
   *
   * @param writes true when the coercion writes the attribute (the character set cannot be)
   */
  private Keywords.Ref attribute(Node node, String what, boolean writes) {
    String name = y.text(node, what + " keyword");
    if (name == null) {
      return null;
    }
    String[] problem = new String[1];
    Keywords.Ref ref = Keywords.resolve(name, false, problem);
    if (ref == null) {
      y.error(node, problem[0]);
      return null;
    }
    int group = Tags.group(ref.tag());
    if (group == META_GROUP || group == COMMAND_GROUP || ref.tag() == Tag.PixelData) {
      y.error(node, name + " cannot be coerced: it is not an ordinary data set attribute");
      return null;
    }
    if (ref.tag() == Tag.SpecificCharacterSet) {
      y.error(node, name + " cannot be coerced: the text already in the data set depends on it");
      return null;
    }
    if (writes && ref.vrs().contains(VR.SQ) && !what.equals("copy to")) {
      y.error(node, name + " is a sequence: " + what + " edits text and numbers");
      return null;
    }
    return ref;
  }

  private boolean require(Node at, Map<String, YamlNodes.Entry> m, String what, String... keys) {
    boolean ok = true;
    for (String k : keys) {
      if (!m.containsKey(k)) {
        y.error(at, what + " needs " + k);
        ok = false;
      }
    }
    return ok;
  }
}
