package org.roentgen.router.destination;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.roentgen.contracts.InstanceDelivery.FailureCause;
import org.roentgen.dicom.data.UidDictionary;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.dicom.net.pdu.AAssociateAc;
import org.roentgen.dicom.net.pdu.PresentationContextAc;
import org.roentgen.dicom.net.pdu.PresentationContextResult;
import org.roentgen.dicom.net.pdu.PresentationContextRq;
import org.roentgen.dicom.net.ul.Association;
import org.roentgen.dicom.net.ul.AssociationRequest;
import org.roentgen.router.delivery.DeliveryException;

/**
 * Presentation contexts (PS3.8 9.3.2.2, 9.3.3.2) as the DICOM destination uses them: one context
 * per pair of SOP class and transfer syntax, so that the acceptor's answer says exactly which
 * syntaxes it takes and the router, not the peer, picks among them by the configured preferences.
 * An association proposed for an instance of SOP class S in syntax T carries (S, T) and, when T is
 * uncompressed, (S, P) for every preferred syntax P it can be converted to.
 */
final class Contexts {
  /** At most 128 presentation contexts fit in one association (odd IDs 1..255, PS3.8 9.3.2.2). */
  static final int MAX = 128;

  /** One proposed presentation context: an abstract syntax and one transfer syntax. */
  record Pair(String sopClassUid, String transferSyntaxUid) {}

  private Contexts() {}

  /** What an association must have proposed to answer for an instance of this kind. */
  static List<Pair> needed(String sopClassUid, String ts, List<String> preferences) {
    Set<Pair> pairs = new LinkedHashSet<>();
    pairs.add(new Pair(sopClassUid, ts));
    if (TransferSyntax.of(ts).isNative()) {
      for (String p : preferences) {
        pairs.add(new Pair(sopClassUid, p));
      }
    }
    return List.copyOf(pairs);
  }

  /** The request proposing {@code pairs} (the first {@link #MAX}), one context each. */
  static AssociationRequest request(String called, String calling, Collection<Pair> pairs) {
    AssociationRequest rq = AssociationRequest.of(called, calling);
    int n = 0;
    for (Pair p : pairs) {
      if (n++ == MAX) {
        break;
      }
      rq = rq.withContext(p.sopClassUid(), p.transferSyntaxUid());
    }
    return rq;
  }

  /** What an established association proposed and what the peer accepted of it. */
  static Negotiated negotiated(Association as) {
    Set<Pair> proposed = new LinkedHashSet<>();
    Map<String, Set<String>> accepted = new HashMap<>();
    Set<String> unsupported = new HashSet<>();
    AAssociateAc ac = as.associateAc();
    for (PresentationContextRq pc : as.associateRq().presentationContexts()) {
      for (String ts : pc.transferSyntaxes()) {
        proposed.add(new Pair(pc.abstractSyntax(), ts));
      }
      String ts = as.transferSyntax(pc.id());
      if (ts != null) {
        accepted.computeIfAbsent(pc.abstractSyntax(), k -> new LinkedHashSet<>()).add(ts);
      }
      PresentationContextAc answer = ac.presentationContext(pc.id());
      if (answer != null
          && answer.result() == PresentationContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED) {
        unsupported.add(pc.abstractSyntax());
      }
    }
    return new Negotiated(proposed, accepted, unsupported);
  }

  /**
   * The contexts of one association.
   *
   * @param accepted per SOP class, the transfer syntaxes the peer accepted
   * @param unsupported the SOP classes the peer answered "abstract syntax not supported" (PS3.8
   *     Table 9-18, result 3) rather than "transfer syntaxes not supported" (4)
   */
  record Negotiated(
      Set<Pair> proposed, Map<String, Set<String>> accepted, Set<String> unsupported) {
    Negotiated {
      proposed = Set.copyOf(proposed);
      unsupported = Set.copyOf(unsupported);
      Map<String, Set<String>> copy = new HashMap<>();
      accepted.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
      accepted = Map.copyOf(copy);
    }

    /** True when this association's answer for these pairs is known (they were all proposed). */
    boolean covers(List<Pair> needed) {
      return proposed.containsAll(needed);
    }

    /**
     * The transfer syntax to send an instance of {@code sopClassUid} in {@code ts}: its own when
     * accepted, else the first preferred uncompressed syntax accepted (a conversion).
     *
     * @throws DeliveryException REFUSED when the peer does not support the SOP class;
     *     NO_ACCEPTABLE_TRANSFER_SYNTAX when it accepted none of the syntaxes the instance can be
     *     sent in
     */
    TransferSyntax choose(
        String destination, String sopClassUid, String ts, List<String> preferences)
        throws DeliveryException {
      Set<String> ok = accepted.getOrDefault(sopClassUid, Set.of());
      if (ok.contains(ts)) {
        return TransferSyntax.of(ts);
      }
      TransferSyntax own = TransferSyntax.of(ts);
      if (own.isNative()) {
        for (String p : preferences) {
          if (ok.contains(p)) {
            return TransferSyntax.of(p);
          }
        }
      }
      if (ok.isEmpty() && unsupported.contains(sopClassUid)) {
        throw new DeliveryException(
            FailureCause.REFUSED,
            true,
            null,
            destination
                + ": the peer does not support SOP class "
                + sopClassUid
                + " (abstract syntax not supported)");
      }
      List<String> offered = new ArrayList<>(ok);
      offered.sort(null);
      throw new DeliveryException(
          FailureCause.NO_ACCEPTABLE_TRANSFER_SYNTAX,
          true,
          null,
          destination
              + ": the peer accepts SOP class "
              + sopClassUid
              + (offered.isEmpty() ? " in none of the syntaxes proposed" : " only in " + offered)
              + (own.isNative()
                  ? "; the instance is in "
                      + named(ts)
                      + " and is converted only to the configured "
                      + preferences
                  : "; the instance is in "
                      + named(ts)
                      + " (compressed), which is not converted to another syntax"));
    }
  }

  /** A transfer syntax UID with its name from the dictionary, for messages. */
  static String named(String uid) {
    String name = UidDictionary.nameOf(uid);
    return name == null || name.isEmpty() ? uid : name + " (" + uid + ")";
  }
}
