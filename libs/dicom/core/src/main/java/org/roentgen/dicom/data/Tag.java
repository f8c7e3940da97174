package org.roentgen.dicom.data;

/** Interim stand-in (replaced by the generated constants on merge). */
public final class Tag {
  private Tag() {}

  public static final int FileMetaInformationGroupLength = 0x00020000;
  public static final int FileMetaInformationVersion = 0x00020001;
  public static final int MediaStorageSOPClassUID = 0x00020002;
  public static final int MediaStorageSOPInstanceUID = 0x00020003;
  public static final int TransferSyntaxUID = 0x00020010;
  public static final int ImplementationClassUID = 0x00020012;
  public static final int ImplementationVersionName = 0x00020013;
  public static final int SourceApplicationEntityTitle = 0x00020016;
  public static final int SpecificCharacterSet = 0x00080005;
  public static final int SOPClassUID = 0x00080016;
  public static final int SOPInstanceUID = 0x00080018;
  public static final int Modality = 0x00080060;
  public static final int PatientName = 0x00100010;
  public static final int PatientID = 0x00100020;
  public static final int StudyInstanceUID = 0x0020000D;
  public static final int SeriesInstanceUID = 0x0020000E;
  public static final int Rows = 0x00280010;
  public static final int Columns = 0x00280011;
  public static final int BitsAllocated = 0x00280100;
  public static final int PixelData = 0x7FE00010;
  public static final int FloatPixelData = 0x7FE00008;
  public static final int DoubleFloatPixelData = 0x7FE00009;
  public static final int Item = 0xFFFEE000;
  public static final int ItemDelimitationItem = 0xFFFEE00D;
  public static final int SequenceDelimitationItem = 0xFFFEE0DD;
}
