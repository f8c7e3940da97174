package org.roentgen.dicom.net.pdu;

/** A-RELEASE-RP PDU, PS3.8 Section 9.3.7, Table 9-25. */
public record AReleaseRp() implements Pdu {

  @Override
  public PduType type() {
    return PduType.A_RELEASE_RP;
  }
}
