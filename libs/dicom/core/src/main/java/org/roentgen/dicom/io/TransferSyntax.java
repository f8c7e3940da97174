package org.roentgen.dicom.io;

import java.util.Map;

/**
 * How a dataset is encoded, PS3.5 section 10 and annex A: VR explicit or implicit, byte order,
 * deflate, and whether pixel data is encapsulated. Unknown UIDs are taken as encapsulated explicit
 * VR little endian, as every compressed syntax is (PS3.5 A.4).
 */
public record TransferSyntax(
    String uid,
    String name,
    boolean explicitVR,
    boolean bigEndian,
    boolean deflated,
    boolean encapsulated) {

  /** PS3.5 A.1. */
  public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN =
      new TransferSyntax(
          "1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, false);

  /** PS3.5 A.2. */
  public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN =
      new TransferSyntax(
          "1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, false);

  /** PS3.5 A.5. */
  public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN =
      new TransferSyntax(
          "1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, false);

  /** PS3.5 A.3 (retired, still met in the field). */
  public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN =
      new TransferSyntax("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false, false);

  private static final Map<String, TransferSyntax> UNCOMPRESSED =
      Map.of(
          IMPLICIT_VR_LITTLE_ENDIAN.uid, IMPLICIT_VR_LITTLE_ENDIAN,
          EXPLICIT_VR_LITTLE_ENDIAN.uid, EXPLICIT_VR_LITTLE_ENDIAN,
          DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid, DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
          EXPLICIT_VR_BIG_ENDIAN.uid, EXPLICIT_VR_BIG_ENDIAN);

  /** The transfer syntax of {@code uid}; unknown UIDs are encapsulated explicit VR LE. */
  public static TransferSyntax of(String uid) {
    TransferSyntax ts = UNCOMPRESSED.get(uid);
    return ts != null ? ts : new TransferSyntax(uid, uid, true, false, false, true);
  }

  /** True for the syntaxes whose pixel data is native (not encapsulated) and can be converted. */
  public boolean isNative() {
    return !encapsulated;
  }
}
