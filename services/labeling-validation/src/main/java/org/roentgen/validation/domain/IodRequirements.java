package org.roentgen.validation.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;

/**
 * The type 1 and type 2 attributes of the modules an image's IOD includes (PS3.3), for the CR Image
 * IOD (A.2), the DX family of IODs (A.26: DX, mammography and intra-oral, for presentation and for
 * processing) and, for any other SOP class, the general modules every composite image IOD has.
 * Conditional (1C, 2C) attributes are left to the labeling rules that know their conditions
 * (Laterality: {@code laterality.missing}).
 */
public final class IodRequirements {
  /** One required attribute: its tag, its type (1 or 2), and the module that requires it. */
  public record Requirement(int tag, int type, String module) {}

  private static final List<Requirement> PATIENT =
      List.of(
          new Requirement(Tag.PatientName, 2, "Patient (C.7.1.1)"),
          new Requirement(Tag.PatientID, 2, "Patient (C.7.1.1)"),
          new Requirement(Tag.PatientBirthDate, 2, "Patient (C.7.1.1)"),
          new Requirement(Tag.PatientSex, 2, "Patient (C.7.1.1)"));
  private static final List<Requirement> GENERAL_STUDY =
      List.of(
          new Requirement(Tag.StudyInstanceUID, 1, "General Study (C.7.2.1)"),
          new Requirement(Tag.StudyDate, 2, "General Study (C.7.2.1)"),
          new Requirement(Tag.StudyTime, 2, "General Study (C.7.2.1)"),
          new Requirement(Tag.ReferringPhysicianName, 2, "General Study (C.7.2.1)"),
          new Requirement(Tag.StudyID, 2, "General Study (C.7.2.1)"),
          new Requirement(Tag.AccessionNumber, 2, "General Study (C.7.2.1)"));
  private static final List<Requirement> GENERAL_SERIES =
      List.of(
          new Requirement(Tag.Modality, 1, "General Series (C.7.3.1)"),
          new Requirement(Tag.SeriesInstanceUID, 1, "General Series (C.7.3.1)"),
          new Requirement(Tag.SeriesNumber, 2, "General Series (C.7.3.1)"));
  private static final List<Requirement> GENERAL_EQUIPMENT =
      List.of(new Requirement(Tag.Manufacturer, 2, "General Equipment (C.7.5.1)"));
  private static final List<Requirement> GENERAL_IMAGE =
      List.of(new Requirement(Tag.InstanceNumber, 2, "General Image (C.7.6.1)"));
  private static final List<Requirement> IMAGE_PIXEL =
      List.of(
          new Requirement(Tag.SamplesPerPixel, 1, "Image Pixel (C.7.6.3)"),
          new Requirement(Tag.PhotometricInterpretation, 1, "Image Pixel (C.7.6.3)"),
          new Requirement(Tag.Rows, 1, "Image Pixel (C.7.6.3)"),
          new Requirement(Tag.Columns, 1, "Image Pixel (C.7.6.3)"),
          new Requirement(Tag.BitsAllocated, 1, "Image Pixel (C.7.6.3)"),
          new Requirement(Tag.BitsStored, 1, "Image Pixel (C.7.6.3)"),
          new Requirement(Tag.HighBit, 1, "Image Pixel (C.7.6.3)"),
          new Requirement(Tag.PixelRepresentation, 1, "Image Pixel (C.7.6.3)"));
  private static final List<Requirement> SOP_COMMON =
      List.of(
          new Requirement(Tag.SOPClassUID, 1, "SOP Common (C.12.1)"),
          new Requirement(Tag.SOPInstanceUID, 1, "SOP Common (C.12.1)"));
  private static final List<Requirement> CR =
      List.of(
          new Requirement(Tag.BodyPartExamined, 2, "CR Series (C.8.1.1)"),
          new Requirement(Tag.ViewPosition, 2, "CR Series (C.8.1.1)"));
  private static final List<Requirement> DX =
      List.of(
          new Requirement(Tag.PresentationIntentType, 1, "DX Series (C.8.11.1)"),
          new Requirement(Tag.ImageLaterality, 1, "DX Anatomy Imaged (C.8.11.2)"),
          new Requirement(
              Tag.AnatomicRegionSequence, 2, "DX Anatomy Imaged (C.8.11.2), anatomy macro"),
          new Requirement(Tag.ImageType, 1, "DX Image (C.8.11.3)"),
          new Requirement(Tag.PixelIntensityRelationship, 1, "DX Image (C.8.11.3)"),
          new Requirement(Tag.PixelIntensityRelationshipSign, 1, "DX Image (C.8.11.3)"),
          new Requirement(Tag.RescaleIntercept, 1, "DX Image (C.8.11.3)"),
          new Requirement(Tag.RescaleSlope, 1, "DX Image (C.8.11.3)"),
          new Requirement(Tag.RescaleType, 1, "DX Image (C.8.11.3)"),
          new Requirement(Tag.PresentationLUTShape, 1, "DX Image (C.8.11.3)"),
          new Requirement(Tag.LossyImageCompression, 1, "DX Image (C.8.11.3)"),
          new Requirement(Tag.BurnedInAnnotation, 1, "DX Image (C.8.11.3)"),
          new Requirement(Tag.DetectorType, 2, "DX Detector (C.8.11.4)"),
          new Requirement(Tag.ImagerPixelSpacing, 1, "DX Detector (C.8.11.4)"),
          new Requirement(Tag.AcquisitionContextSequence, 2, "Acquisition Context (C.7.6.14)"));

  /** The DX Positioning Module (C.8.11.5) is optional; once an image has it, this is type 2. */
  private static final Requirement DX_POSITIONER =
      new Requirement(Tag.PositionerType, 2, "DX Positioning (C.8.11.5)");

  /** Attributes whose presence says that the optional DX Positioning Module is there. */
  private static final int[] DX_POSITIONING_MEMBERS = {
    Tag.ViewPosition,
    Tag.ViewCodeSequence,
    Tag.PatientPosition,
    Tag.DistanceSourceToDetector,
    Tag.DistanceSourceToPatient,
    Tag.EstimatedRadiographicMagnificationFactor,
    Tag.PositionerPrimaryAngle,
    Tag.PositionerSecondaryAngle
  };

  private static final Set<String> DX_FAMILY =
      Set.of(
          UID.DigitalXRayImageStorageForPresentation,
          UID.DigitalXRayImageStorageForProcessing,
          UID.DigitalMammographyXRayImageStorageForPresentation,
          UID.DigitalMammographyXRayImageStorageForProcessing,
          UID.DigitalIntraOralXRayImageStorageForPresentation,
          UID.DigitalIntraOralXRayImageStorageForProcessing);

  private IodRequirements() {}

  /** The requirements for an image of that SOP class with that header. */
  public static List<Requirement> of(String sopClassUid, Header h) {
    List<Requirement> out = new ArrayList<>();
    out.addAll(PATIENT);
    out.addAll(GENERAL_STUDY);
    out.addAll(GENERAL_SERIES);
    out.addAll(GENERAL_EQUIPMENT);
    boolean image = h.present(Tag.PixelData) || h.present(Tag.Rows);
    boolean cr = UID.ComputedRadiographyImageStorage.equals(sopClassUid);
    boolean dx = DX_FAMILY.contains(sopClassUid);
    if (image || cr || dx) {
      out.addAll(GENERAL_IMAGE);
      out.addAll(IMAGE_PIXEL);
    }
    if (cr) {
      out.addAll(CR);
    }
    if (dx) {
      out.addAll(DX);
      for (int member : DX_POSITIONING_MEMBERS) {
        if (h.present(member)) {
          out.add(DX_POSITIONER);
          break;
        }
      }
    }
    out.addAll(SOP_COMMON);
    return out;
  }

  /** Whether the SOP class is CR or one of the DX family. */
  public static boolean isRadiograph(String sopClassUid) {
    return UID.ComputedRadiographyImageStorage.equals(sopClassUid)
        || DX_FAMILY.contains(sopClassUid);
  }
}
