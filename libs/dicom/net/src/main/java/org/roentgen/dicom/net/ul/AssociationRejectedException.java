package org.roentgen.dicom.net.ul;

import org.roentgen.dicom.net.pdu.AAssociateRj;

/** The peer answered our A-ASSOCIATE-RQ with an A-ASSOCIATE-RJ (PS3.8 Section 9.3.4). */
public final class AssociationRejectedException extends AssociationException {

  private final AAssociateRj rejection;

  public AssociationRejectedException(AAssociateRj rejection) {
    super(
        "association rejected: "
            + rejection.result()
            + ", "
            + rejection.source()
            + ", "
            + rejection.reason());
    this.rejection = rejection;
  }

  public AAssociateRj rejection() {
    return rejection;
  }
}
