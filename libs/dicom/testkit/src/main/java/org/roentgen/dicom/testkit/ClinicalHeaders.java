package org.roentgen.dicom.testkit;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.data.VR;

/**
 * The headers of {@link ClinicalRadiographs}: the modules of the CR Image IOD (PS3.3 A.2: Patient,
 * General Study, Patient Study, General Series, CR Series, General Equipment, General Image, Image
 * Pixel, CR Image, SOP Common), of the DX Image IOD for presentation (A.26: DX Series, DX Anatomy
 * Imaged, DX Image, DX Detector, DX Positioning, Acquisition Context, VOI LUT) and of the Digital
 * Mammography IOD for presentation (A.27: the DX modules plus Mammography Series and Image), each
 * type 1 and 2 attribute present.
 */
final class ClinicalHeaders {
  private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
  private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");

  private ClinicalHeaders() {}

  static Attributes image(
      ClinicalStudy s,
      int viewIndex,
      ClinicalStudy.View view,
      SplittableRandom r,
      int rows,
      int columns,
      double spacing) {
    ClinicalStudy.Exam exam = s.exam();
    String modality = exam.modality();
    boolean cr = modality.equals("CR");
    boolean mg = modality.equals("MG");
    String sopClass =
        cr
            ? UID.ComputedRadiographyImageStorage
            : mg
                ? UID.DigitalMammographyXRayImageStorageForPresentation
                : UID.DigitalXRayImageStorageForPresentation;
    String date = s.date().format(DA);
    String studyTime = s.time().format(TM);
    String contentTime = s.time().plusSeconds(40 + 75L * viewIndex).format(TM);
    String sideWord = s.sideWord();
    String part = exam.bodyPart();
    String series = (sideWord == null ? part : part + " " + sideWord) + " " + view.name();
    String station = modality + ClinicalRadiographs.STATION_SUFFIX;

    Attributes ds = new Attributes();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
    if (cr) {
      ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY");
    } else {
      ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "");
    }
    ds.setString(Tag.SOPClassUID, VR.UI, sopClass);
    ds.setString(Tag.SOPInstanceUID, VR.UI, ClinicalStudy.uid(r));
    ds.setString(Tag.StudyDate, VR.DA, date);
    ds.setString(Tag.SeriesDate, VR.DA, date);
    ds.setString(Tag.AcquisitionDate, VR.DA, date);
    ds.setString(Tag.ContentDate, VR.DA, date);
    ds.setString(Tag.StudyTime, VR.TM, studyTime);
    ds.setString(Tag.SeriesTime, VR.TM, contentTime);
    ds.setString(Tag.AcquisitionTime, VR.TM, contentTime);
    ds.setString(Tag.ContentTime, VR.TM, contentTime);
    ds.setString(Tag.AccessionNumber, VR.SH, s.accessionNumber());
    ds.setString(Tag.Modality, VR.CS, modality);
    if (!cr) {
      ds.setString(Tag.PresentationIntentType, VR.CS, "FOR PRESENTATION");
    }
    ds.setString(Tag.Manufacturer, VR.LO, "ROENTGEN SYNTHETIC");
    ds.setString(Tag.InstitutionName, VR.LO, "SYNTHETIC GENERAL HOSPITAL");
    ds.setString(Tag.ReferringPhysicianName, VR.PN, "REFERRER^SYNTHETIC");
    ds.setString(Tag.StationName, VR.SH, station);
    ds.setString(Tag.StudyDescription, VR.LO, s.procedure());
    ds.setString(Tag.SeriesDescription, VR.LO, series);
    ds.setString(Tag.PerformedProcedureStepDescription, VR.LO, s.procedure());
    ds.setString(Tag.ManufacturerModelName, VR.LO, "CLINICAL " + modality);
    if (!cr) {
      Attributes region = ds.newSequence(Tag.AnatomicRegionSequence, 1).addItem();
      code(region, exam.code(), exam.meaning());
    }
    ds.setString(Tag.PatientName, VR.PN, s.patientName());
    ds.setString(Tag.PatientID, VR.LO, s.patientId());
    ds.setString(Tag.PatientBirthDate, VR.DA, s.birthDate().format(DA));
    ds.setString(Tag.PatientSex, VR.CS, s.sex());
    ds.setString(Tag.PatientAge, VR.AS, String.format(Locale.ROOT, "%03dY", s.age()));
    if (s.sex().equals("F") && s.age() >= 12 && s.age() <= 50) {
      ds.setInt(Tag.PregnancyStatus, VR.US, 1); // not pregnant (PS3.3 C.7.2.2)
    }
    ds.setString(Tag.BodyPartExamined, VR.CS, part);
    ds.setString(Tag.DeviceSerialNumber, VR.LO, modality + "-0001");
    ds.setString(Tag.SoftwareVersions, VR.LO, "1.0");
    ds.setString(Tag.ProtocolName, VR.LO, series);
    ds.setString(Tag.DistanceSourceToDetector, VR.DS, Integer.toString(exam.sourceToDetectorMm()));
    ds.setString(Tag.ImagerPixelSpacing, VR.DS, ds(spacing), ds(spacing));
    if (cr) {
      ds.setString(Tag.PlateType, VR.SH, "STANDARD");
      ds.setString(Tag.PixelSpacing, VR.DS, ds(spacing), ds(spacing));
    } else {
      ds.setString(Tag.DetectorType, VR.CS, mg ? "DIRECT" : "SCINTILLATOR");
      ds.setString(Tag.DetectorID, VR.SH, modality + "DET1");
      ds.setString(Tag.PositionerType, VR.CS, exam.positionerType());
    }
    ds.setString(Tag.ViewPosition, VR.CS, s.viewPosition(view));
    if (mg) {
      mammography(ds, s, view, r);
    }
    ds.setString(Tag.StudyInstanceUID, VR.UI, s.studyInstanceUid());
    ds.setString(Tag.SeriesInstanceUID, VR.UI, ClinicalStudy.uid(r));
    ds.setString(Tag.StudyID, VR.SH, s.studyId());
    ds.setString(Tag.SeriesNumber, VR.IS, Integer.toString(viewIndex + 1));
    ds.setString(Tag.InstanceNumber, VR.IS, "1");
    ds.setString(Tag.PatientOrientation, VR.CS, orientation(s, view));
    if (cr) {
      if (s.side() != null) {
        ds.setString(Tag.Laterality, VR.CS, s.side());
      }
    } else {
      ds.setString(Tag.ImageLaterality, VR.CS, s.side() != null ? s.side() : "U");
    }
    ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
    ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    ds.setInt(Tag.Rows, VR.US, rows);
    ds.setInt(Tag.Columns, VR.US, columns);
    ds.setInt(Tag.BitsAllocated, VR.US, 16);
    ds.setInt(Tag.BitsStored, VR.US, 14);
    ds.setInt(Tag.HighBit, VR.US, 13);
    ds.setInt(Tag.PixelRepresentation, VR.US, 0);
    ds.setString(Tag.BurnedInAnnotation, VR.CS, "NO");
    if (!cr) {
      // Linear in exposure, stored so that more attenuation is brighter (PS3.3 C.8.11.3.1.2).
      ds.setString(Tag.PixelIntensityRelationship, VR.CS, "LIN");
      ds.setInt(Tag.PixelIntensityRelationshipSign, VR.SS, -1);
      ds.setString(Tag.PresentationLUTShape, VR.CS, "IDENTITY");
      ds.newSequence(Tag.AcquisitionContextSequence, 0);
    }
    ds.setString(Tag.RescaleIntercept, VR.DS, "0");
    ds.setString(Tag.RescaleSlope, VR.DS, "1");
    ds.setString(Tag.RescaleType, VR.LO, "US");
    ds.setString(Tag.LossyImageCompression, VR.CS, "00");
    Attributes request = ds.newSequence(Tag.RequestAttributesSequence, 1).addItem();
    request.setString(Tag.AccessionNumber, VR.SH, s.accessionNumber());
    request.setString(Tag.StudyInstanceUID, VR.UI, s.studyInstanceUid());
    request.setString(Tag.RequestedProcedureDescription, VR.LO, s.procedure());
    request.setString(Tag.ScheduledProcedureStepDescription, VR.LO, s.procedure());
    request.setString(Tag.ScheduledProcedureStepID, VR.SH, s.stepId());
    request.setString(Tag.RequestedProcedureID, VR.SH, s.requestedProcedureId());
    request.setString(Tag.RequestedProcedurePriority, VR.CS, s.stat() ? "STAT" : "ROUTINE");
    ds.setString(Tag.PerformedProcedureStepID, VR.SH, s.stepId());
    return ds;
  }

  /**
   * The exposure record and the window: technique scaled by the exposure the pixels got, the
   * exposure index from the anatomy's signal (within 4%: a detector's calibration), the target of
   * the protocol, and DI = 10 log10(EI / EI_T).
   */
  static void exposure(
      Attributes ds,
      ClinicalStudy s,
      ClinicalStudy.View view,
      double exposure,
      ClinicalDetector.Exposed exposed,
      SplittableRandom r) {
    double mas = view.mas() * exposure;
    int ms = (int) Math.round(view.kvp() < 40 ? 1000 * mas / 100 : Math.max(4, 1000 * mas / 400));
    int ma = (int) Math.max(1, Math.round(1000 * mas / ms));
    ds.setString(Tag.KVP, VR.DS, ds(view.kvp()));
    ds.setString(Tag.ExposureTime, VR.IS, Integer.toString(ms));
    ds.setString(Tag.XRayTubeCurrent, VR.IS, Integer.toString(ma));
    ds.setString(Tag.Exposure, VR.IS, Long.toString(Math.max(1, Math.round(mas))));
    ds.setString(Tag.ExposureInuAs, VR.IS, Long.toString(Math.round(mas * 1000)));
    ds.setString(Tag.ExposureInmAs, VR.DS, ds(Math.round(mas * 100) / 100.0));
    double ei =
        exposed.anatomySignal() / ClinicalDetector.CALIBRATION * (0.96 + 0.08 * r.nextDouble());
    double target = Math.max(10, Math.round(ei / exposure / 10) * 10.0);
    double di = 10 * Math.log10(ei / target);
    if (Math.abs(di) > 0.95) {
      target = Math.round(ei);
      di = 10 * Math.log10(ei / target);
    }
    ds.setString(Tag.ExposureIndex, VR.DS, ds(Math.round(ei * 10) / 10.0));
    ds.setString(Tag.TargetExposureIndex, VR.DS, ds(target));
    ds.setString(
        Tag.DeviationIndex,
        VR.DS,
        String.format(Locale.ROOT, "%.2f", 10 * Math.log10(Math.round(ei * 10) / 10.0 / target)));
    int lo = exposed.windowLow();
    int hi = exposed.windowHigh();
    ds.setString(Tag.WindowCenter, VR.DS, Integer.toString((lo + hi) / 2));
    ds.setString(Tag.WindowWidth, VR.DS, Integer.toString(Math.max(2, hi - lo)));
    ds.setString(Tag.WindowCenterWidthExplanation, VR.LO, "FIELD");
  }

  /** The Mammography Series and Image modules' attributes (PS3.3 C.8.11.6, C.8.11.7). */
  private static void mammography(
      Attributes ds, ClinicalStudy s, ClinicalStudy.View view, SplittableRandom r) {
    boolean mlo = view.name().equals("MLO");
    Attributes code = ds.newSequence(Tag.ViewCodeSequence, 1).addItem();
    code(code, mlo ? "399368009" : "399162004", mlo ? "medio-lateral oblique" : "cranio-caudal");
    ds.newSequence(Tag.ViewModifierCodeSequence, 0);
    ds.setString(Tag.OrganExposed, VR.CS, "BREAST");
    ds.setString(Tag.BreastImplantPresent, VR.CS, "NO");
    ds.setString(Tag.PartialView, VR.CS, "NO");
    ds.setString(
        Tag.PositionerPrimaryAngle, VR.DS, mlo ? (s.side().equals("R") ? "45" : "-45") : "0");
    ds.setString(Tag.BodyPartThickness, VR.DS, Integer.toString(40 + r.nextInt(25)));
    ds.setString(Tag.CompressionForce, VR.DS, Integer.toString(80 + r.nextInt(60)));
    ds.setString(Tag.AnodeTargetMaterial, VR.CS, "TUNGSTEN");
    ds.setString(Tag.FilterMaterial, VR.CS, "RHODIUM");
    ds.setString(Tag.EstimatedRadiographicMagnificationFactor, VR.DS, "1.0");
  }

  /**
   * PatientOrientation (PS3.3 C.7.6.1.1.1): the row and column directions. A breast's chest wall is
   * at the image's right for the right breast (rows towards posterior), left for the left.
   */
  private static String[] orientation(ClinicalStudy s, ClinicalStudy.View view) {
    String part = s.exam().bodyPart();
    if (part.equals("BREAST")) {
      boolean right = s.side().equals("R");
      boolean mlo = view.name().equals("MLO");
      return new String[] {right ? "P" : "A", mlo ? "F" : right ? "L" : "R"};
    }
    boolean lateral = view.name().equals("LAT");
    if (part.equals("CHEST")) {
      return lateral ? new String[] {"A", "F"} : new String[] {"R", "F"};
    }
    // A knee has the thigh at the top (down is towards the feet); a hand its fingers (down is
    // towards the head, in the anatomical position).
    String down = part.equals("HAND") ? "H" : "F";
    return new String[] {lateral ? "A" : s.side().equals("L") ? "R" : "L", down};
  }

  private static void code(Attributes item, String value, String meaning) {
    item.setString(Tag.CodeValue, VR.SH, value);
    item.setString(Tag.CodingSchemeDesignator, VR.SH, "SCT");
    item.setString(Tag.CodeMeaning, VR.LO, meaning);
  }

  /** A DS value: no exponent, at most 16 characters. */
  private static String ds(double v) {
    String s = String.format(Locale.ROOT, "%.4f", v);
    s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    return s.length() > 16 ? s.substring(0, 16) : s;
  }
}
