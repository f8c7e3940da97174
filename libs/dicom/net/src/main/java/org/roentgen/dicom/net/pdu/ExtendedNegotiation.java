package org.roentgen.dicom.net.pdu;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A SOP Class Extended Negotiation (56H, PS3.7 Table D.3-11) or SOP Class Common Extended
 * Negotiation (57H, PS3.7 Table D.3-12) sub-item, kept as its raw value bytes for the layer above.
 *
 * @param headerByte the second byte of the sub-item: reserved (0) for 56H, the sub-item version for
 *     57H
 * @param value the bytes after the item-length field
 */
public record ExtendedNegotiation(ItemType type, int headerByte, byte[] value) {

  public ExtendedNegotiation {
    if (type != ItemType.SOP_CLASS_EXTENDED_NEGOTIATION
        && type != ItemType.SOP_CLASS_COMMON_EXTENDED_NEGOTIATION) {
      throw new IllegalArgumentException("not an extended negotiation item: " + type);
    }
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExtendedNegotiation e
        && type == e.type
        && headerByte == e.headerByte
        && Arrays.equals(value, e.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, headerByte, Arrays.hashCode(value));
  }

  @Override
  public String toString() {
    return "ExtendedNegotiation[" + type + ", " + HexFormat.of().formatHex(value) + "]";
  }
}
