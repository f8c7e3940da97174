package org.roentgen.dicom.net.pdu;

import java.util.Objects;

/** SCP/SCU Role Selection sub-item (54H), PS3.7 Annex D.3.3.4, Table D.3-9/D.3-10. */
public record RoleSelection(String sopClassUid, boolean scuRole, boolean scpRole) {

  public RoleSelection {
    Objects.requireNonNull(sopClassUid, "sopClassUid");
  }
}
