package org.roentgen.dicom.net.ul;

import org.roentgen.dicom.net.pdu.AAssociateRq;

/**
 * Decides how an acceptor answers an A-ASSOCIATE-RQ (the A-ASSOCIATE response primitive, PS3.8
 * Section 7.1): called/calling AE titles, presentation contexts, roles, extended negotiation.
 * Called on the association's thread; must be thread-safe when shared.
 */
@FunctionalInterface
public interface AcceptancePolicy {

  Negotiation negotiate(AAssociateRq rq);
}
