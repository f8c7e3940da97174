package org.roentgen.validation;

import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.data.VR;

/**
 * A correctly labeled synthetic radiograph header: a DX image for presentation (PS3.3 A.26) of a
 * left hand, PA, with every type 1 and type 2 attribute of its modules, a complete exposure record
 * and 4 x 4 pixels; {@link #toCr} makes it a CR image (A.2). Fake patient, fake UIDs.
 */
public final class CorrectRadiograph {
  private CorrectRadiograph() {}

  /** A correct DX header; {@code n} numbers the fake patient and accession. */
  public static Attributes dx(String study, String series, String sop, int n) {
    Attributes ds = new Attributes();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
    ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "");
    ds.setString(Tag.SOPClassUID, VR.UI, UID.DigitalXRayImageStorageForPresentation);
    ds.setString(Tag.SOPInstanceUID, VR.UI, sop);
    ds.setString(Tag.StudyDate, VR.DA, "20261120");
    ds.setString(Tag.ContentDate, VR.DA, "20261120");
    ds.setString(Tag.StudyTime, VR.TM, "101500");
    ds.setString(Tag.ContentTime, VR.TM, "101612");
    ds.setString(Tag.AccessionNumber, VR.SH, String.format("ACC%05d", n));
    ds.setString(Tag.Modality, VR.CS, "DX");
    ds.setString(Tag.PresentationIntentType, VR.CS, "FOR PRESENTATION");
    ds.setString(Tag.Manufacturer, VR.LO, "ROENTGEN SYNTHETIC");
    ds.setString(Tag.ReferringPhysicianName, VR.PN, "REFERRER^SYNTHETIC");
    ds.setString(Tag.StationName, VR.SH, "DXROOM1");
    ds.setString(Tag.StudyDescription, VR.LO, "XR HAND LEFT PA");
    ds.setString(Tag.SeriesDescription, VR.LO, "HAND LEFT PA");
    ds.newSequence(Tag.AnatomicRegionSequence, 0);
    ds.setString(Tag.PatientName, VR.PN, String.format("SYNTHETIC^PATIENT%05d", n));
    ds.setString(Tag.PatientID, VR.LO, String.format("SYN%05d", n));
    ds.setString(Tag.PatientBirthDate, VR.DA, "19800101");
    ds.setString(Tag.PatientSex, VR.CS, "M");
    ds.setString(Tag.BodyPartExamined, VR.CS, "HAND");
    ds.setString(Tag.KVP, VR.DS, "55");
    ds.setString(Tag.ProtocolName, VR.LO, "HAND PA");
    ds.setString(Tag.Exposure, VR.IS, "4");
    ds.setString(Tag.ImagerPixelSpacing, VR.DS, "0.1", "0.1");
    ds.setString(Tag.PositionerType, VR.CS, "NONE");
    ds.setString(Tag.DetectorType, VR.CS, "DIRECT");
    ds.setString(Tag.ExposureIndex, VR.DS, "400");
    ds.setString(Tag.TargetExposureIndex, VR.DS, "400");
    ds.setString(Tag.DeviationIndex, VR.DS, "0");
    ds.setString(Tag.ViewPosition, VR.CS, "PA");
    ds.setString(Tag.StudyInstanceUID, VR.UI, study);
    ds.setString(Tag.SeriesInstanceUID, VR.UI, series);
    ds.setString(Tag.StudyID, VR.SH, "1");
    ds.setString(Tag.SeriesNumber, VR.IS, "1");
    ds.setString(Tag.InstanceNumber, VR.IS, "1");
    ds.setString(Tag.PatientOrientation, VR.CS, "P", "F");
    ds.setString(Tag.ImageLaterality, VR.CS, "L");
    ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
    ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    ds.setInt(Tag.Rows, VR.US, 4);
    ds.setInt(Tag.Columns, VR.US, 4);
    ds.setInt(Tag.BitsAllocated, VR.US, 16);
    ds.setInt(Tag.BitsStored, VR.US, 12);
    ds.setInt(Tag.HighBit, VR.US, 11);
    ds.setInt(Tag.PixelRepresentation, VR.US, 0);
    ds.setString(Tag.BurnedInAnnotation, VR.CS, "NO");
    ds.setString(Tag.PixelIntensityRelationship, VR.CS, "LOG");
    ds.setInt(Tag.PixelIntensityRelationshipSign, VR.SS, 1);
    ds.setString(Tag.WindowCenter, VR.DS, "2048");
    ds.setString(Tag.WindowWidth, VR.DS, "4096");
    ds.setString(Tag.RescaleIntercept, VR.DS, "0");
    ds.setString(Tag.RescaleSlope, VR.DS, "1");
    ds.setString(Tag.RescaleType, VR.LO, "US");
    ds.setString(Tag.LossyImageCompression, VR.CS, "00");
    ds.setString(Tag.PresentationLUTShape, VR.CS, "IDENTITY");
    ds.newSequence(Tag.AcquisitionContextSequence, 0);
    byte[] pixels = new byte[4 * 4 * 2];
    for (int i = 0; i < 16; i++) {
      pixels[2 * i] = (byte) (i * 16);
      pixels[2 * i + 1] = (byte) (i / 4);
    }
    ds.setBytes(Tag.PixelData, VR.OW, pixels);
    return ds;
  }

  /** Makes a DX header a CR one: SOP class, modality, the side in Laterality, no DX modules. */
  public static void toCr(Attributes ds) {
    ds.setString(Tag.SOPClassUID, VR.UI, UID.ComputedRadiographyImageStorage);
    ds.setString(Tag.Modality, VR.CS, "CR");
    String side = ds.getString(Tag.ImageLaterality);
    ds.remove(Tag.ImageLaterality);
    if (side != null && !side.equals("U")) {
      ds.setString(Tag.Laterality, VR.CS, side);
    }
    for (int tag :
        new int[] {
          Tag.PresentationIntentType,
          Tag.PixelIntensityRelationship,
          Tag.PixelIntensityRelationshipSign,
          Tag.PresentationLUTShape,
          Tag.DetectorType,
          Tag.AcquisitionContextSequence,
          Tag.PositionerType,
          Tag.AnatomicRegionSequence
        }) {
      ds.remove(tag);
    }
  }
}
