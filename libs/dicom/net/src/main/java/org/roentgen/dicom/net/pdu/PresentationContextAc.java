package org.roentgen.dicom.net.pdu;

import java.util.Objects;

/**
 * Presentation context item of an A-ASSOCIATE-AC (item type 21H), PS3.8 Section 9.3.3.2, Table
 * 9-18.
 *
 * @param transferSyntax the accepted transfer syntax; not significant unless {@code result} is
 *     {@link PresentationContextResult#ACCEPTANCE} (may then be empty)
 */
public record PresentationContextAc(
    int id, PresentationContextResult result, String transferSyntax) {

  public PresentationContextAc {
    if (id < 0 || id > 255) {
      throw new IllegalArgumentException("presentation context ID out of range: " + id);
    }
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(transferSyntax, "transferSyntax");
  }

  public boolean accepted() {
    return result == PresentationContextResult.ACCEPTANCE;
  }
}
