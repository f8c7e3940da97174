package org.roentgen.dicom.net.ul;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.roentgen.dicom.net.pdu.AAssociateRq;
import org.roentgen.dicom.net.pdu.AsyncOperationsWindow;
import org.roentgen.dicom.net.pdu.PresentationContextAc;
import org.roentgen.dicom.net.pdu.PresentationContextResult;
import org.roentgen.dicom.net.pdu.PresentationContextRq;
import org.roentgen.dicom.net.pdu.RejectReason;
import org.roentgen.dicom.net.pdu.RejectResult;
import org.roentgen.dicom.net.pdu.RoleSelection;

/**
 * A table-driven {@link AcceptancePolicy}; immutable, built with the {@code with...} methods.
 *
 * <ul>
 *   <li>AE titles: an empty set accepts any; otherwise A-ASSOCIATE-RJ permanent with
 *       called/calling-AE-title-not-recognized (PS3.8 Table 9-21).
 *   <li>Presentation contexts (PS3.8 Table 9-18): per abstract syntax the accepted transfer
 *       syntaxes; the first proposed transfer syntax that is accepted wins.
 *   <li>Asynchronous Operations Window (PS3.7 D.3.3.3): operations are performed one after the
 *       other; a proposed window is answered with the requestor's outstanding operations limited by
 *       {@link #withAsyncOperations} (default 1) and 1 performed, none when none was proposed.
 *   <li>SCP/SCU role selection (PS3.7 D.3.3.4): the requestor's SCU role is accepted; its SCP role
 *       only for the SOP classes listed with {@link #withRequestorScpRole}.
 * </ul>
 */
public final class DefaultAcceptancePolicy implements AcceptancePolicy {

  private final Set<String> calledAeTitles;
  private final Set<String> callingAeTitles;
  private final Map<String, List<String>> transferSyntaxes;
  private final Set<String> requestorScpRoles;
  private final int maxOperationsInvokedByRequestor;

  private DefaultAcceptancePolicy(
      Set<String> called,
      Set<String> calling,
      Map<String, List<String>> transferSyntaxes,
      Set<String> requestorScpRoles,
      int maxOperationsInvokedByRequestor) {
    this.maxOperationsInvokedByRequestor = maxOperationsInvokedByRequestor;
    this.calledAeTitles = Set.copyOf(called);
    this.callingAeTitles = Set.copyOf(calling);
    this.transferSyntaxes = Map.copyOf(transferSyntaxes);
    this.requestorScpRoles = Set.copyOf(requestorScpRoles);
  }

  /** In a list of accepted transfer syntaxes: accept whichever the requestor proposes first. */
  public static final String ANY_TRANSFER_SYNTAX = "*";

  /** Accepts any AE title and no presentation context yet. */
  public static DefaultAcceptancePolicy create() {
    return new DefaultAcceptancePolicy(Set.of(), Set.of(), Map.of(), Set.of(), 1);
  }

  public DefaultAcceptancePolicy withCalledAeTitles(String... titles) {
    return new DefaultAcceptancePolicy(
        Set.of(titles),
        callingAeTitles,
        transferSyntaxes,
        requestorScpRoles,
        maxOperationsInvokedByRequestor);
  }

  public DefaultAcceptancePolicy withCallingAeTitles(String... titles) {
    return new DefaultAcceptancePolicy(
        calledAeTitles,
        Set.of(titles),
        transferSyntaxes,
        requestorScpRoles,
        maxOperationsInvokedByRequestor);
  }

  /** Accepts an abstract syntax with these transfer syntaxes. */
  public DefaultAcceptancePolicy withAbstractSyntax(String abstractSyntax, String... ts) {
    Map<String, List<String>> map = new LinkedHashMap<>(transferSyntaxes);
    map.put(abstractSyntax, List.of(ts));
    return new DefaultAcceptancePolicy(
        calledAeTitles, callingAeTitles, map, requestorScpRoles, maxOperationsInvokedByRequestor);
  }

  /**
   * Lets the requestor keep up to {@code n} operations outstanding when it proposes an asynchronous
   * operations window (PS3.7 D.3.3.3); requests are still performed one after the other, in order.
   * Default 1: synchronous.
   */
  public DefaultAcceptancePolicy withAsyncOperations(int n) {
    if (n < 1 || n > 0xFFFF) {
      throw new IllegalArgumentException("window must be 1..65535");
    }
    return new DefaultAcceptancePolicy(
        calledAeTitles, callingAeTitles, transferSyntaxes, requestorScpRoles, n);
  }

  /** Lets the requestor act as SCP for a SOP class when it proposes that role. */
  public DefaultAcceptancePolicy withRequestorScpRole(String sopClassUid) {
    Set<String> roles = new LinkedHashSet<>(requestorScpRoles);
    roles.add(sopClassUid);
    return new DefaultAcceptancePolicy(
        calledAeTitles, callingAeTitles, transferSyntaxes, roles, maxOperationsInvokedByRequestor);
  }

  @Override
  public Negotiation negotiate(AAssociateRq rq) {
    if (!AAssociateRq.DICOM_APPLICATION_CONTEXT.equals(rq.applicationContextName())) {
      return Negotiation.reject(
          RejectResult.REJECTED_PERMANENT, RejectReason.APPLICATION_CONTEXT_NAME_NOT_SUPPORTED);
    }
    if (!calledAeTitles.isEmpty() && !calledAeTitles.contains(rq.calledAeTitle())) {
      return Negotiation.reject(
          RejectResult.REJECTED_PERMANENT, RejectReason.CALLED_AE_TITLE_NOT_RECOGNIZED);
    }
    if (!callingAeTitles.isEmpty() && !callingAeTitles.contains(rq.callingAeTitle())) {
      return Negotiation.reject(
          RejectResult.REJECTED_PERMANENT, RejectReason.CALLING_AE_TITLE_NOT_RECOGNIZED);
    }
    List<PresentationContextAc> contexts = new ArrayList<>();
    for (PresentationContextRq pc : rq.presentationContexts()) {
      contexts.add(answer(pc));
    }
    List<RoleSelection> roles = new ArrayList<>();
    for (RoleSelection proposed : rq.userInformation().roleSelections()) {
      if (transferSyntaxes.containsKey(proposed.sopClassUid())) {
        roles.add(
            new RoleSelection(
                proposed.sopClassUid(),
                proposed.scuRole(),
                proposed.scpRole() && requestorScpRoles.contains(proposed.sopClassUid())));
      }
    }
    AsyncOperationsWindow proposed = rq.userInformation().asyncOperationsWindow();
    AsyncOperationsWindow window =
        proposed == null
            ? null
            : new AsyncOperationsWindow(negotiatedWindow(proposed.maxOperationsInvoked()), 1);
    return new Negotiation.Accept(contexts, roles, window, List.of(), null);
  }

  /**
   * How many operations the requestor may have outstanding: the smaller of its proposal and ours,
   * where 0 means unlimited (PS3.7 D.3.3.3).
   */
  private int negotiatedWindow(int proposed) {
    if (proposed == 0) {
      return maxOperationsInvokedByRequestor;
    }
    return Math.min(proposed, maxOperationsInvokedByRequestor);
  }

  private PresentationContextAc answer(PresentationContextRq pc) {
    List<String> accepted = transferSyntaxes.get(pc.abstractSyntax());
    if (accepted == null) {
      return new PresentationContextAc(
          pc.id(), PresentationContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED, "");
    }
    for (String ts : pc.transferSyntaxes()) {
      if (accepted.contains(ts) || accepted.contains(ANY_TRANSFER_SYNTAX)) {
        return new PresentationContextAc(pc.id(), PresentationContextResult.ACCEPTANCE, ts);
      }
    }
    return new PresentationContextAc(
        pc.id(), PresentationContextResult.TRANSFER_SYNTAXES_NOT_SUPPORTED, "");
  }
}
