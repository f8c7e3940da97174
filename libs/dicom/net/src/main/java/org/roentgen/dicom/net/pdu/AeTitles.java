package org.roentgen.dicom.net.pdu;

/** AE title rules for the 16-byte fields of A-ASSOCIATE PDUs, PS3.8 Table 9-11. */
final class AeTitles {

  static final int FIELD_LENGTH = 16;

  private AeTitles() {}

  static void check(String aeTitle) {
    if (aeTitle == null || aeTitle.length() > FIELD_LENGTH) {
      throw new IllegalArgumentException("AE title must have 0..16 characters: " + aeTitle);
    }
    for (int i = 0; i < aeTitle.length(); i++) {
      char c = aeTitle.charAt(i);
      if (c < 0x20 || c > 0x7E || c == '\\') {
        throw new IllegalArgumentException("AE title has an illegal character: " + aeTitle);
      }
    }
  }
}
