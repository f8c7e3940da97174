package org.roentgen.dicom.net.pdu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes the sub-items of a User Information item (PS3.8 Table 9-16, Annex D; PS3.7 Annex D.3.3).
 * Unknown sub-items are skipped, as PS3.7 D.3.3 allows.
 */
final class UserInformationDecoder {

  private static final int SUB_ITEM_HEADER_LENGTH = 4;

  private final AssociateDecoder parent;
  private final byte[] body;

  UserInformationDecoder(AssociateDecoder parent) {
    this.parent = parent;
    this.body = parent.body();
  }

  UserInformation decode(int start, int end) throws PduDecodeException {
    long maxLength = 0;
    String classUid = null;
    String versionName = null;
    AsyncOperationsWindow window = null;
    List<RoleSelection> roles = new ArrayList<>();
    List<ExtendedNegotiation> extended = new ArrayList<>();
    UserIdentity identity = null;
    byte[] identityResponse = null;
    int pos = start;
    while (pos < end) {
      int subEnd = parent.itemEnd(pos, end);
      int v = pos + SUB_ITEM_HEADER_LENGTH;
      ItemType item = ItemType.ofCode(body[pos] & 0xFF);
      if (item == null) {
        pos = subEnd;
        continue;
      }
      switch (item) {
        case MAXIMUM_LENGTH -> {
          parent.requireLength(pos, v, subEnd, 4);
          maxLength = Bytes.uint32(body, v);
        }
        case IMPLEMENTATION_CLASS_UID -> classUid = parent.uid(v, subEnd);
        case IMPLEMENTATION_VERSION_NAME -> versionName = parent.uid(v, subEnd);
        case ASYNCHRONOUS_OPERATIONS_WINDOW -> {
          parent.requireLength(pos, v, subEnd, 4);
          window = new AsyncOperationsWindow(Bytes.uint16(body, v), Bytes.uint16(body, v + 2));
        }
        case SCP_SCU_ROLE_SELECTION -> roles.add(roleSelection(pos, v, subEnd));
        case SOP_CLASS_EXTENDED_NEGOTIATION, SOP_CLASS_COMMON_EXTENDED_NEGOTIATION ->
            extended.add(
                new ExtendedNegotiation(
                    item, body[pos + 1] & 0xFF, Arrays.copyOfRange(body, v, subEnd)));
        case USER_IDENTITY_RQ -> identity = userIdentity(pos, v, subEnd);
        case USER_IDENTITY_AC -> identityResponse = lengthPrefixed(pos, v, subEnd);
        default ->
            throw parent.error(
                pos,
                PduDecodeException.Problem.UNEXPECTED_ITEM,
                "item " + item + " inside user information",
                AbortReason.UNEXPECTED_PDU_PARAMETER);
      }
      pos = subEnd;
    }
    if (classUid == null) {
      throw parent.error(
          start, PduDecodeException.Problem.INVALID_VALUE, "no implementation class UID");
    }
    return new UserInformation(
        maxLength, classUid, versionName, window, roles, extended, identity, identityResponse);
  }

  private RoleSelection roleSelection(int itemStart, int v, int end) throws PduDecodeException {
    parent.requireLength(itemStart, v, end, 2);
    int uidLength = Bytes.uint16(body, v);
    int uidEnd = v + 2 + uidLength;
    if (uidEnd + 2 != end) {
      throw parent.error(
          itemStart, PduDecodeException.Problem.ITEM_OVERRUNS_PDU, "role selection UID length");
    }
    return new RoleSelection(parent.uid(v + 2, uidEnd), body[uidEnd] != 0, body[uidEnd + 1] != 0);
  }

  private UserIdentity userIdentity(int itemStart, int v, int end) throws PduDecodeException {
    parent.requireLength(itemStart, v, end, 4);
    int type = body[v] & 0xFF;
    boolean positive = body[v + 1] != 0;
    byte[] primary = lengthPrefixed(itemStart, v + 2, end);
    int secondaryStart = v + 2 + 2 + primary.length;
    byte[] secondary = lengthPrefixed(itemStart, secondaryStart, end);
    return new UserIdentity(type, positive, primary, secondary);
  }

  /** A field preceded by a 2-byte length, checked against {@code end}. */
  private byte[] lengthPrefixed(int itemStart, int v, int end) throws PduDecodeException {
    if (end - v < 2) {
      throw parent.error(
          itemStart, PduDecodeException.Problem.ITEM_OVERRUNS_PDU, "field length cut");
    }
    int length = Bytes.uint16(body, v);
    if (v + 2 + length > end) {
      throw parent.error(
          itemStart, PduDecodeException.Problem.ITEM_OVERRUNS_PDU, "field overruns its item");
    }
    return Arrays.copyOfRange(body, v + 2, v + 2 + length);
  }
}
