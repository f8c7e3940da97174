package org.roentgen.archive.review;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;

/**
 * The attributes a reviewer may correct, each with its VR and the values it may take: patient name
 * and ID, laterality (of the image and of the body part), view position, accession number.
 */
public enum Correction {
  PATIENT_NAME("PatientName", Tag.PatientName, VR.PN, Pattern.compile("[^\\\\\\r\\n]{1,64}")),
  PATIENT_ID("PatientID", Tag.PatientID, VR.LO, Pattern.compile("[^\\\\\\r\\n]{1,64}")),
  IMAGE_LATERALITY("ImageLaterality", Tag.ImageLaterality, VR.CS, Pattern.compile("[LRUB]")),
  LATERALITY("Laterality", Tag.Laterality, VR.CS, Pattern.compile("[LR]")),
  VIEW_POSITION("ViewPosition", Tag.ViewPosition, VR.CS, Pattern.compile("[A-Z0-9 _]{1,16}")),
  ACCESSION_NUMBER(
      "AccessionNumber", Tag.AccessionNumber, VR.SH, Pattern.compile("[^\\\\\\r\\n]{1,16}"));

  private static final Map<String, Correction> BY_KEYWORD =
      Map.of(
          PATIENT_NAME.keyword, PATIENT_NAME,
          PATIENT_ID.keyword, PATIENT_ID,
          IMAGE_LATERALITY.keyword, IMAGE_LATERALITY,
          LATERALITY.keyword, LATERALITY,
          VIEW_POSITION.keyword, VIEW_POSITION,
          ACCESSION_NUMBER.keyword, ACCESSION_NUMBER);

  /** The keywords a reviewer may correct. */
  public static final Set<String> KEYWORDS = BY_KEYWORD.keySet();

  private final String keyword;
  private final int tag;
  private final VR vr;
  private final Pattern allowed;

  Correction(String keyword, int tag, VR vr, Pattern allowed) {
    this.keyword = keyword;
    this.tag = tag;
    this.vr = vr;
    this.allowed = allowed;
  }

  public String keyword() {
    return keyword;
  }

  public int tag() {
    return tag;
  }

  public VR vr() {
    return vr;
  }

  /** The tag as 8 upper-case hex digits. */
  public String hex() {
    return String.format(Locale.ROOT, "%08X", tag);
  }

  /**
   * The correction of a keyword, checking the value.
   *
   * @throws IllegalArgumentException naming the keyword for one that may not be corrected or a
   *     value it may not take
   */
  public static Correction of(String keyword, String value) {
    Correction c = BY_KEYWORD.get(keyword);
    if (c == null) {
      throw new IllegalArgumentException(
          keyword + " may not be corrected here; these may: " + new java.util.TreeSet<>(KEYWORDS));
    }
    if (value == null || !c.allowed.matcher(value).matches()) {
      throw new IllegalArgumentException(keyword + ": not a valid value");
    }
    return c;
  }
}
