package org.roentgen.dicom.net.pdu;

/** A Protocol Data Unit of the DICOM Upper Layer, PS3.8 Section 9.3. */
public sealed interface Pdu
    permits AAssociateRq, AAssociateAc, AAssociateRj, PDataTf, AReleaseRq, AReleaseRp, AAbort {

  /** The PDU type written in the first byte. */
  PduType type();
}
