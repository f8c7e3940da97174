package org.roentgen.qc.domain;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The attributes of an image that its pixel analysis needs, read from the event's header (the DICOM
 * JSON model, PS3.18 Annex F). Absent numbers are null; absent counts take the standard's defaults
 * where it has one (one sample, one frame, slope 1, intercept 0).
 *
 * @param pixelSpacingMm row and column spacing in mm at the detector or patient: PixelSpacing, else
 *     ImagerPixelSpacing; null when neither is present
 * @param exposureIndex ExposureIndex (0018,1411), IEC 62494-1 EI
 * @param targetExposureIndex TargetExposureIndex (0018,1412)
 * @param deviationIndex DeviationIndex (0018,1413)
 */
public record ImageHeader(
    String transferSyntaxUid,
    int rows,
    int columns,
    int bitsAllocated,
    int bitsStored,
    int highBit,
    int pixelRepresentation,
    int samplesPerPixel,
    String photometricInterpretation,
    int frames,
    double rescaleSlope,
    double rescaleIntercept,
    double[] pixelSpacingMm,
    Double exposureIndex,
    Double targetExposureIndex,
    Double deviationIndex,
    String stationName,
    String deviceSerialNumber,
    String bodyPart,
    String viewPosition) {

  /** Reads the attributes from a DICOM JSON object (keys ggggeeee). */
  public static ImageHeader fromDicomJson(JsonNode header, String transferSyntaxUid) {
    int bitsAllocated = integer(header, "00280100", 0);
    double[] spacing = decimals(header, "00280030");
    if (spacing == null) {
      spacing = decimals(header, "00181164");
    }
    return new ImageHeader(
        transferSyntaxUid,
        integer(header, "00280010", 0),
        integer(header, "00280011", 0),
        bitsAllocated,
        integer(header, "00280101", bitsAllocated),
        integer(header, "00280102", integer(header, "00280101", bitsAllocated) - 1),
        integer(header, "00280103", 0),
        integer(header, "00280002", 1),
        text(header, "00280004"),
        integer(header, "00280008", 1),
        number(header, "00281053", 1.0),
        number(header, "00281052", 0.0),
        spacing,
        decimal(header, "00181411"),
        decimal(header, "00181412"),
        decimal(header, "00181413"),
        text(header, "00081010"),
        text(header, "00181000"),
        text(header, "00180015"),
        text(header, "00185101"));
  }

  /** True for MONOCHROME1: the lowest value is displayed white. */
  public boolean monochrome1() {
    return "MONOCHROME1".equals(photometricInterpretation);
  }

  /** The station for per-station figures: StationName, else DeviceSerialNumber, else "unknown". */
  public String station() {
    if (stationName != null && !stationName.isBlank()) {
      return stationName.strip();
    }
    if (deviceSerialNumber != null && !deviceSerialNumber.isBlank()) {
      return deviceSerialNumber.strip();
    }
    return "unknown";
  }

  /** The protocol for baselines: body part and view, e.g. CHEST/PA; absent parts as "-". */
  public String protocol() {
    return blankToDash(bodyPart) + "/" + blankToDash(viewPosition);
  }

  private static String blankToDash(String s) {
    return s == null || s.isBlank() ? "-" : s.strip().toUpperCase(java.util.Locale.ROOT);
  }

  private static JsonNode first(JsonNode header, String tag) {
    if (header == null) {
      return null;
    }
    JsonNode values = header.path(tag).path("Value");
    return values.isArray() && values.size() > 0 ? values.get(0) : null;
  }

  private static int integer(JsonNode header, String tag, int absent) {
    JsonNode v = first(header, tag);
    if (v == null || v.isNull()) {
      return absent;
    }
    if (v.isNumber()) {
      return v.intValue();
    }
    try {
      return Integer.parseInt(v.asText().strip());
    } catch (NumberFormatException e) {
      return absent;
    }
  }

  private static Double decimal(JsonNode header, String tag) {
    JsonNode v = first(header, tag);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    try {
      double d = Double.parseDouble(v.asText().strip());
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static double number(JsonNode header, String tag, double absent) {
    Double d = decimal(header, tag);
    return d == null ? absent : d;
  }

  private static double[] decimals(JsonNode header, String tag) {
    if (header == null) {
      return null;
    }
    JsonNode values = header.path(tag).path("Value");
    if (!values.isArray() || values.size() < 2) {
      return null;
    }
    double[] out = new double[2];
    for (int i = 0; i < 2; i++) {
      JsonNode v = values.get(i);
      double d = v.isNumber() ? v.doubleValue() : parse(v.asText());
      if (!(d > 0) || !Double.isFinite(d)) {
        return null;
      }
      out[i] = d;
    }
    return out;
  }

  private static double parse(String s) {
    try {
      return Double.parseDouble(s.strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static String text(JsonNode header, String tag) {
    JsonNode v = first(header, tag);
    return v == null || v.isNull() ? null : v.asText();
  }
}
