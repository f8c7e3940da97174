package org.roentgen.dicom.io;

import java.io.ByteArrayOutputStream;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Bytes;
import org.roentgen.dicom.data.Fragments;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;

/**
 * A test-only encoder that writes sequences and items with defined lengths (PS3.5 7.5.1), the form
 * our writer never produces, so that the reader's defined-length paths are exercised.
 */
final class DefinedLengthEncoder {
  private DefinedLengthEncoder() {}

  static byte[] encode(Attributes ds, boolean explicit, boolean be) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < ds.size(); i++) {
      int tag = ds.tagAt(i);
      VR vr = ds.vrAt(i);
      Object v = ds.valueAt(i);
      if (v instanceof Sequence s) {
        ByteArrayOutputStream items = new ByteArrayOutputStream();
        for (Attributes item : s) {
          byte[] b = encode(item, explicit, be);
          header(items, Tag.Item, null, b.length, explicit, be);
          items.writeBytes(b);
        }
        header(out, tag, VR.SQ, items.size(), explicit, be);
        out.writeBytes(items.toByteArray());
      } else if (v instanceof Fragments f) {
        header(out, tag, vr, 0xFFFFFFFFL, explicit, be);
        for (Object o : f) {
          byte[] b = (byte[]) o;
          header(out, Tag.Item, null, b.length, explicit, be);
          out.writeBytes(b);
        }
        header(out, Tag.SequenceDelimitationItem, null, 0, explicit, be);
      } else {
        byte[] b = (byte[]) v;
        if (ds.isBigEndian() != be) {
          b = Bytes.swapped(b, vr.swapUnit());
        }
        header(out, tag, vr, b.length, explicit, be);
        out.writeBytes(b);
      }
    }
    return out.toByteArray();
  }

  private static void header(
      ByteArrayOutputStream out, int tag, VR vr, long length, boolean explicit, boolean be) {
    byte[] h = new byte[12];
    Bytes.putTag(h, 0, tag, be);
    if (vr == null || !explicit) {
      Bytes.put32(h, 4, (int) length, be);
      out.write(h, 0, 8);
    } else if (vr.isShortLength()) {
      h[4] = (byte) (vr.code() >> 8);
      h[5] = (byte) vr.code();
      Bytes.put16(h, 6, (int) length, be);
      out.write(h, 0, 8);
    } else {
      h[4] = (byte) (vr.code() >> 8);
      h[5] = (byte) vr.code();
      Bytes.put32(h, 8, (int) length, be);
      out.write(h, 0, 12);
    }
  }
}
