package org.roentgen.dicom.net.pdu;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the body of A-ASSOCIATE-RQ/AC PDUs (PS3.8 Tables 9-11 ... 9-20) from a byte array that
 * holds the whole body; every item length is checked against its enclosing PDU or item.
 */
final class AssociateDecoder {

  /** Protocol version (2), reserved (2), called AE (16), calling AE (16), reserved (32). */
  static final int FIXED_FIELDS_LENGTH = 2 + 2 + AeTitles.FIELD_LENGTH * 2 + 32;

  private static final int ITEM_HEADER_LENGTH = 4;

  private final PduType type;
  private final byte[] body;

  private AssociateDecoder(PduType type, byte[] body) {
    this.type = type;
    this.body = body;
  }

  static Pdu decode(PduType type, byte[] body) throws PduDecodeException {
    return new AssociateDecoder(type, body).decode();
  }

  private Pdu decode() throws PduDecodeException {
    if (body.length < FIXED_FIELDS_LENGTH) {
      throw error(0, PduDecodeException.Problem.INVALID_VALUE, "PDU shorter than its fixed fields");
    }
    int version = Bytes.uint16(body, 0);
    String called = aeTitle(4);
    String calling = aeTitle(4 + AeTitles.FIELD_LENGTH);
    String applicationContext = null;
    List<PresentationContextRq> rqContexts = new ArrayList<>();
    List<PresentationContextAc> acContexts = new ArrayList<>();
    UserInformation userInfo = null;
    ItemType contextItem =
        type == PduType.A_ASSOCIATE_RQ
            ? ItemType.PRESENTATION_CONTEXT_RQ
            : ItemType.PRESENTATION_CONTEXT_AC;
    int pos = FIXED_FIELDS_LENGTH;
    while (pos < body.length) {
      int itemType = Bytes.uint8(body, pos);
      int valueStart = pos + ITEM_HEADER_LENGTH;
      int valueEnd = itemEnd(pos, body.length);
      ItemType item = ItemType.ofCode(itemType);
      if (item == ItemType.APPLICATION_CONTEXT) {
        applicationContext = uid(valueStart, valueEnd);
      } else if (item == contextItem && item == ItemType.PRESENTATION_CONTEXT_RQ) {
        rqContexts.add(contextRq(pos, valueStart, valueEnd));
      } else if (item == contextItem) {
        acContexts.add(contextAc(pos, valueStart, valueEnd));
      } else if (item == ItemType.USER_INFORMATION) {
        userInfo = new UserInformationDecoder(this).decode(valueStart, valueEnd);
      } else {
        throw error(
            pos,
            PduDecodeException.Problem.UNEXPECTED_ITEM,
            String.format("item type 0x%02X", itemType),
            item == null
                ? AbortReason.UNRECOGNIZED_PDU_PARAMETER
                : AbortReason.UNEXPECTED_PDU_PARAMETER);
      }
      pos = valueEnd;
    }
    if (applicationContext == null) {
      throw error(pos, PduDecodeException.Problem.INVALID_VALUE, "no application context item");
    }
    if (userInfo == null) {
      throw error(pos, PduDecodeException.Problem.INVALID_VALUE, "no user information item");
    }
    try {
      return type == PduType.A_ASSOCIATE_RQ
          ? new AAssociateRq(version, called, calling, applicationContext, rqContexts, userInfo)
          : new AAssociateAc(version, called, calling, applicationContext, acContexts, userInfo);
    } catch (IllegalArgumentException e) {
      throw error(0, PduDecodeException.Problem.INVALID_VALUE, e.getMessage());
    }
  }

  private PresentationContextRq contextRq(int itemStart, int start, int end)
      throws PduDecodeException {
    requireLength(itemStart, start, end, 4);
    int id = Bytes.uint8(body, start);
    String abstractSyntax = null;
    List<String> transferSyntaxes = new ArrayList<>();
    int pos = start + 4;
    while (pos < end) {
      int subType = Bytes.uint8(body, pos);
      int subEnd = itemEnd(pos, end);
      if (subType == ItemType.ABSTRACT_SYNTAX.code() && abstractSyntax == null) {
        abstractSyntax = uid(pos + ITEM_HEADER_LENGTH, subEnd);
      } else if (subType == ItemType.TRANSFER_SYNTAX.code()) {
        transferSyntaxes.add(uid(pos + ITEM_HEADER_LENGTH, subEnd));
      } else {
        throw error(
            pos,
            PduDecodeException.Problem.UNEXPECTED_ITEM,
            String.format("sub-item 0x%02X in presentation context %d", subType, id),
            AbortReason.UNEXPECTED_PDU_PARAMETER);
      }
      pos = subEnd;
    }
    if (abstractSyntax == null || transferSyntaxes.isEmpty()) {
      throw error(
          itemStart,
          PduDecodeException.Problem.INVALID_VALUE,
          "presentation context " + id + " lacks abstract or transfer syntax");
    }
    try {
      return new PresentationContextRq(id, abstractSyntax, transferSyntaxes);
    } catch (IllegalArgumentException e) {
      throw error(itemStart, PduDecodeException.Problem.INVALID_VALUE, e.getMessage());
    }
  }

  private PresentationContextAc contextAc(int itemStart, int start, int end)
      throws PduDecodeException {
    requireLength(itemStart, start, end, 4);
    int id = Bytes.uint8(body, start);
    PresentationContextResult result = PresentationContextResult.ofCode(body[start + 2] & 0xFF);
    if (result == null) {
      throw error(
          start + 2, PduDecodeException.Problem.INVALID_VALUE, "presentation context result");
    }
    String transferSyntax = "";
    int pos = start + 4;
    while (pos < end) {
      int subType = Bytes.uint8(body, pos);
      int subEnd = itemEnd(pos, end);
      if (subType != ItemType.TRANSFER_SYNTAX.code()) {
        throw error(
            pos,
            PduDecodeException.Problem.UNEXPECTED_ITEM,
            String.format("sub-item 0x%02X in presentation context %d", subType, id),
            AbortReason.UNEXPECTED_PDU_PARAMETER);
      }
      transferSyntax = uid(pos + ITEM_HEADER_LENGTH, subEnd);
      pos = subEnd;
    }
    return new PresentationContextAc(id, result, transferSyntax);
  }

  /** The end offset of the item starting at {@code pos}, checked against {@code limit}. */
  int itemEnd(int pos, int limit) throws PduDecodeException {
    if (limit - pos < ITEM_HEADER_LENGTH) {
      throw error(pos, PduDecodeException.Problem.ITEM_OVERRUNS_PDU, "item header cut");
    }
    int length = Bytes.uint16(body, pos + 2);
    int end = pos + ITEM_HEADER_LENGTH + length;
    if (end > limit) {
      throw error(
          pos,
          PduDecodeException.Problem.ITEM_OVERRUNS_PDU,
          String.format("item 0x%02X length %d overruns its container", body[pos] & 0xFF, length));
    }
    return end;
  }

  void requireLength(int itemStart, int start, int end, int length) throws PduDecodeException {
    if (end - start < length) {
      throw error(
          itemStart,
          PduDecodeException.Problem.INVALID_VALUE,
          String.format("item 0x%02X shorter than %d bytes", body[itemStart] & 0xFF, length));
    }
  }

  byte[] body() {
    return body;
  }

  /** A UID or name field: ASCII, trailing NUL or space padding removed. */
  String uid(int start, int end) {
    int e = end;
    while (e > start && (body[e - 1] == 0 || body[e - 1] == ' ')) {
      e--;
    }
    return new String(body, start, e - start, StandardCharsets.US_ASCII);
  }

  private String aeTitle(int start) throws PduDecodeException {
    String s = uid(start, start + AeTitles.FIELD_LENGTH).strip();
    try {
      AeTitles.check(s);
    } catch (IllegalArgumentException e) {
      throw error(start, PduDecodeException.Problem.INVALID_VALUE, e.getMessage());
    }
    return s;
  }

  PduDecodeException error(int bodyOffset, PduDecodeException.Problem problem, String message) {
    return error(bodyOffset, problem, message, AbortReason.INVALID_PDU_PARAMETER_VALUE);
  }

  PduDecodeException error(
      int bodyOffset, PduDecodeException.Problem problem, String message, AbortReason reason) {
    return new PduDecodeException(
        type.code(), PduHeader.LENGTH + (long) bodyOffset, problem, reason, message);
  }
}
