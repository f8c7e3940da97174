package org.roentgen.router.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.roentgen.dicom.data.DictionaryEntry;
import org.roentgen.dicom.data.ElementDictionary;
import org.roentgen.dicom.data.Tags;
import org.roentgen.dicom.data.VR;

/**
 * Attribute names in rule files: a PS3.6 keyword ({@code Modality}), a tag ({@code (0009,1001)} or
 * {@code 00091001}, for private attributes), or in match conditions a path through sequences
 * ({@code RequestAttributesSequence.RequestedProcedureID}).
 */
final class Keywords {
  private static final Pattern TAG =
      Pattern.compile("\\(\\p{XDigit}{4},\\p{XDigit}{4}\\)|\\p{XDigit}{4},?\\p{XDigit}{4}");

  private Keywords() {}

  /**
   * A resolved name.
   *
   * @param path the tags from the top level
   * @param vrs the VRs the dictionary allows for the last tag; empty when it does not know it
   */
  record Ref(String name, int[] path, List<VR> vrs) {
    int tag() {
      return path[path.length - 1];
    }

    boolean knownVr() {
      return !vrs.isEmpty();
    }

    boolean allVrs(java.util.function.Predicate<VR> p) {
      return vrs.stream().allMatch(p);
    }

    boolean anyVr(java.util.function.Predicate<VR> p) {
      return vrs.stream().anyMatch(p);
    }

    /** The VR to write a new element with: the dictionary's first. */
    VR writeVr() {
      return vrs.isEmpty() ? null : vrs.get(0);
    }
  }

  /**
   * Resolves {@code name}; null when it names nothing, with the reason in {@code problem[0]}.
   *
   * @param paths whether a dotted path through sequences is allowed
   */
  static Ref resolve(String name, boolean paths, String[] problem) {
    String[] parts = paths ? name.split("\\.", -1) : new String[] {name};
    int[] path = new int[parts.length];
    List<VR> vrs = List.of();
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      int tag = tagOf(part);
      if (tag == -1) {
        problem[0] = "unknown DICOM keyword '" + part + "'" + Suggestions.hint(part, allKeywords());
        return null;
      }
      DictionaryEntry entry = ElementDictionary.lookup(tag);
      vrs = entry == null ? List.of() : entry.vrs();
      if (i < parts.length - 1 && !vrs.contains(VR.SQ)) {
        problem[0] = "'" + part + "' is not a sequence, so '" + name + "' names nothing";
        return null;
      }
      path[i] = tag;
    }
    return new Ref(name, path, vrs);
  }

  /** True when {@code name} looks like a tag or a keyword (capitalised), not a lower-case key. */
  static boolean looksLikeAttribute(String name) {
    return !name.isEmpty()
        && (Character.isUpperCase(name.charAt(0)) || TAG.matcher(name).matches());
  }

  private static int tagOf(String part) {
    if (TAG.matcher(part).matches()) {
      return Tags.parse(part);
    }
    return ElementDictionary.tagOf(part);
  }

  /** Every keyword of the dictionary, for suggestions. */
  static List<String> allKeywords() {
    return Holder.KEYWORDS;
  }

  private static final class Holder {
    static final List<String> KEYWORDS = keywords();

    private static List<String> keywords() {
      List<String> out = new ArrayList<>();
      for (DictionaryEntry e : ElementDictionary.entries()) {
        if (!e.keyword().isEmpty()) {
          out.add(e.keyword());
        }
      }
      return List.copyOf(out);
    }
  }
}
