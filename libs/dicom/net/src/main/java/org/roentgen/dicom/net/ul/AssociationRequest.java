package org.roentgen.dicom.net.ul;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.roentgen.dicom.io.Implementation;
import org.roentgen.dicom.net.pdu.AAssociateRq;
import org.roentgen.dicom.net.pdu.AsyncOperationsWindow;
import org.roentgen.dicom.net.pdu.ExtendedNegotiation;
import org.roentgen.dicom.net.pdu.PresentationContextRq;
import org.roentgen.dicom.net.pdu.RoleSelection;
import org.roentgen.dicom.net.pdu.UserIdentity;
import org.roentgen.dicom.net.pdu.UserInformation;

/**
 * What a requestor proposes (the A-ASSOCIATE request primitive, PS3.8 Section 7.1.1). The upper
 * layer adds the application context, Maximum Length Received and our implementation identity.
 *
 * @param asyncOperationsWindow proposed window, or {@code null} to omit (synchronous operations)
 * @param userIdentity user identity negotiation, or {@code null}
 */
public record AssociationRequest(
    String calledAeTitle,
    String callingAeTitle,
    List<PresentationContextRq> presentationContexts,
    List<RoleSelection> roleSelections,
    AsyncOperationsWindow asyncOperationsWindow,
    List<ExtendedNegotiation> extendedNegotiations,
    UserIdentity userIdentity) {

  public AssociationRequest {
    Objects.requireNonNull(calledAeTitle, "calledAeTitle");
    Objects.requireNonNull(callingAeTitle, "callingAeTitle");
    presentationContexts = List.copyOf(presentationContexts);
    roleSelections = List.copyOf(roleSelections);
    extendedNegotiations = List.copyOf(extendedNegotiations);
  }

  /** A request without presentation contexts yet. */
  public static AssociationRequest of(String calledAeTitle, String callingAeTitle) {
    return new AssociationRequest(
        calledAeTitle, callingAeTitle, List.of(), List.of(), null, List.of(), null);
  }

  /** Adds a presentation context with the next free odd ID. */
  public AssociationRequest withContext(String abstractSyntax, String... transferSyntaxes) {
    List<PresentationContextRq> pcs = new ArrayList<>(presentationContexts);
    pcs.add(PresentationContextRq.of(2 * pcs.size() + 1, abstractSyntax, transferSyntaxes));
    return new AssociationRequest(
        calledAeTitle,
        callingAeTitle,
        pcs,
        roleSelections,
        asyncOperationsWindow,
        extendedNegotiations,
        userIdentity);
  }

  public AssociationRequest withRoleSelection(RoleSelection role) {
    List<RoleSelection> roles = new ArrayList<>(roleSelections);
    roles.add(role);
    return new AssociationRequest(
        calledAeTitle,
        callingAeTitle,
        presentationContexts,
        roles,
        asyncOperationsWindow,
        extendedNegotiations,
        userIdentity);
  }

  public AssociationRequest withAsyncOperationsWindow(AsyncOperationsWindow window) {
    return new AssociationRequest(
        calledAeTitle,
        callingAeTitle,
        presentationContexts,
        roleSelections,
        window,
        extendedNegotiations,
        userIdentity);
  }

  public AssociationRequest withUserIdentity(UserIdentity identity) {
    return new AssociationRequest(
        calledAeTitle,
        callingAeTitle,
        presentationContexts,
        roleSelections,
        asyncOperationsWindow,
        extendedNegotiations,
        identity);
  }

  /** The A-ASSOCIATE-RQ PDU for this request. */
  public AAssociateRq toPdu(int maxPduLength) {
    UserInformation info =
        new UserInformation(
            maxPduLength,
            Implementation.CLASS_UID,
            Implementation.VERSION_NAME,
            asyncOperationsWindow,
            roleSelections,
            extendedNegotiations,
            userIdentity,
            null);
    return new AAssociateRq(
        AAssociateRq.PROTOCOL_VERSION_1,
        calledAeTitle,
        callingAeTitle,
        AAssociateRq.DICOM_APPLICATION_CONTEXT,
        presentationContexts,
        info);
  }
}
