package org.roentgen.dicom.net.pdu;

/** A-RELEASE-RQ PDU, PS3.8 Section 9.3.6, Table 9-24. */
public record AReleaseRq() implements Pdu {

  @Override
  public PduType type() {
    return PduType.A_RELEASE_RQ;
  }
}
