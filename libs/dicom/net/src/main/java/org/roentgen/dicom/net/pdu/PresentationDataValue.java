package org.roentgen.dicom.net.pdu;

import java.util.Arrays;
import java.util.Objects;

/**
 * Presentation Data Value item of a P-DATA-TF PDU, PS3.8 Section 9.3.5.1, Table 9-23, with its
 * Message Control Header (PS3.8 Annex E.2).
 *
 * @param presentationContextId odd 1..255
 * @param command bit 0 of the control header: a command fragment (else a data set fragment)
 * @param last bit 1 of the control header: the last fragment of the command or data set
 * @param data the message fragment
 */
public record PresentationDataValue(
    int presentationContextId, boolean command, boolean last, byte[] data) {

  /** Bytes of the PDV item before the fragment: item length (4), context ID (1), header (1). */
  public static final int HEADER_LENGTH = 6;

  /** Message control header bit 0: command (1) or data set (0) fragment, PS3.8 E.2. */
  public static final int COMMAND_BIT = 0x01;

  /** Message control header bit 1: last fragment (1) or not (0), PS3.8 E.2. */
  public static final int LAST_BIT = 0x02;

  public PresentationDataValue {
    if (presentationContextId < 0 || presentationContextId > 255) {
      throw new IllegalArgumentException("context ID out of range: " + presentationContextId);
    }
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The Message Control Header byte. */
  public int controlHeader() {
    return controlHeader(command, last);
  }

  public static int controlHeader(boolean command, boolean last) {
    return (command ? COMMAND_BIT : 0) | (last ? LAST_BIT : 0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PresentationDataValue p
        && presentationContextId == p.presentationContextId
        && command == p.command
        && last == p.last
        && Arrays.equals(data, p.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(presentationContextId, command, last, Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "PDV[pcid="
        + presentationContextId
        + (command ? ", command" : ", data")
        + (last ? ", last" : "")
        + ", "
        + data.length
        + " bytes]";
  }
}
