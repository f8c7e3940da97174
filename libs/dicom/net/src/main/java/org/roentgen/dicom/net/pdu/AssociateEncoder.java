package org.roentgen.dicom.net.pdu;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Encodes A-ASSOCIATE-RQ/AC PDUs, PS3.8 Tables 9-11 ... 9-20, PS3.7 Annex D.3.3. */
final class AssociateEncoder {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);

  private AssociateEncoder() {}

  static byte[] encode(AAssociateRq rq) {
    AssociateEncoder e = new AssociateEncoder();
    e.fixedFields(rq.type(), rq.protocolVersion(), rq.calledAeTitle(), rq.callingAeTitle());
    e.stringItem(ItemType.APPLICATION_CONTEXT.code(), rq.applicationContextName());
    for (PresentationContextRq pc : rq.presentationContexts()) {
      byte[] sub = subItems(pc);
      e.itemHeader(ItemType.PRESENTATION_CONTEXT_RQ.code(), 0, 4 + sub.length);
      e.out.writeBytes(new byte[] {(byte) pc.id(), 0, 0, 0});
      e.out.writeBytes(sub);
    }
    e.userInformation(rq.userInformation());
    return e.finish(rq.type());
  }

  static byte[] encode(AAssociateAc ac) {
    AssociateEncoder e = new AssociateEncoder();
    e.fixedFields(ac.type(), ac.protocolVersion(), ac.calledAeTitle(), ac.callingAeTitle());
    e.stringItem(ItemType.APPLICATION_CONTEXT.code(), ac.applicationContextName());
    for (PresentationContextAc pc : ac.presentationContexts()) {
      byte[] ts = ascii(pc.transferSyntax());
      e.itemHeader(ItemType.PRESENTATION_CONTEXT_AC.code(), 0, 4 + 4 + ts.length);
      e.out.writeBytes(new byte[] {(byte) pc.id(), 0, (byte) pc.result().code(), 0});
      e.itemHeader(ItemType.TRANSFER_SYNTAX.code(), 0, ts.length);
      e.out.writeBytes(ts);
    }
    e.userInformation(ac.userInformation());
    return e.finish(ac.type());
  }

  private static byte[] subItems(PresentationContextRq pc) {
    AssociateEncoder e = new AssociateEncoder();
    e.stringItem(ItemType.ABSTRACT_SYNTAX.code(), pc.abstractSyntax());
    for (String ts : pc.transferSyntaxes()) {
      e.stringItem(ItemType.TRANSFER_SYNTAX.code(), ts);
    }
    return e.out.toByteArray();
  }

  private void fixedFields(PduType type, int version, String called, String calling) {
    out.writeBytes(new byte[PduHeader.LENGTH]);
    out.write(version >>> 8);
    out.write(version);
    out.writeBytes(new byte[2]);
    out.writeBytes(aeTitleField(called));
    out.writeBytes(aeTitleField(calling));
    out.writeBytes(new byte[32]);
  }

  private void userInformation(UserInformation ui) {
    AssociateEncoder e = new AssociateEncoder();
    byte[] max = new byte[4];
    Bytes.putUint32(max, 0, ui.maxPduLength());
    e.item(ItemType.MAXIMUM_LENGTH.code(), 0, max);
    e.stringItem(ItemType.IMPLEMENTATION_CLASS_UID.code(), ui.implementationClassUid());
    if (ui.implementationVersionName() != null) {
      e.stringItem(ItemType.IMPLEMENTATION_VERSION_NAME.code(), ui.implementationVersionName());
    }
    if (ui.asyncOperationsWindow() != null) {
      byte[] w = new byte[4];
      Bytes.putUint16(w, 0, ui.asyncOperationsWindow().maxOperationsInvoked());
      Bytes.putUint16(w, 2, ui.asyncOperationsWindow().maxOperationsPerformed());
      e.item(ItemType.ASYNCHRONOUS_OPERATIONS_WINDOW.code(), 0, w);
    }
    for (RoleSelection r : ui.roleSelections()) {
      byte[] uid = ascii(r.sopClassUid());
      byte[] v = new byte[2 + uid.length + 2];
      Bytes.putUint16(v, 0, uid.length);
      System.arraycopy(uid, 0, v, 2, uid.length);
      v[2 + uid.length] = (byte) (r.scuRole() ? 1 : 0);
      v[3 + uid.length] = (byte) (r.scpRole() ? 1 : 0);
      e.item(ItemType.SCP_SCU_ROLE_SELECTION.code(), 0, v);
    }
    for (ExtendedNegotiation x : ui.extendedNegotiations()) {
      e.item(x.type().code(), x.headerByte(), x.value());
    }
    if (ui.userIdentity() != null) {
      UserIdentity u = ui.userIdentity();
      byte[] p = u.primaryField();
      byte[] s = u.secondaryField();
      byte[] v = new byte[2 + 2 + p.length + 2 + s.length];
      v[0] = (byte) u.userIdentityType();
      v[1] = (byte) (u.positiveResponseRequested() ? 1 : 0);
      Bytes.putUint16(v, 2, p.length);
      System.arraycopy(p, 0, v, 4, p.length);
      Bytes.putUint16(v, 4 + p.length, s.length);
      System.arraycopy(s, 0, v, 6 + p.length, s.length);
      e.item(ItemType.USER_IDENTITY_RQ.code(), 0, v);
    }
    if (ui.userIdentityServerResponse() != null) {
      byte[] r = ui.userIdentityServerResponse();
      byte[] v = new byte[2 + r.length];
      Bytes.putUint16(v, 0, r.length);
      System.arraycopy(r, 0, v, 2, r.length);
      e.item(ItemType.USER_IDENTITY_AC.code(), 0, v);
    }
    item(ItemType.USER_INFORMATION.code(), 0, e.out.toByteArray());
  }

  private void stringItem(int type, String value) {
    item(type, 0, ascii(value));
  }

  private void item(int type, int headerByte, byte[] value) {
    if (value.length > 0xFFFF) {
      throw new IllegalArgumentException("item value longer than 65535 bytes");
    }
    itemHeader(type, headerByte, value.length);
    out.writeBytes(value);
  }

  private void itemHeader(int type, int headerByte, int length) {
    if (length > 0xFFFF) {
      throw new IllegalArgumentException("item longer than 65535 bytes");
    }
    out.write(type);
    out.write(headerByte);
    out.write(length >>> 8);
    out.write(length);
  }

  private byte[] finish(PduType type) {
    byte[] pdu = out.toByteArray();
    pdu[0] = (byte) type.code();
    Bytes.putUint32(pdu, 2, pdu.length - (long) PduHeader.LENGTH);
    return pdu;
  }

  private static byte[] aeTitleField(String aeTitle) {
    byte[] field = new byte[AeTitles.FIELD_LENGTH];
    java.util.Arrays.fill(field, (byte) ' ');
    byte[] ae = ascii(aeTitle);
    System.arraycopy(ae, 0, field, 0, ae.length);
    return field;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
