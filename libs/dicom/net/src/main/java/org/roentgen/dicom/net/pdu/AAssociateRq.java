package org.roentgen.dicom.net.pdu;

import java.util.List;
import java.util.Objects;

/**
 * A-ASSOCIATE-RQ PDU, PS3.8 Section 9.3.2, Table 9-11.
 *
 * @param protocolVersion bit field; bit 0 set for the version defined by PS3.8
 * @param calledAeTitle called AE title, without padding (at most 16 characters)
 * @param callingAeTitle calling AE title, without padding (at most 16 characters)
 */
public record AAssociateRq(
    int protocolVersion,
    String calledAeTitle,
    String callingAeTitle,
    String applicationContextName,
    List<PresentationContextRq> presentationContexts,
    UserInformation userInformation)
    implements Pdu {

  /** The protocol version of PS3.8 (bit 0). */
  public static final int PROTOCOL_VERSION_1 = 1;

  /** The DICOM Application Context Name, PS3.7 Annex A.2.1. */
  public static final String DICOM_APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";

  public AAssociateRq {
    AeTitles.check(calledAeTitle);
    AeTitles.check(callingAeTitle);
    Objects.requireNonNull(applicationContextName, "applicationContextName");
    presentationContexts = List.copyOf(presentationContexts);
    Objects.requireNonNull(userInformation, "userInformation");
  }

  @Override
  public PduType type() {
    return PduType.A_ASSOCIATE_RQ;
  }

  /** The proposed presentation context with this ID, or {@code null}. */
  public PresentationContextRq presentationContext(int id) {
    for (PresentationContextRq pc : presentationContexts) {
      if (pc.id() == id) {
        return pc;
      }
    }
    return null;
  }
}
