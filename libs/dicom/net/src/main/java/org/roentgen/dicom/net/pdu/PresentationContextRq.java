package org.roentgen.dicom.net.pdu;

import java.util.List;
import java.util.Objects;

/**
 * Presentation context item of an A-ASSOCIATE-RQ (item type 20H), PS3.8 Section 9.3.2.2, Table
 * 9-13, with its abstract syntax (Table 9-14) and proposed transfer syntaxes (Table 9-15).
 *
 * @param id presentation context ID, an odd integer 1..255
 */
public record PresentationContextRq(int id, String abstractSyntax, List<String> transferSyntaxes) {

  public PresentationContextRq {
    if (id < 1 || id > 255 || id % 2 == 0) {
      throw new IllegalArgumentException("presentation context ID must be odd 1..255: " + id);
    }
    Objects.requireNonNull(abstractSyntax, "abstractSyntax");
    transferSyntaxes = List.copyOf(transferSyntaxes);
  }

  public static PresentationContextRq of(
      int id, String abstractSyntax, String... transferSyntaxes) {
    return new PresentationContextRq(id, abstractSyntax, List.of(transferSyntaxes));
  }
}
