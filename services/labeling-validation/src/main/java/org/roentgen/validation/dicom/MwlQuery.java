package org.roentgen.validation.dicom;

import java.util.ArrayList;
import java.util.List;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;
import org.roentgen.validation.domain.ScheduledStep;

/**
 * The identifier of a Modality Worklist C-FIND by accession number and the reading of its matches
 * (PS3.4 annex K, table K.6-1): what {@link MwlWorklist} sends and how it maps what comes back.
 */
final class MwlQuery {
  private MwlQuery() {}

  /**
   * The accession number as a matching key, or null when it cannot name an order: blank, or more
   * than one value (a backslash, PS3.5 6.4). Padding spaces are not significant (PS3.5 6.2).
   */
  static String matchingValue(String accessionNumber) {
    if (accessionNumber == null) {
      return null;
    }
    String v = accessionNumber.strip();
    return v.isEmpty() || v.indexOf('\\') >= 0 ? null : v;
  }

  /**
   * The identifier (PS3.4 K.6.1.2): AccessionNumber for single value matching (C.2.2.2.1), and
   * universal matching (empty values, C.2.2.2.3) for the patient, the requested procedure and one
   * Scheduled Procedure Step Sequence item (sequence matching, C.2.2.2.6).
   */
  static Attributes keys(String accessionNumber) {
    Attributes keys = new Attributes();
    if (!isAscii(accessionNumber)) {
      // Only the accession number carries text of ours: UTF-8 when it is not plain ASCII.
      keys.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    }
    keys.setString(Tag.AccessionNumber, VR.SH, accessionNumber);
    keys.setNull(Tag.PatientName, VR.PN);
    keys.setNull(Tag.PatientID, VR.LO);
    keys.setNull(Tag.PatientBirthDate, VR.DA);
    keys.setNull(Tag.PatientSex, VR.CS);
    keys.setNull(Tag.RequestedProcedureDescription, VR.LO);
    Attributes sps = keys.newSequence(Tag.ScheduledProcedureStepSequence, 1).addItem();
    sps.setNull(Tag.Modality, VR.CS);
    sps.setNull(Tag.ScheduledStationAETitle, VR.AE);
    sps.setNull(Tag.ScheduledProcedureStepStartDate, VR.DA);
    sps.setNull(Tag.ScheduledProcedureStepDescription, VR.LO);
    return keys;
  }

  /**
   * Whether a match answers the query exactly: its AccessionNumber, when returned, equals the one
   * asked. Single value matching is exact (C.2.2.2.1), but a value holding {@code *} or {@code ?}
   * is a wildcard (C.2.2.2.4) and there is no escape; some SCPs also match case-insensitively.
   */
  static boolean isExact(Attributes match, String accessionNumber) {
    String returned = match.getString(Tag.AccessionNumber);
    return returned == null || returned.isEmpty() || returned.equals(accessionNumber);
  }

  /**
   * The scheduled steps of one match: one per Scheduled Procedure Step Sequence item (a worklist
   * normally returns one item per match, K.6.1.2.2), or one without step fields when the match has
   * none (the order exists all the same). Empty values are null.
   */
  static List<ScheduledStep> steps(Attributes match, String accessionNumber) {
    String accession = text(match, Tag.AccessionNumber);
    if (accession == null) {
      accession = accessionNumber;
    }
    String patientId = text(match, Tag.PatientID);
    String patientName = alphabetic(text(match, Tag.PatientName));
    String birthDate = text(match, Tag.PatientBirthDate);
    String sex = text(match, Tag.PatientSex);
    String requested = text(match, Tag.RequestedProcedureDescription);
    Sequence seq = match.getSequence(Tag.ScheduledProcedureStepSequence);
    List<ScheduledStep> out = new ArrayList<>(seq == null || seq.isEmpty() ? 1 : seq.size());
    if (seq == null || seq.isEmpty()) {
      out.add(
          new ScheduledStep(
              accession, patientId, patientName, birthDate, sex, null, requested, null, null));
      return out;
    }
    for (Attributes sps : seq) {
      out.add(
          new ScheduledStep(
              accession,
              patientId,
              patientName,
              birthDate,
              sex,
              text(sps, Tag.Modality),
              requested,
              text(sps, Tag.ScheduledProcedureStepDescription),
              text(sps, Tag.ScheduledStationAETitle)));
    }
    return out;
  }

  /**
   * The alphabetic component group of a person name (PS3.5 6.2.1: groups are separated by {@code
   * =}), without trailing empty components ({@code DOE^JANE^^} is {@code DOE^JANE}); null when
   * empty.
   */
  static String alphabetic(String personName) {
    if (personName == null) {
      return null;
    }
    int eq = personName.indexOf('=');
    String group = eq < 0 ? personName : personName.substring(0, eq);
    int end = group.length();
    while (end > 0 && (group.charAt(end - 1) == '^' || group.charAt(end - 1) == ' ')) {
      end--;
    }
    return end == 0 ? null : group.substring(0, end);
  }

  /** The first value, stripped; null when absent or empty. */
  private static String text(Attributes ds, int tag) {
    String s = ds.getString(tag);
    if (s == null) {
      return null;
    }
    s = s.strip();
    return s.isEmpty() ? null : s;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0x7E) {
        return false;
      }
    }
    return true;
  }
}
