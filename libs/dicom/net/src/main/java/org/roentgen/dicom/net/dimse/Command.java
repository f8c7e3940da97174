package org.roentgen.dicom.net.dimse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Bytes;
import org.roentgen.dicom.data.VR;

/**
 * A DIMSE command set (PS3.7 section 9.3 and annex E): the group 0000 elements of a message, always
 * encoded in implicit VR little endian with the Command Group Length first (PS3.7 6.3.1). Immutable
 * once built.
 */
public final class Command {
  /** Largest command set accepted from a peer; real ones are a few hundred bytes. */
  public static final int MAX_ENCODED_LENGTH = 1 << 16;

  // Command elements, PS3.7 table E.1-1.
  static final int COMMAND_GROUP_LENGTH = 0x00000000;
  static final int AFFECTED_SOP_CLASS_UID = 0x00000002;
  static final int REQUESTED_SOP_CLASS_UID = 0x00000003;
  static final int COMMAND_FIELD = 0x00000100;
  static final int MESSAGE_ID = 0x00000110;
  static final int MESSAGE_ID_BEING_RESPONDED_TO = 0x00000120;
  static final int MOVE_DESTINATION = 0x00000600;
  static final int PRIORITY = 0x00000700;
  static final int COMMAND_DATA_SET_TYPE = 0x00000800;
  static final int STATUS = 0x00000900;
  static final int OFFENDING_ELEMENT = 0x00000901;
  static final int ERROR_COMMENT = 0x00000902;
  static final int ERROR_ID = 0x00000903;
  static final int AFFECTED_SOP_INSTANCE_UID = 0x00001000;
  static final int REQUESTED_SOP_INSTANCE_UID = 0x00001001;
  static final int NUMBER_OF_REMAINING_SUBOPERATIONS = 0x00001020;
  static final int NUMBER_OF_COMPLETED_SUBOPERATIONS = 0x00001021;
  static final int NUMBER_OF_FAILED_SUBOPERATIONS = 0x00001022;
  static final int NUMBER_OF_WARNING_SUBOPERATIONS = 0x00001023;
  static final int MOVE_ORIGINATOR_AE_TITLE = 0x00001030;
  static final int MOVE_ORIGINATOR_MESSAGE_ID = 0x00001031;

  /** Command Data Set Type (0000,0800) value meaning no dataset follows (PS3.7 E.1-1). */
  public static final int NO_DATA_SET = 0x0101;

  /** A value meaning a dataset follows; any other value than 0x0101 does. */
  public static final int DATA_SET_PRESENT = 0x0000;

  private final Attributes attrs;

  private Command(Attributes attrs) {
    this.attrs = attrs;
  }

  /** The command elements (a copy). */
  public Attributes attributes() {
    return new Attributes(attrs, false);
  }

  // ---- factories -----------------------------------------------------------------------------

  private static Attributes base(CommandField field, String sopClassUid, boolean dataset) {
    Attributes a = new Attributes(false, 10);
    if (sopClassUid != null) {
      a.setString(AFFECTED_SOP_CLASS_UID, VR.UI, sopClassUid);
    }
    a.setInt(COMMAND_FIELD, VR.US, field.code());
    a.setInt(COMMAND_DATA_SET_TYPE, VR.US, dataset ? DATA_SET_PRESENT : NO_DATA_SET);
    return a;
  }

  public static Command cEchoRq(int messageId, String sopClassUid) {
    Attributes a = base(CommandField.C_ECHO_RQ, sopClassUid, false);
    a.setInt(MESSAGE_ID, VR.US, messageId);
    return new Command(a);
  }

  public static Command cStoreRq(
      int messageId, String sopClassUid, String sopInstanceUid, Priority priority) {
    Attributes a = base(CommandField.C_STORE_RQ, sopClassUid, true);
    a.setInt(MESSAGE_ID, VR.US, messageId);
    a.setInt(PRIORITY, VR.US, priority.code());
    a.setString(AFFECTED_SOP_INSTANCE_UID, VR.UI, sopInstanceUid);
    return new Command(a);
  }

  public static Command cFindRq(int messageId, String sopClassUid, Priority priority) {
    Attributes a = base(CommandField.C_FIND_RQ, sopClassUid, true);
    a.setInt(MESSAGE_ID, VR.US, messageId);
    a.setInt(PRIORITY, VR.US, priority.code());
    return new Command(a);
  }

  public static Command cCancelRq(int messageIdBeingRespondedTo) {
    Attributes a = base(CommandField.C_CANCEL_RQ, null, false);
    a.setInt(MESSAGE_ID_BEING_RESPONDED_TO, VR.US, messageIdBeingRespondedTo);
    return new Command(a);
  }

  /**
   * The response to {@code rq} with {@code status}: same SOP class and instance, the request's
   * message ID as Message ID Being Responded To (PS3.7 9.3).
   */
  public static Command response(Command rq, int status, boolean dataset, String errorComment) {
    CommandField field = CommandField.of(rq.fieldCode() | CommandField.RESPONSE_BIT);
    if (field == null) {
      throw new IllegalArgumentException("no response for command field " + rq.fieldCode());
    }
    Attributes a = base(field, rq.affectedSopClassUid(), dataset);
    a.setInt(MESSAGE_ID_BEING_RESPONDED_TO, VR.US, rq.messageId());
    a.setInt(STATUS, VR.US, status);
    if (rq.affectedSopInstanceUid() != null) {
      a.setString(AFFECTED_SOP_INSTANCE_UID, VR.UI, rq.affectedSopInstanceUid());
    }
    if (errorComment != null && !errorComment.isEmpty()) {
      String c = errorComment.length() > 64 ? errorComment.substring(0, 64) : errorComment;
      a.setString(ERROR_COMMENT, VR.LO, c);
    }
    return new Command(a);
  }

  // ---- accessors -----------------------------------------------------------------------------

  public int fieldCode() {
    return attrs.getInt(COMMAND_FIELD, -1);
  }

  /** The command field, or null when the code is not one PS3.7 defines. */
  public CommandField field() {
    return CommandField.of(fieldCode());
  }

  public int messageId() {
    return attrs.getInt(MESSAGE_ID, -1);
  }

  public int messageIdBeingRespondedTo() {
    return attrs.getInt(MESSAGE_ID_BEING_RESPONDED_TO, -1);
  }

  public String affectedSopClassUid() {
    String s = attrs.getString(AFFECTED_SOP_CLASS_UID);
    return s != null ? s : attrs.getString(REQUESTED_SOP_CLASS_UID);
  }

  public String affectedSopInstanceUid() {
    String s = attrs.getString(AFFECTED_SOP_INSTANCE_UID);
    return s != null ? s : attrs.getString(REQUESTED_SOP_INSTANCE_UID);
  }

  public boolean hasDataset() {
    return attrs.getInt(COMMAND_DATA_SET_TYPE, NO_DATA_SET) != NO_DATA_SET;
  }

  public int status() {
    return attrs.getInt(STATUS, -1);
  }

  public Priority priority() {
    return Priority.of(attrs.getInt(PRIORITY, 0));
  }

  public String errorComment() {
    return attrs.getString(ERROR_COMMENT);
  }

  public String moveOriginatorAeTitle() {
    return attrs.getString(MOVE_ORIGINATOR_AE_TITLE);
  }

  public int moveOriginatorMessageId() {
    return attrs.getInt(MOVE_ORIGINATOR_MESSAGE_ID, -1);
  }

  // ---- encoding ------------------------------------------------------------------------------

  /** Encodes in implicit VR little endian with a correct Command Group Length. */
  public byte[] encode() {
    int length = 0;
    for (int i = 0; i < attrs.size(); i++) {
      if (attrs.tagAt(i) != COMMAND_GROUP_LENGTH) {
        length += 8 + padded((byte[]) attrs.valueAt(i)).length;
      }
    }
    byte[] out = new byte[12 + length];
    Bytes.putTag(out, 0, COMMAND_GROUP_LENGTH, false);
    Bytes.put32(out, 4, 4, false);
    Bytes.put32(out, 8, length, false);
    int p = 12;
    for (int i = 0; i < attrs.size(); i++) {
      int tag = attrs.tagAt(i);
      if (tag == COMMAND_GROUP_LENGTH) {
        continue;
      }
      byte[] v = padded((byte[]) attrs.valueAt(i));
      Bytes.putTag(out, p, tag, false);
      Bytes.put32(out, p + 4, v.length, false);
      System.arraycopy(v, 0, out, p + 8, v.length);
      p += 8 + v.length;
    }
    return out;
  }

  private static byte[] padded(byte[] b) {
    return (b.length & 1) == 0 ? b : Arrays.copyOf(b, b.length + 1);
  }

  /**
   * Reads a command set from {@code in} (the command PDVs of one message) to its end.
   *
   * @throws DimseException when it is too long, truncated or lacks a Command Field
   */
  public static Command read(InputStream in) throws IOException {
    byte[] b = in.readNBytes(MAX_ENCODED_LENGTH + 1);
    if (b.length > MAX_ENCODED_LENGTH) {
      throw new DimseException("command set longer than " + MAX_ENCODED_LENGTH + " bytes");
    }
    return decode(b);
  }

  /** Decodes an implicit VR little endian command set. */
  public static Command decode(byte[] b) throws DimseException {
    Attributes a = new Attributes(false, 12);
    int p = 0;
    while (p < b.length) {
      if (p + 8 > b.length) {
        throw new DimseException("command set truncated at byte " + p);
      }
      int tag = Bytes.tag(b, p, false);
      long len = Bytes.i32(b, p + 4, false) & 0xFFFFFFFFL;
      if ((tag >>> 16) != 0) {
        throw new DimseException(
            String.format(
                "element (%04X,%04X) outside group 0000 in a command set",
                tag >>> 16, tag & 0xFFFF));
      }
      if (p + 8 + len > b.length) {
        throw new DimseException(
            String.format(
                "element (0000,%04X) length %d runs past the command set", tag & 0xFFFF, len));
      }
      a.setBytes(tag, vrOf(tag), Arrays.copyOfRange(b, p + 8, p + 8 + (int) len));
      p += 8 + (int) len;
    }
    if (!a.contains(COMMAND_FIELD)) {
      throw new DimseException("command set without a Command Field (0000,0100)");
    }
    return new Command(a);
  }

  /** VRs of the command elements, PS3.7 table E.1-1. */
  private static VR vrOf(int tag) {
    return switch (tag) {
      case COMMAND_GROUP_LENGTH -> VR.UL;
      case AFFECTED_SOP_CLASS_UID,
          REQUESTED_SOP_CLASS_UID,
          AFFECTED_SOP_INSTANCE_UID,
          REQUESTED_SOP_INSTANCE_UID ->
          VR.UI;
      case MOVE_DESTINATION, MOVE_ORIGINATOR_AE_TITLE -> VR.AE;
      case ERROR_COMMENT -> VR.LO;
      case OFFENDING_ELEMENT -> VR.AT;
      default -> VR.US;
    };
  }

  @Override
  public String toString() {
    CommandField f = field();
    StringBuilder sb = new StringBuilder(f != null ? f.name() : "command " + fieldCode());
    if (messageId() >= 0) {
      sb.append(" id=").append(messageId());
    }
    if (messageIdBeingRespondedTo() >= 0) {
      sb.append(" rsp-to=").append(messageIdBeingRespondedTo());
    }
    if (status() >= 0) {
      sb.append(String.format(" status=0x%04X", status()));
    }
    return sb.toString();
  }
}
