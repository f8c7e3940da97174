package org.roentgen.validation.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.roentgen.dicom.data.Tag;

/**
 * The patient an image says it belongs to: PatientID, PatientName, PatientBirthDate, PatientSex, as
 * the header gives them (trimmed; absent or empty as null).
 */
public record PatientIdentity(String patientId, String patientName, String birthDate, String sex) {
  public static PatientIdentity of(Header h) {
    return new PatientIdentity(
        h.string(Tag.PatientID),
        h.string(Tag.PatientName),
        h.string(Tag.PatientBirthDate),
        h.upper(Tag.PatientSex));
  }

  /** The tags whose values differ from {@code other}'s. */
  public List<Integer> differences(PatientIdentity other) {
    List<Integer> tags = new ArrayList<>();
    if (!Objects.equals(patientId, other.patientId)) {
      tags.add(Tag.PatientID);
    }
    if (!Objects.equals(patientName, other.patientName)) {
      tags.add(Tag.PatientName);
    }
    if (!Objects.equals(birthDate, other.birthDate)) {
      tags.add(Tag.PatientBirthDate);
    }
    if (!Objects.equals(sex, other.sex)) {
      tags.add(Tag.PatientSex);
    }
    return tags;
  }

  /** This identity's value of one of its four tags. */
  public String value(int tag) {
    return switch (tag) {
      case Tag.PatientID -> patientId;
      case Tag.PatientName -> patientName;
      case Tag.PatientBirthDate -> birthDate;
      case Tag.PatientSex -> sex;
      default -> throw new IllegalArgumentException("not an identity tag");
    };
  }
}
