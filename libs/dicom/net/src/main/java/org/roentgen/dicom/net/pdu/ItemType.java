package org.roentgen.dicom.net.pdu;

/**
 * Item and sub-item types inside A-ASSOCIATE PDUs: PS3.8 Section 9.3.2.1 ... 9.3.3.3 and Annex D
 * (user information sub-items), PS3.7 Annex D.3.3 (extended negotiation, user identity).
 */
public enum ItemType {
  /** PS3.8 Table 9-12. */
  APPLICATION_CONTEXT(0x10),
  /** PS3.8 Table 9-13. */
  PRESENTATION_CONTEXT_RQ(0x20),
  /** PS3.8 Table 9-18. */
  PRESENTATION_CONTEXT_AC(0x21),
  /** PS3.8 Table 9-14. */
  ABSTRACT_SYNTAX(0x30),
  /** PS3.8 Table 9-15. */
  TRANSFER_SYNTAX(0x40),
  /** PS3.8 Table 9-16. */
  USER_INFORMATION(0x50),
  /** PS3.8 Annex D.1, Table D.1-1. */
  MAXIMUM_LENGTH(0x51),
  /** PS3.7 Annex D.3.3.2.1, Table D.3-1. */
  IMPLEMENTATION_CLASS_UID(0x52),
  /** PS3.7 Annex D.3.3.3.1, Table D.3-7. */
  ASYNCHRONOUS_OPERATIONS_WINDOW(0x53),
  /** PS3.7 Annex D.3.3.4.1, Table D.3-9. */
  SCP_SCU_ROLE_SELECTION(0x54),
  /** PS3.7 Annex D.3.3.2.3, Table D.3-3. */
  IMPLEMENTATION_VERSION_NAME(0x55),
  /** PS3.7 Annex D.3.3.5.1, Table D.3-11. */
  SOP_CLASS_EXTENDED_NEGOTIATION(0x56),
  /** PS3.7 Annex D.3.3.6.1, Table D.3-12. */
  SOP_CLASS_COMMON_EXTENDED_NEGOTIATION(0x57),
  /** PS3.7 Annex D.3.3.7.1, Table D.3-14. */
  USER_IDENTITY_RQ(0x58),
  /** PS3.7 Annex D.3.3.7.2, Table D.3-15. */
  USER_IDENTITY_AC(0x59);

  private final int code;

  ItemType(int code) {
    this.code = code;
  }

  /** The value of the item-type byte. */
  public int code() {
    return code;
  }

  /** The type for a code, or {@code null} if unknown. */
  public static ItemType ofCode(int code) {
    for (ItemType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
