package org.roentgen.validation.domain;

import java.util.Objects;

/**
 * One scheduled procedure step of the modality worklist (PS3.4 annex K, the C-FIND response of the
 * Modality Worklist Information Model), reduced to what the order check compares. Values are as the
 * worklist gives them; null when the worklist left the attribute out or empty.
 *
 * @param patientName PatientName (0010,0010), alphabetic group as DICOM writes it (FAMILY^GIVEN)
 * @param patientBirthDate PatientBirthDate (0010,0030), YYYYMMDD
 * @param modality Modality (0008,0060) of the Scheduled Procedure Step Sequence item
 * @param requestedProcedureDescription RequestedProcedureDescription (0032,1060)
 * @param stepDescription ScheduledProcedureStepDescription (0040,0007)
 * @param stationAeTitle ScheduledStationAETitle (0040,0001)
 */
public record ScheduledStep(
    String accessionNumber,
    String patientId,
    String patientName,
    String patientBirthDate,
    String patientSex,
    String modality,
    String requestedProcedureDescription,
    String stepDescription,
    String stationAeTitle) {
  public ScheduledStep {
    Objects.requireNonNull(accessionNumber, "accessionNumber");
  }
}
