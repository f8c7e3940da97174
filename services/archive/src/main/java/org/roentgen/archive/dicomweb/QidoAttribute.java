package org.roentgen.archive.dicomweb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;

/**
 * An attribute that the index keeps in a column of its own, so that QIDO-RS matches it with an
 * index and returns it without reading a header. Attributes not listed here are matched and
 * returned from the headers the index keeps (slower, but any attribute works).
 *
 * @param tag the attribute
 * @param vr its VR, which decides how a value matches (UID list, date range, name, number, text)
 * @param level the level whose row holds it (patient attributes are study-level)
 * @param column the SQL expression over the aliases {@code p} (patient), {@code st} (study), {@code
 *     se} (series) and {@code i} (instance); null for a value the search computes
 */
record QidoAttribute(int tag, VR vr, QidoLevel level, String column) {

  private static final Map<Integer, QidoAttribute> ALL = new LinkedHashMap<>();

  static {
    study(Tag.SpecificCharacterSet, VR.CS, "st.charset");
    study(Tag.StudyDate, VR.DA, "st.study_date");
    study(Tag.StudyTime, VR.TM, "st.study_time");
    study(Tag.AccessionNumber, VR.SH, "st.accession");
    study(Tag.ModalitiesInStudy, VR.CS, null);
    study(Tag.ReferringPhysicianName, VR.PN, "st.referring");
    study(Tag.StudyDescription, VR.LO, "st.description");
    study(Tag.PatientName, VR.PN, "p.patient_name");
    study(Tag.PatientID, VR.LO, "NULLIF(p.patient_id, '')");
    study(Tag.IssuerOfPatientID, VR.LO, "NULLIF(p.issuer, '')");
    study(Tag.PatientBirthDate, VR.DA, "p.birth_date");
    study(Tag.PatientSex, VR.CS, "p.sex");
    study(Tag.StudyInstanceUID, VR.UI, "st.study_uid");
    study(Tag.StudyID, VR.SH, "st.study_id");
    study(Tag.NumberOfStudyRelatedSeries, VR.IS, null);
    study(Tag.NumberOfStudyRelatedInstances, VR.IS, null);
    series(Tag.Modality, VR.CS, "se.modality");
    series(Tag.SeriesDescription, VR.LO, "se.description");
    series(Tag.StationName, VR.SH, "se.station");
    series(Tag.BodyPartExamined, VR.CS, "se.body_part");
    series(Tag.SeriesInstanceUID, VR.UI, "se.series_uid");
    series(Tag.SeriesNumber, VR.IS, "se.series_number");
    series(Tag.Laterality, VR.CS, "se.laterality");
    series(Tag.NumberOfSeriesRelatedInstances, VR.IS, null);
    series(Tag.PerformedProcedureStepStartDate, VR.DA, "se.pps_start_date");
    series(Tag.PerformedProcedureStepStartTime, VR.TM, "se.pps_start_time");
    instance(Tag.SOPClassUID, VR.UI, "i.sop_class");
    instance(Tag.SOPInstanceUID, VR.UI, "i.sop_uid");
    instance(Tag.InstanceNumber, VR.IS, "i.instance_number");
  }

  private static void study(int tag, VR vr, String column) {
    ALL.put(tag, new QidoAttribute(tag, vr, QidoLevel.STUDY, column));
  }

  private static void series(int tag, VR vr, String column) {
    ALL.put(tag, new QidoAttribute(tag, vr, QidoLevel.SERIES, column));
  }

  private static void instance(int tag, VR vr, String column) {
    ALL.put(tag, new QidoAttribute(tag, vr, QidoLevel.INSTANCE, column));
  }

  /** The indexed attribute, or null when the index keeps it in headers only. */
  static QidoAttribute of(int tag) {
    return ALL.get(tag);
  }

  /** Every indexed attribute of one level, in tag order of declaration. */
  static List<QidoAttribute> ofLevel(QidoLevel level) {
    List<QidoAttribute> out = new ArrayList<>();
    for (QidoAttribute a : ALL.values()) {
      if (a.level == level) {
        out.add(a);
      }
    }
    return Collections.unmodifiableList(out);
  }
}
