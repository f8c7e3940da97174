package org.roentgen.dicom.net.ul;

/** Events of the DICOM Upper Layer protocol machine, PS3.8 Section 9.2, Table 9-2. */
public enum Event {
  /** A-ASSOCIATE request (local user). */
  EVT1(true),
  /** Transport connect confirmation (local transport service). */
  EVT2(false),
  /** A-ASSOCIATE-AC PDU (received on transport connection). */
  EVT3(false),
  /** A-ASSOCIATE-RJ PDU (received on transport connection). */
  EVT4(false),
  /** Transport connection indication (local transport service). */
  EVT5(false),
  /** A-ASSOCIATE-RQ PDU (received on transport connection). */
  EVT6(false),
  /** A-ASSOCIATE response primitive (accept). */
  EVT7(true),
  /** A-ASSOCIATE response primitive (reject). */
  EVT8(true),
  /** P-DATA request primitive. */
  EVT9(true),
  /** P-DATA-TF PDU. */
  EVT10(false),
  /** A-RELEASE request primitive. */
  EVT11(true),
  /** A-RELEASE-RQ PDU (received on open transport connection). */
  EVT12(false),
  /** A-RELEASE-RP PDU (received on transport connection). */
  EVT13(false),
  /** A-RELEASE response primitive. */
  EVT14(true),
  /** A-ABORT request primitive. */
  EVT15(true),
  /** A-ABORT PDU (received on open transport connection). */
  EVT16(false),
  /** Transport connection closed indication (local transport service). */
  EVT17(false),
  /** ARTIM timer expired (Association reject/release timer). */
  EVT18(false),
  /** Unrecognized or invalid PDU received. */
  EVT19(false);

  private final boolean localPrimitive;

  Event(boolean localPrimitive) {
    this.localPrimitive = localPrimitive;
  }

  /** Whether the event is a primitive issued by the local service-user. */
  public boolean localPrimitive() {
    return localPrimitive;
  }
}
