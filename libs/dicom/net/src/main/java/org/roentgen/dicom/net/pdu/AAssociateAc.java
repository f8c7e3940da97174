package org.roentgen.dicom.net.pdu;

import java.util.List;
import java.util.Objects;

/**
 * A-ASSOCIATE-AC PDU, PS3.8 Section 9.3.3, Table 9-17. The AE title fields are reserved in the AC
 * but sent with the values received in the A-ASSOCIATE-RQ.
 */
public record AAssociateAc(
    int protocolVersion,
    String calledAeTitle,
    String callingAeTitle,
    String applicationContextName,
    List<PresentationContextAc> presentationContexts,
    UserInformation userInformation)
    implements Pdu {

  public AAssociateAc {
    AeTitles.check(calledAeTitle);
    AeTitles.check(callingAeTitle);
    Objects.requireNonNull(applicationContextName, "applicationContextName");
    presentationContexts = List.copyOf(presentationContexts);
    Objects.requireNonNull(userInformation, "userInformation");
  }

  @Override
  public PduType type() {
    return PduType.A_ASSOCIATE_AC;
  }

  /** The presentation context result with this ID, or {@code null}. */
  public PresentationContextAc presentationContext(int id) {
    for (PresentationContextAc pc : presentationContexts) {
      if (pc.id() == id) {
        return pc;
      }
    }
    return null;
  }
}
