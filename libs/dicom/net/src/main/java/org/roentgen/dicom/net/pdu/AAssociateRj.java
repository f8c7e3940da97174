package org.roentgen.dicom.net.pdu;

import java.util.Objects;

/** A-ASSOCIATE-RJ PDU, PS3.8 Section 9.3.4, Table 9-21. The source follows from the reason. */
public record AAssociateRj(RejectResult result, RejectReason reason) implements Pdu {

  public AAssociateRj {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(reason, "reason");
  }

  public RejectSource source() {
    return reason.source();
  }

  @Override
  public PduType type() {
    return PduType.A_ASSOCIATE_RJ;
  }
}
