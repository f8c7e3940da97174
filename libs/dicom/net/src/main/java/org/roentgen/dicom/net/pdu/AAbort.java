package org.roentgen.dicom.net.pdu;

import java.util.Objects;

/**
 * A-ABORT PDU, PS3.8 Section 9.3.8, Table 9-26. The reason is significant only when the source is
 * the service-provider; a service-user abort carries {@link AbortReason#REASON_NOT_SPECIFIED}.
 */
public record AAbort(AbortSource source, AbortReason reason) implements Pdu {

  public AAbort {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reason, "reason");
  }

  public static AAbort byUser() {
    return new AAbort(AbortSource.SERVICE_USER, AbortReason.REASON_NOT_SPECIFIED);
  }

  public static AAbort byProvider(AbortReason reason) {
    return new AAbort(AbortSource.SERVICE_PROVIDER, reason);
  }

  @Override
  public PduType type() {
    return PduType.A_ABORT;
  }
}
