package org.roentgen.dicom.net.ul;

import java.util.List;
import java.util.Objects;
import org.roentgen.dicom.io.Implementation;
import org.roentgen.dicom.net.pdu.AAssociateAc;
import org.roentgen.dicom.net.pdu.AAssociateRj;
import org.roentgen.dicom.net.pdu.AAssociateRq;
import org.roentgen.dicom.net.pdu.AsyncOperationsWindow;
import org.roentgen.dicom.net.pdu.ExtendedNegotiation;
import org.roentgen.dicom.net.pdu.PresentationContextAc;
import org.roentgen.dicom.net.pdu.RejectReason;
import org.roentgen.dicom.net.pdu.RejectResult;
import org.roentgen.dicom.net.pdu.RoleSelection;
import org.roentgen.dicom.net.pdu.UserInformation;

/** The decision of an {@link AcceptancePolicy}: the A-ASSOCIATE response primitive's content. */
public sealed interface Negotiation {

  /**
   * Accept (EVT7, AE-7). The upper layer adds the application context, AE titles, our Maximum
   * Length Received and implementation identity.
   *
   * @param asyncOperationsWindow the answer, or {@code null} to omit it
   * @param userIdentityServerResponse the User Identity AC response, or {@code null}
   */
  record Accept(
      List<PresentationContextAc> presentationContexts,
      List<RoleSelection> roleSelections,
      AsyncOperationsWindow asyncOperationsWindow,
      List<ExtendedNegotiation> extendedNegotiations,
      byte[] userIdentityServerResponse)
      implements Negotiation {

    public Accept {
      presentationContexts = List.copyOf(presentationContexts);
      roleSelections = List.copyOf(roleSelections);
      extendedNegotiations = List.copyOf(extendedNegotiations);
      userIdentityServerResponse =
          userIdentityServerResponse == null ? null : userIdentityServerResponse.clone();
    }

    /** The A-ASSOCIATE-AC answering {@code rq}. */
    public AAssociateAc toPdu(AAssociateRq rq, int maxPduLength) {
      UserInformation info =
          new UserInformation(
              maxPduLength,
              Implementation.CLASS_UID,
              Implementation.VERSION_NAME,
              asyncOperationsWindow,
              roleSelections,
              extendedNegotiations,
              null,
              userIdentityServerResponse);
      return new AAssociateAc(
          AAssociateRq.PROTOCOL_VERSION_1,
          rq.calledAeTitle(),
          rq.callingAeTitle(),
          rq.applicationContextName(),
          presentationContexts,
          info);
    }
  }

  /** Reject (EVT8, AE-8). */
  record Reject(AAssociateRj rejection) implements Negotiation {

    public Reject {
      Objects.requireNonNull(rejection, "rejection");
    }
  }

  static Reject reject(RejectResult result, RejectReason reason) {
    return new Reject(new AAssociateRj(result, reason));
  }
}
