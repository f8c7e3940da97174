package org.roentgen.dicom.net.ul;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Test-only C-ECHO command sets (PS3.7 Section 9.3.5), hard-coded in Implicit VR Little Endian, so
 * that interop tests can drive DCMTK through association, P-DATA and release before the DIMSE layer
 * exists. Not a DIMSE implementation.
 */
final class TestEchoCommands {

  static final String VERIFICATION = "1.2.840.10008.1.1";
  static final int C_ECHO_RQ = 0x0030;
  static final int C_ECHO_RSP = 0x8030;
  static final int NO_DATA_SET = 0x0101;

  private TestEchoCommands() {}

  static byte[] echoRq(int messageId) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    uid(body, 0x0002, VERIFICATION);
    us(body, 0x0100, C_ECHO_RQ);
    us(body, 0x0110, messageId);
    us(body, 0x0800, NO_DATA_SET);
    return withGroupLength(body);
  }

  static byte[] echoRsp(int messageIdBeingRespondedTo, int status) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    uid(body, 0x0002, VERIFICATION);
    us(body, 0x0100, C_ECHO_RSP);
    us(body, 0x0120, messageIdBeingRespondedTo);
    us(body, 0x0800, NO_DATA_SET);
    us(body, 0x0900, status);
    return withGroupLength(body);
  }

  /** The US value of element (0000,eeee) in an implicit VR LE command, or -1. */
  static int us(byte[] command, int element) {
    ByteBuffer b = ByteBuffer.wrap(command).order(ByteOrder.LITTLE_ENDIAN);
    while (b.remaining() >= 8) {
      int group = b.getShort() & 0xFFFF;
      int elem = b.getShort() & 0xFFFF;
      int length = b.getInt();
      if (group == 0 && elem == element && length == 2) {
        return b.getShort() & 0xFFFF;
      }
      b.position(b.position() + length);
    }
    return -1;
  }

  private static byte[] withGroupLength(ByteArrayOutputStream body) {
    ByteBuffer b = ByteBuffer.allocate(12 + body.size()).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) 0).putShort((short) 0).putInt(4).putInt(body.size());
    b.put(body.toByteArray());
    return b.array();
  }

  private static void uid(ByteArrayOutputStream out, int element, String uid) {
    byte[] v = uid.getBytes(StandardCharsets.US_ASCII);
    int length = v.length + (v.length & 1);
    header(out, element, length);
    out.writeBytes(v);
    if ((v.length & 1) != 0) {
      out.write(0);
    }
  }

  private static void us(ByteArrayOutputStream out, int element, int value) {
    header(out, element, 2);
    out.write(value);
    out.write(value >>> 8);
  }

  private static void header(ByteArrayOutputStream out, int element, int length) {
    ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) 0).putShort((short) element).putInt(length);
    out.writeBytes(b.array());
  }
}
