package org.roentgen.dicom.data;

/**
 * The "UID Type" column of DICOM PS3.6 table A-1, which says what a registered UID identifies.
 *
 * <p>The generator ({@code gen/generate_dictionary.py}) refuses a type not listed here, so a new
 * type in a newer edition of the standard is added here first.
 */
public enum UidType {
  APPLICATION_CONTEXT_NAME("Application Context Name"),
  APPLICATION_HOSTING_MODEL("Application Hosting Model"),
  CODING_SCHEME("Coding Scheme"),
  DICOM_UIDS_AS_A_CODING_SCHEME("DICOM UIDs as a Coding Scheme"),
  LDAP_OID("LDAP OID"),
  MAPPING_RESOURCE("Mapping Resource"),
  META_SOP_CLASS("Meta SOP Class"),
  SERVICE_CLASS("Service Class"),
  SOP_CLASS("SOP Class"),
  SYNCHRONIZATION_FRAME_OF_REFERENCE("Synchronization Frame of Reference"),
  TRANSFER_SYNTAX("Transfer Syntax"),
  WELL_KNOWN_FRAME_OF_REFERENCE("Well-known frame of reference"),
  WELL_KNOWN_PRINT_QUEUE_SOP_INSTANCE("Well-known Print Queue SOP Instance"),
  WELL_KNOWN_PRINTER_SOP_INSTANCE("Well-known Printer SOP Instance"),
  WELL_KNOWN_SOP_INSTANCE("Well-known SOP Instance");

  private final String label;

  UidType(String label) {
    this.label = label;
  }

  /** The type as PS3.6 table A-1 spells it, e.g. "Transfer Syntax". */
  public String label() {
    return label;
  }

  /** Returns the type PS3.6 spells {@code label}, or {@code null} when there is none. */
  public static UidType ofLabel(String label) {
    for (UidType type : values()) {
      if (type.label.equals(label)) {
        return type;
      }
    }
    return null;
  }
}
