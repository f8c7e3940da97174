package org.roentgen.validation.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.roentgen.dicom.data.Tag;

/**
 * Rule group 4, laterality and view. An image of paired anatomy (BodyPartExamined in the paired
 * list) needs ImageLaterality (0020,0062) or Laterality (0020,0060); the side it gives must agree
 * with the side that SeriesDescription, ProtocolName, StudyDescription, RequestedProcedure-
 * Description and the order's procedure name; ImageLaterality and Laterality must agree with each
 * other. ViewPosition must be present, and a defined term, for the configured modalities.
 */
public final class LateralityCheck {
  private static final Pattern WORD = Pattern.compile("[^A-Z0-9]+");
  private static final int[] DESCRIPTIONS = {
    Tag.SeriesDescription, Tag.ProtocolName, Tag.StudyDescription, Tag.RequestedProcedureDescription
  };

  /** The compiled "not laterality" phrases (rule files have few; compiled once each). */
  private static final Map<String, Pattern> PHRASES = new ConcurrentHashMap<>();

  private LateralityCheck() {}

  /** Whole words only: "R O" is "rule out", but not the start of "R ORBIT". */
  private static Pattern wholeWords(String phrase) {
    return Pattern.compile("(?<![A-Z0-9])" + Pattern.quote(phrase) + "(?![A-Z0-9])");
  }

  /**
   * @param orderDescriptions the requested procedure and step descriptions of the matching order,
   *     when the worklist gave one
   */
  public static void check(Header h, List<String> orderDescriptions, Findings out) {
    RuleSettings s = out.settings();
    String imageLat = h.upper(Tag.ImageLaterality);
    String seriesLat = h.upper(Tag.Laterality);
    String bodyPart = h.upper(Tag.BodyPartExamined);
    boolean paired = bodyPart != null && s.pairedBodyParts().contains(bodyPart);
    if (paired && imageLat == null && seriesLat == null) {
      out.add(
          RuleIds.LATERALITY_MISSING,
          Tag.ImageLaterality,
          "L, R or B",
          null,
          "an image of a paired body part (" + bodyPart + ") has no ImageLaterality or Laterality");
    }
    if (imageLat != null
        && seriesLat != null
        && !imageLat.equals(seriesLat)
        && (imageLat.equals("L") || imageLat.equals("R"))) {
      out.add(
          RuleIds.LATERALITY_CONTRADICTION,
          Tag.Laterality,
          imageLat,
          seriesLat,
          "ImageLaterality " + imageLat + " and the series' Laterality " + seriesLat + " disagree");
    }
    String side = imageLat != null && !imageLat.equals("U") ? imageLat : seriesLat;
    if (side != null && (side.equals("L") || side.equals("R"))) {
      List<String> texts = new ArrayList<>();
      for (int tag : DESCRIPTIONS) {
        String v = h.string(tag);
        if (v != null) {
          texts.add(v);
        }
      }
      texts.addAll(orderDescriptions);
      for (String text : texts) {
        Set<String> named = sidesNamed(text, s);
        String other = side.equals("L") ? "R" : "L";
        if (named.contains(other) && !named.contains(side) && !named.contains("B")) {
          out.add(
              RuleIds.LATERALITY_CONTRADICTION,
              imageLat != null ? Tag.ImageLaterality : Tag.Laterality,
              other,
              side,
              "laterality "
                  + side
                  + " contradicts the side ("
                  + other
                  + ") named in \""
                  + text
                  + "\"");
          break;
        }
      }
    }
    String modality = h.upper(Tag.Modality);
    if (modality != null && s.viewModalities().contains(modality)) {
      String view = h.upper(Tag.ViewPosition);
      if (view == null) {
        out.add(
            RuleIds.VIEW_MISSING,
            Tag.ViewPosition,
            String.join(", ", s.viewPositions()),
            h.present(Tag.ViewPosition) ? "" : null,
            "ViewPosition is " + (h.present(Tag.ViewPosition) ? "empty" : "missing"));
      } else if (!s.viewPositions().contains(view)) {
        out.add(
            RuleIds.VIEW_UNDEFINED,
            Tag.ViewPosition,
            String.join(", ", s.viewPositions()),
            view,
            "ViewPosition " + view + " is not a defined term");
      }
    }
  }

  /** The sides (L, R, B) a description names, by whole words, after the excluded phrases. */
  static Set<String> sidesNamed(String text, RuleSettings s) {
    String t = " " + text.toUpperCase(Locale.ROOT) + " ";
    for (String phrase : s.notLaterality()) {
      t = PHRASES.computeIfAbsent(phrase, LateralityCheck::wholeWords).matcher(t).replaceAll(" ");
    }
    Set<String> sides = new LinkedHashSet<>();
    for (String word : WORD.split(t)) {
      for (Map.Entry<String, Set<String>> e : s.lateralityWords().entrySet()) {
        if (e.getValue().contains(word)) {
          sides.add(e.getKey());
        }
      }
    }
    return sides;
  }
}
