package org.roentgen.dicom.deid;

import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.VR;

/**
 * The dummy values of action D (PS3.15 E.1.1: "a non-zero length value that may be a dummy value
 * and consistent with the VR"): fixed values that say nothing about the patient and are valid for
 * their VR. UIDs are not dummies but replacements ({@link SiteKey#uid}), chosen by the caller.
 */
final class DummyValues {
  /** Person names. */
  static final String PERSON_NAME = "ANONYMOUS";

  /** Other text: codes, short and long strings, texts, AE titles, URIs. */
  static final String TEXT = "ANONYMIZED";

  /** DA: the first of January 1900. */
  static final String DATE = "19000101";

  /** TM: midnight. */
  static final String TIME = "000000";

  /** DT: midnight on the dummy date. */
  static final String DATE_TIME = DATE + TIME;

  /** AS: zero years. */
  static final String AGE = "000Y";

  /** IS and DS. */
  static final String NUMBER = "0";

  private static final int MIN_BINARY_BYTES = 2;

  private DummyValues() {}

  /**
   * Sets element {@code tag} of {@code ds} to the dummy value of {@code vr}: the text above, zero
   * for binary numbers (one value), zero bytes as long as the original (at least one value) for OB,
   * OW and the other binary VRs, and a sequence without items for SQ (PS3.15 gives no dummy item;
   * an empty sequence carries nothing).
   */
  static void set(Attributes ds, int tag, VR vr, Object original) {
    switch (vr) {
      case PN -> ds.setString(tag, vr, PERSON_NAME);
      case DA -> ds.setString(tag, vr, DATE);
      case TM -> ds.setString(tag, vr, TIME);
      case DT -> ds.setString(tag, vr, DATE_TIME);
      case AS -> ds.setString(tag, vr, AGE);
      case IS, DS -> ds.setString(tag, vr, NUMBER);
      case AE, CS, LO, SH, ST, LT, UT, UC, UR -> ds.setString(tag, vr, TEXT);
      case UI -> throw new IllegalArgumentException("a UID is replaced, not given a dummy value");
      case US, SS, UL, SL, FL, FD, SV, UV, AT ->
          ds.setBytes(tag, vr, new byte[vr.maxBytesPerValue()]);
      case OB, OD, OF, OL, OV, OW, UN -> ds.setBytes(tag, vr, new byte[binaryLength(vr, original)]);
      case SQ -> ds.newSequence(tag, 0);
    }
  }

  private static int binaryLength(VR vr, Object original) {
    int length = original instanceof byte[] b ? b.length : 0;
    return Math.max(length, Math.max(vr.swapUnit(), MIN_BINARY_BYTES));
  }
}
