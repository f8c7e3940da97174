package org.roentgen.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.data.VR;
import org.roentgen.validation.domain.RuleBookLoader;
import org.roentgen.validation.domain.RuleIds;
import org.roentgen.validation.domain.ScheduledStep;

/**
 * A generated corpus of labeled radiographs: correct images and one kind of labeling error per
 * case, each with the findings it must produce. Synthetic patients only. The expectations are also
 * written into each image, in the private block {@value #CREATOR} (0011,1001), so the files carry
 * them when written out.
 */
public final class LabeledCorpus {
  public static final String CREATOR = "ROENTGEN LABELED CASE";
  public static final int EXPECTED_TAG = 0x00111001;
  static final String ROOT = "1.2.826.0.1.3680043.8.498.77";

  private final List<LabeledCase> cases = new ArrayList<>();
  private int serial;

  public static List<LabeledCase> cases() {
    LabeledCorpus c = new LabeledCorpus();
    c.build();
    return c.cases;
  }

  private void build() {
    // Correct images: every rule silent.
    add("correct DX hand left PA", b -> {});
    add("correct DX knee right", b -> b.part("KNEE", "R", "KNEE RIGHT AP", "AP"));
    add("correct DX chest PA (not paired)", b -> b.part("CHEST", null, "CHEST PA", "PA"));
    add("correct CR wrist left", b -> b.cr().part("WRIST", "L", "WRIST LEFT", "PA"));
    add(
        "correct female 30 pelvis screened",
        b -> b.female("19960310").pelvis().set(Tag.PregnancyStatus, VR.US, "1"));
    add("correct female 62 pelvis (outside age)", b -> b.female("19640101").pelvis());
    add(
        "correct lumbar spine (L SPINE is no side)",
        b -> b.part("LSPINE", null, "L SPINE LAT", "LL"));
    add(
        "correct ISO_IR 100 accented name",
        b -> b.name("MÜLLER^JÜRGEN").order(o -> o.name = "MÜLLER^JÜRGEN"));
    add("correct DI at +0.8", b -> b.exposure(400, 481, 0.8));

    // Order reconciliation.
    add(
        "wrong patient",
        b -> b.order(o -> o.id = "SYN9990"),
        RuleIds.ORDER_MISMATCH + "@PatientID");
    add(
        "wrong birth date",
        b -> b.order(o -> o.birth = "19700101"),
        RuleIds.ORDER_MISMATCH + "@PatientBirthDate");
    add("wrong sex", b -> b.order(o -> o.sex = "F"), RuleIds.ORDER_MISMATCH + "@PatientSex");
    add(
        "wrong modality",
        b -> b.order(o -> o.modality = "CT"),
        RuleIds.ORDER_MISMATCH + "@Modality");
    add(
        "different patient name",
        b -> b.order(o -> o.name = "SMITH^ANNA"),
        RuleIds.ORDER_MISMATCH + "@PatientName");
    add(
        "swapped name components",
        b -> b.name("JOHN^SYNTHETIC").order(o -> o.name = "SYNTHETIC^JOHN"),
        RuleIds.ORDER_NAME_TOLERANCE);
    add(
        "name case and accents",
        b -> b.name("Muller^Jurgen").order(o -> o.name = "MÜLLER^JÜRGEN"),
        RuleIds.ORDER_NAME_TOLERANCE);
    add(
        "name spacing",
        b -> b.name("VAN DER BERG^ANNA").order(o -> o.name = "VANDER  BERG^ANNA"),
        RuleIds.ORDER_MISMATCH + "@PatientName");
    add("no order for accession", b -> b.noOrder(), RuleIds.ORDER_NOT_FOUND);
    add("worklist down", b -> b.worklistDown(), RuleIds.ORDER_UNCHECKED);

    // Laterality and view.
    add(
        "DX hand without laterality",
        b -> b.part("HAND", null, "HAND PA", "PA"),
        RuleIds.LATERALITY_MISSING,
        RuleIds.CONFORMANCE_TYPE1 + "@ImageLaterality");
    add(
        "CR knee without laterality",
        b -> b.cr().part("KNEE", null, "KNEE AP", "AP"),
        RuleIds.LATERALITY_MISSING);
    add(
        "right image, LEFT in series description",
        b -> b.part("HAND", "R", "HAND LEFT PA", "PA"),
        RuleIds.LATERALITY_CONTRADICTION);
    add(
        "left image, RT in protocol",
        b ->
            b.part("ANKLE", "L", "ANKLE AP", "AP").set(Tag.ProtocolName, VR.LO, "ANKLE RT 2 VIEWS"),
        RuleIds.LATERALITY_CONTRADICTION);
    add(
        "left image, right knee ordered",
        b -> b.part("KNEE", "L", "KNEE AP", "AP").order(o -> o.procedure = "XR KNEE RIGHT 2 VIEWS"),
        RuleIds.LATERALITY_CONTRADICTION);
    add(
        "image and series laterality disagree",
        b -> b.set(Tag.Laterality, VR.CS, "R"),
        RuleIds.LATERALITY_CONTRADICTION);
    add("bilateral hands, left image", b -> b.part("HAND", "L", "HANDS BILAT PA", "PA"));
    add("rule-out wording is no side", b -> b.part("FOOT", "L", "FOOT LEFT R/O FRACTURE", "AP"));
    add("DX without view", b -> b.remove(Tag.ViewPosition), RuleIds.VIEW_MISSING);
    add("DX with empty view", b -> b.set(Tag.ViewPosition, VR.CS, ""), RuleIds.VIEW_MISSING);
    add(
        "DX view not a defined term",
        b -> b.set(Tag.ViewPosition, VR.CS, "OBLIQUE"),
        RuleIds.VIEW_UNDEFINED);

    // Pregnancy screening.
    add(
        "female 30 pelvis, no pregnancy status",
        b -> b.female("19960310").pelvis(),
        RuleIds.PREGNANCY_UNKNOWN);
    add(
        "female 25 abdomen, status unknown",
        b ->
            b.female("20010101")
                .part("ABDOMEN", null, "ABDOMEN AP", "AP")
                .set(Tag.PregnancyStatus, VR.US, "4"),
        RuleIds.PREGNANCY_UNKNOWN);
    add(
        "female 34 hip, possibly pregnant",
        b ->
            b.female("19920615")
                .part("HIP", "L", "HIP LEFT AP", "AP")
                .set(Tag.PregnancyStatus, VR.US, "2"),
        RuleIds.PREGNANCY_EXPOSED);
    add(
        "female 19 lumbar spine, pregnant (age from PatientAge)",
        b ->
            b.female("20070101")
                .set(Tag.PatientAge, VR.AS, "019Y")
                .part("LSPINE", null, "LUMBAR SPINE AP", "AP")
                .set(Tag.PregnancyStatus, VR.US, "3"),
        RuleIds.PREGNANCY_EXPOSED);
    add("male pelvis", b -> b.pelvis());

    // Exposure record.
    add("no kVp", b -> b.remove(Tag.KVP), RuleIds.EXPOSURE_MISSING + "@KVP");
    add(
        "no exposure index fields",
        b -> b.remove(Tag.ExposureIndex).remove(Tag.TargetExposureIndex).remove(Tag.DeviationIndex),
        RuleIds.EXPOSURE_MISSING + "@DeviationIndex");
    add("no mAs", b -> b.remove(Tag.Exposure), RuleIds.EXPOSURE_MISSING + "@Exposure");
    add("DI +1.8 (overexposed)", b -> b.exposure(400, 605, 1.8), RuleIds.EXPOSURE_DI);
    add("DI -2.0 (underexposed)", b -> b.exposure(400, 252, -2.0), RuleIds.EXPOSURE_DI);
    add("DI +3.5 (action level)", b -> b.exposure(400, 895, 3.5), RuleIds.EXPOSURE_DI_ACTION);
    add("DI -4.0 (repeat)", b -> b.exposure(400, 159, -4.0), RuleIds.EXPOSURE_DI_ACTION);
    add(
        "DI disagrees with EI/TEI",
        b -> b.exposure(400, 400, 0.5),
        RuleIds.EXPOSURE_DI_INCONSISTENT);

    // Identity.
    add(
        "empty patient ID",
        // The order has the patient's ID: the image without one does not match it either.
        b -> b.set(Tag.PatientID, VR.LO, ""),
        RuleIds.IDENTITY_EMPTY + "@PatientID",
        RuleIds.ORDER_MISMATCH + "@PatientID");
    add(
        "missing patient name",
        b -> b.remove(Tag.PatientName),
        RuleIds.IDENTITY_EMPTY + "@PatientName",
        RuleIds.ORDER_MISMATCH + "@PatientName",
        RuleIds.CONFORMANCE_TYPE2 + "@PatientName");
    add(
        "empty accession number",
        b -> b.set(Tag.AccessionNumber, VR.SH, "").noOrder(),
        RuleIds.IDENTITY_EMPTY + "@AccessionNumber",
        RuleIds.ORDER_NOT_FOUND);
    add(
        "empty birth date",
        b -> b.set(Tag.PatientBirthDate, VR.DA, "").order(o -> o.birth = null),
        RuleIds.IDENTITY_DEMOGRAPHICS + "@PatientBirthDate");
    add(
        "missing sex",
        b -> b.remove(Tag.PatientSex).order(o -> o.sex = null),
        RuleIds.IDENTITY_DEMOGRAPHICS + "@PatientSex",
        RuleIds.CONFORMANCE_TYPE2 + "@PatientSex");
    add(
        "impossible birth date",
        b -> b.birth("19801340"),
        RuleIds.IDENTITY_MALFORMED + "@PatientBirthDate",
        RuleIds.CONFORMANCE_VALUE_FORMAT + "@PatientBirthDate");
    add(
        "birth date after the study",
        b -> b.birth("20301201"),
        RuleIds.IDENTITY_MALFORMED + "@PatientBirthDate");
    add(
        "sex X",
        b -> b.set(Tag.PatientSex, VR.CS, "X").order(o -> o.sex = null),
        RuleIds.IDENTITY_MALFORMED + "@PatientSex");
    add(
        "name with six components",
        b -> b.name("A^B^C^D^E^F").order(o -> o.name = "A^B^C^D^E^F"),
        RuleIds.IDENTITY_MALFORMED + "@PatientName",
        RuleIds.CONFORMANCE_VALUE_FORMAT + "@PatientName");
    String study = uid();
    add("study first instance", b -> b.study(study));
    add(
        "study second instance, other patient",
        b ->
            b.study(study)
                .patient("SYN0002", "OTHER^PATIENT")
                .order(
                    o -> {
                      o.id = "SYN0002";
                      o.name = "OTHER^PATIENT";
                    }),
        RuleIds.IDENTITY_STUDY_MISMATCH + "@PatientID");
    String sop = uid();
    add("instance first sent", b -> b.sop(sop));
    add(
        "same instance re-sent for another patient",
        b ->
            b.sop(sop)
                .study(uid())
                .patient("SYN0003", "THIRD^PATIENT")
                .order(
                    o -> {
                      o.id = "SYN0003";
                      o.name = "THIRD^PATIENT";
                    }),
        RuleIds.IDENTITY_INSTANCE_REUSE);

    // Conformance and malformed values.
    add(
        "no ImageType (type 1)",
        b -> b.remove(Tag.ImageType),
        RuleIds.CONFORMANCE_TYPE1 + "@ImageType");
    add(
        "empty RescaleType (type 1)",
        b -> b.set(Tag.RescaleType, VR.LO, ""),
        RuleIds.CONFORMANCE_TYPE1 + "@RescaleType");
    add(
        "no referring physician (type 2)",
        b -> b.remove(Tag.ReferringPhysicianName),
        RuleIds.CONFORMANCE_TYPE2 + "@ReferringPhysicianName");
    add(
        "CR without ViewPosition (type 2)",
        b -> b.cr().part("CHEST", null, "CHEST PA", null),
        RuleIds.CONFORMANCE_TYPE2 + "@ViewPosition");
    add(
        "study date with dashes",
        b -> b.set(Tag.StudyDate, VR.DA, "2026-11-20"),
        RuleIds.CONFORMANCE_VALUE_FORMAT + "@StudyDate");
    add(
        "study time with colons",
        b -> b.set(Tag.StudyTime, VR.TM, "10:15:00"),
        RuleIds.CONFORMANCE_VALUE_FORMAT + "@StudyTime");
    add(
        "UID with a leading zero",
        b -> b.set(Tag.SeriesInstanceUID, VR.UI, ROOT + ".012"),
        RuleIds.CONFORMANCE_VALUE_FORMAT + "@SeriesInstanceUID");
    add(
        "lower-case code string",
        b -> b.set(Tag.PatientPosition, VR.CS, "erect"),
        RuleIds.CONFORMANCE_VALUE_FORMAT + "@PatientPosition");
    add(
        "age without unit",
        b -> b.set(Tag.PatientAge, VR.AS, "045"),
        RuleIds.CONFORMANCE_VALUE_FORMAT + "@PatientAge");
    add(
        "station name too long",
        b -> b.set(Tag.StationName, VR.SH, "RADIOLOGY-ROOM-ELEVEN"),
        RuleIds.CONFORMANCE_VALUE_FORMAT + "@StationName");
    add(
        "three values for PatientOrientation",
        b -> b.set(Tag.PatientOrientation, VR.CS, "A", "F", "L"),
        RuleIds.CONFORMANCE_VALUE_MULTIPLICITY + "@PatientOrientation");
    // The name is encoded in ISO_IR 100 first; then the declaration goes, the bytes stay.
    cases.add(
        new LabeledCase(
            "unreadable header (event only)",
            null,
            Set.of(RuleIds.HEADER_UNREADABLE),
            List.of(),
            false));
    add(
        "accented name, no character set",
        b ->
            b.name("MÜLLER^JÜRGEN")
                .remove(Tag.SpecificCharacterSet)
                .order(o -> o.name = "MÜLLER^JÜRGEN"),
        RuleIds.CONFORMANCE_CHARSET);
  }

  private String uid() {
    return ROOT + ".9." + (++serial);
  }

  private void add(String name, Consumer<Builder> edit, String... expected) {
    Builder b = new Builder(this, cases.size() + 1);
    edit.accept(b);
    Attributes ds = b.ds;
    ds.setString(0x00110010, VR.LO, CREATOR);
    ds.setString(EXPECTED_TAG, VR.LO, expected.length == 0 ? new String[] {"PASS"} : expected);
    // A worklist-down case has its order too: once the worklist is back, a re-check finds it.
    List<ScheduledStep> orders = b.order == null ? List.of() : List.of(b.order.step(b.accession()));
    cases.add(new LabeledCase(name, ds, Set.of(expected), orders, b.worklistDown));
  }

  /** An order as the worklist will hold it; null fields are left out. */
  static final class OrderSpec {
    String id;
    String name;
    String birth;
    String sex;
    String modality;
    String procedure;

    ScheduledStep step(String accession) {
      return new ScheduledStep(
          accession, id, name, birth, sex, modality, procedure, procedure, "DX1");
    }
  }

  /** Edits a correct image into a case. */
  static final class Builder {
    final Attributes ds;
    OrderSpec order = new OrderSpec();
    boolean worklistDown;

    Builder(LabeledCorpus corpus, int n) {
      ds = CorrectRadiograph.dx(corpus.uid(), corpus.uid(), corpus.uid(), n);
      order.id = ds.getString(Tag.PatientID);
      order.name = ds.getString(Tag.PatientName);
      order.birth = ds.getString(Tag.PatientBirthDate);
      order.sex = ds.getString(Tag.PatientSex);
      order.modality = "DX";
      order.procedure = "XR HAND LEFT 2 VIEWS";
    }

    String accession() {
      return ds.getString(Tag.AccessionNumber);
    }

    Builder set(int tag, VR vr, String... values) {
      ds.setString(tag, vr, values);
      return this;
    }

    Builder remove(int tag) {
      ds.remove(tag);
      return this;
    }

    Builder order(Consumer<OrderSpec> edit) {
      edit.accept(order);
      return this;
    }

    Builder noOrder() {
      order = null;
      return this;
    }

    Builder worklistDown() {
      worklistDown = true;
      return this;
    }

    Builder name(String name) {
      return set(Tag.PatientName, VR.PN, name);
    }

    Builder birth(String date) {
      order.birth = date;
      return set(Tag.PatientBirthDate, VR.DA, date);
    }

    Builder patient(String id, String name) {
      set(Tag.PatientID, VR.LO, id);
      return name(name);
    }

    Builder female(String birth) {
      set(Tag.PatientSex, VR.CS, "F");
      order.sex = "F";
      return birth(birth);
    }

    Builder pelvis() {
      return part("PELVIS", null, "PELVIS AP", "AP");
    }

    Builder study(String uid) {
      return set(Tag.StudyInstanceUID, VR.UI, uid);
    }

    Builder sop(String uid) {
      return set(Tag.SOPInstanceUID, VR.UI, uid);
    }

    /** Another body part: laterality (or none), series description and view. */
    Builder part(String bodyPart, String side, String description, String view) {
      set(Tag.BodyPartExamined, VR.CS, bodyPart);
      // DX images carry the side in ImageLaterality (type 1, U for unpaired anatomy); CR images in
      // the series' Laterality.
      int tag = isCr() ? Tag.Laterality : Tag.ImageLaterality;
      ds.remove(tag);
      if (side != null) {
        set(tag, VR.CS, side);
      } else if (!isCr()
          && !RuleBookLoader.defaults().settings().pairedBodyParts().contains(bodyPart)) {
        set(tag, VR.CS, "U");
      }
      set(Tag.SeriesDescription, VR.LO, description);
      set(Tag.StudyDescription, VR.LO, "XR " + description);
      set(Tag.ProtocolName, VR.LO, description);
      order.procedure = "XR " + description;
      if (view == null) {
        ds.remove(Tag.ViewPosition);
      } else {
        set(Tag.ViewPosition, VR.CS, view);
      }
      return this;
    }

    Builder exposure(double targetEi, double ei, double di) {
      set(Tag.TargetExposureIndex, VR.DS, fmt(targetEi));
      set(Tag.ExposureIndex, VR.DS, fmt(ei));
      return set(Tag.DeviationIndex, VR.DS, fmt(di));
    }

    Builder cr() {
      CorrectRadiograph.toCr(ds);
      order.modality = "CR";
      return this;
    }

    boolean isCr() {
      return UID.ComputedRadiographyImageStorage.equals(ds.getString(Tag.SOPClassUID));
    }

    private static String fmt(double v) {
      return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
  }
}
