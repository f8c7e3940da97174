package org.roentgen.archive.dicomweb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.roentgen.dicom.data.ElementDictionary;
import org.roentgen.dicom.data.VR;

/**
 * A QIDO-RS search as its query parameters state it (PS3.18 8.3.4): attribute matches by keyword or
 * tag, {@code includefield} (keywords, tags, or {@code all}), {@code limit}, {@code offset} and
 * {@code fuzzymatching}, plus the study and series the path scopes it to.
 *
 * @param matches the matching attributes; an empty value is universal matching (the attribute is
 *     returned, nothing is filtered)
 * @param fuzzyRequested true when the client asked for fuzzy matching, which the archive does not
 *     do: it answers with literal matching and a warning
 */
public record QidoQuery(
    QidoLevel level,
    String studyUid,
    String seriesUid,
    List<Match> matches,
    Set<Integer> includes,
    boolean includeAll,
    int limit,
    int offset,
    boolean fuzzyRequested) {

  /** One matching attribute. */
  public record Match(int tag, VR vr, String value) {}

  /**
   * Reads the query parameters.
   *
   * @throws QidoException for an unknown attribute, a sequence path, a malformed number or a limit
   *     or offset out of range
   */
  public static QidoQuery parse(
      QidoLevel level,
      String studyUid,
      String seriesUid,
      Map<String, List<String>> params,
      int defaultLimit,
      int maxLimit) {
    List<Match> matches = new ArrayList<>();
    Set<Integer> includes = new LinkedHashSet<>();
    boolean all = false;
    int limit = defaultLimit;
    int offset = 0;
    boolean fuzzy = false;
    for (Map.Entry<String, List<String>> p : params.entrySet()) {
      String key = p.getKey();
      if (key == null || key.isEmpty()) {
        continue; // some viewers send "?&includefield=..."
      }
      for (String value : p.getValue()) {
        String v = value == null ? "" : value.strip();
        switch (key.toLowerCase(Locale.ROOT)) {
          case "includefield" -> {
            for (String f : v.split(",")) {
              String field = f.strip();
              if (field.equalsIgnoreCase("all")) {
                all = true;
              } else if (!field.isEmpty()) {
                includes.add(tagOf(field));
              }
            }
          }
          case "limit" -> limit = Math.min(number("limit", v, 1), maxLimit);
          case "offset" -> offset = number("offset", v, 0);
          case "fuzzymatching" -> fuzzy = Boolean.parseBoolean(v);
          default -> {
            int tag = tagOf(key);
            VR vr = vrOf(tag);
            if (vr == VR.SQ) {
              throw new QidoException("sequence matching is not supported: " + key);
            }
            if (vr == VR.IS && !v.isEmpty() && !v.matches("[+-]?\\d{1,10}")) {
              throw new QidoException(key + " matches a number: " + v);
            }
            matches.add(new Match(tag, vr, v));
          }
        }
      }
    }
    return new QidoQuery(
        level,
        studyUid,
        seriesUid,
        Collections.unmodifiableList(matches),
        Collections.unmodifiableSet(includes),
        all,
        limit,
        offset,
        fuzzy);
  }

  /** The tag a keyword or 8 hex digits name. */
  static int tagOf(String name) {
    if (name.contains(".")) {
      throw new QidoException("sequence matching is not supported: " + name);
    }
    if (name.matches("[0-9A-Fa-f]{8}")) {
      return (int) Long.parseLong(name, 16);
    }
    int tag = ElementDictionary.tagOf(name);
    if (tag == -1) {
      throw new QidoException("not a DICOM attribute keyword or tag: " + name);
    }
    return tag;
  }

  /** The VR the index matches a tag by: the indexed attribute's, else the dictionary's. */
  static VR vrOf(int tag) {
    QidoAttribute a = QidoAttribute.of(tag);
    if (a != null) {
      return a.vr();
    }
    VR vr = ElementDictionary.vrOf(tag);
    return vr == null ? VR.UN : vr;
  }

  private static int number(String name, String v, int min) {
    try {
      int n = Integer.parseInt(v);
      if (n < min) {
        throw new QidoException(name + " must be at least " + min + ": " + v);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new QidoException(name + " is not a number: " + v);
    }
  }
}
