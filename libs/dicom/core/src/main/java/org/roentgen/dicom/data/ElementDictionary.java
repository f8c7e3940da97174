package org.roentgen.dicom.data;

/** Interim stand-in (replaced by the generated dictionary on merge). */
public final class ElementDictionary {
  private ElementDictionary() {}

  public static VR vrOf(int tag) {
    if ((tag & 0xFFFF) == 0) {
      return VR.UL;
    }
    return switch (tag) {
      case Tag.PixelData -> VR.OW;
      case Tag.SpecificCharacterSet, Tag.Modality -> VR.CS;
      case Tag.TransferSyntaxUID, Tag.SOPInstanceUID, Tag.SOPClassUID, Tag.StudyInstanceUID -> VR.UI;
      case Tag.PatientName -> VR.PN;
      case Tag.Rows, Tag.Columns, Tag.BitsAllocated -> VR.US;
      default -> VR.UN;
    };
  }

  public static String keywordOf(int tag) {
    return null;
  }

  public static int tagOf(String keyword) {
    return -1;
  }
}
