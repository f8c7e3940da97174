package org.roentgen.dicom.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Bytes;
import org.roentgen.dicom.data.ElementDictionary;
import org.roentgen.dicom.data.Fragments;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;

/**
 * Synthetic datasets for the Part 10 tests: one element of every VR (arbitrary VRs sit in a private
 * group, so no dictionary can give them another meaning), nested sequences, native or encapsulated
 * pixel data; and the helpers to encode and compare them.
 */
final class Synthetic {
  static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.7";
  static final String SOP_INSTANCE = "1.2.826.0.1.3680043.9.7433.99.1";
  static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
  static final int PRIVATE_CREATOR = 0x00110010;
  static final int PRIVATE_SEQUENCE = 0x00111030;

  private Synthetic() {}

  /** A dataset with every VR, three levels of sequences and {@code pixelBytes} of OW pixel data. */
  static Attributes dataset(boolean bigEndian, int pixelBytes) {
    Attributes ds = new Attributes(bigEndian, 64);
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    ds.setString(Tag.SOPClassUID, VR.UI, SOP_CLASS);
    ds.setString(Tag.SOPInstanceUID, VR.UI, SOP_INSTANCE);
    ds.setString(Tag.Modality, VR.CS, "OT");
    ds.setString(Tag.PatientName, VR.PN, "Müller^Jürgen=山田^太郎=やまだ^たろう");
    ds.setString(Tag.PatientID, VR.LO, "ID-0001");
    ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.3.4");
    ds.setInt(Tag.Rows, VR.US, 16);
    ds.setInt(Tag.Columns, VR.US, pixelBytes / 32);
    ds.setInt(Tag.BitsAllocated, VR.US, 16);
    ds.setString(PRIVATE_CREATOR, VR.LO, "ROENTGEN TEST");
    addEveryVr(ds, 0x00111000);
    Sequence outer = ds.newSequence(PRIVATE_SEQUENCE, 3);
    Attributes first = outer.addItem();
    first.setString(0x00111001, VR.LO, "item one");
    first.setInt(0x00111002, VR.SS, -2);
    Attributes nested = first.newSequence(PRIVATE_SEQUENCE, 1).addItem();
    nested.setString(0x00111001, VR.PN, "Ünder^Nested");
    nested.setDouble(0x00111003, VR.FD, -0.5);
    nested.newSequence(PRIVATE_SEQUENCE, 0);
    outer.addItem();
    outer.addItem().setString(0x00111004, VR.AT, "7FE00010");
    ds.setNull(0x00111031, VR.LO);
    ds.setBytes(0xFFFCFFFC, VR.OB, new byte[4]);
    if (pixelBytes > 0) {
      byte[] pixels = new byte[pixelBytes];
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = (byte) (i * 31 + (i >> 8));
      }
      ds.setBytes(Tag.PixelData, VR.OW, pixels);
    }
    return ds;
  }

  private static void addEveryVr(Attributes ds, int base) {
    ds.setString(base | 0x01, VR.AE, "STORE_SCP");
    ds.setString(base | 0x02, VR.AS, "042Y");
    ds.setString(base | 0x03, VR.AT, "00100010", "(7FE0,0010)");
    ds.setString(base | 0x04, VR.CS, "ORIGINAL", "PRIMARY", "");
    ds.setString(base | 0x05, VR.DA, "20240229");
    ds.setDouble(base | 0x06, VR.DS, 0.1, -2.5e-7, 12345.678);
    ds.setString(base | 0x07, VR.DT, "20240229120000.5+0100");
    ds.setDouble(base | 0x08, VR.FD, Math.PI, -1);
    ds.setDouble(base | 0x09, VR.FL, 1.5f, Float.MAX_VALUE);
    ds.setInt(base | 0x0A, VR.IS, -7, 2147483647);
    ds.setString(base | 0x0B, VR.LO, "Lo\u00e9ng");
    ds.setString(base | 0x0C, VR.LT, "text\\with backslash\r\nand lines");
    ds.setBytes(base | 0x0D, VR.OB, new byte[] {1, 2, 3, 4, 5, 6});
    ds.setDouble(base | 0x0E, VR.OD, 1.25, -3);
    ds.setDouble(base | 0x0F, VR.OF, 0.5f, 2);
    ds.setInt(base | 0x10, VR.OL, 0x01020304, -1);
    ds.setLong(base | 0x11, VR.OV, 0x0102030405060708L);
    ds.setInt(base | 0x12, VR.OW, 0x0102, 0xFFFE, 7);
    ds.setString(base | 0x13, VR.PN, "Doe^John^^Dr", "");
    ds.setString(base | 0x14, VR.SH, "short");
    ds.setInt(base | 0x15, VR.SL, Integer.MIN_VALUE, 1);
    ds.setInt(base | 0x16, VR.SS, -32768, 32767);
    ds.setString(base | 0x17, VR.ST, "  short text ");
    ds.setLong(base | 0x18, VR.SV, Long.MIN_VALUE);
    ds.setString(base | 0x19, VR.TM, "235959.999999");
    ds.setString(base | 0x1A, VR.UC, "one", "two");
    ds.setString(base | 0x1B, VR.UI, "1.2.840.10008.1.2.1");
    ds.setInt(base | 0x1C, VR.UL, -1, 3);
    ds.setBytes(base | 0x1D, VR.UN, new byte[] {9, 8, 7});
    ds.setString(base | 0x1E, VR.UR, "http://example.org/x?y=z");
    ds.setInt(base | 0x1F, VR.US, 65535, 0);
    ds.setString(base | 0x20, VR.UT, "unlimited ".repeat(5000));
    ds.setLong(base | 0x21, VR.UV, -1L);
    ds.setNull(base | 0x22, VR.SQ);
  }

  /** Encapsulated pixel data: a Basic Offset Table of two frames, then three fragments. */
  static Fragments addEncapsulatedPixelData(Attributes ds) {
    ds.remove(Tag.PixelData);
    Fragments f = ds.newFragments(Tag.PixelData, VR.OB, 4);
    byte[] bot = new byte[8];
    Bytes.put32(bot, 0, 0, false);
    Bytes.put32(bot, 4, 8 + 1000 + 8 + 500, false);
    f.add(bot);
    f.add(filled(1000, 1));
    f.add(filled(500, 2));
    f.add(filled(2, 3));
    return f;
  }

  static byte[] filled(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (seed + i * 7);
    }
    return b;
  }

  static Attributes fileMeta(String transferSyntaxUid) {
    return DicomOutputStream.createFileMetaInformation(SOP_CLASS, SOP_INSTANCE, transferSyntaxUid);
  }

  /** A whole Part 10 file in memory. */
  static byte[] part10(Attributes ds, TransferSyntax ts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DicomOutputStream out = new DicomOutputStream(bytes)) {
      out.writeFileMetaInformation(fileMeta(ts.uid()));
      out.writeDataset(ds, ts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * What a reader gets back from implicit VR: no VR travels, so every element has the VR its tag
   * has in the dictionary (UN when it has none), values in little endian; sequences stay sequences
   * (written with undefined length); encapsulated pixel data is OB.
   */
  static Attributes asReadFromImplicitVr(Attributes ds) {
    Attributes le = new Attributes(ds, false);
    Attributes out = new Attributes(false, le.size());
    for (int i = 0; i < le.size(); i++) {
      int tag = le.tagAt(i);
      Object v = le.valueAt(i);
      if (v instanceof Sequence s) {
        Sequence copy = out.newSequence(tag, s.size());
        for (Attributes item : s) {
          copy.add(asReadFromImplicitVr(item));
        }
      } else if (v instanceof Fragments) {
        VR vr = dictionaryVr(tag);
        out.setValue(tag, vr == VR.OW ? VR.OB : vr, v);
      } else {
        VR vr = ElementDictionary.vrOf(tag, out);
        out.setValue(tag, vr == null ? VR.UN : vr, v);
      }
    }
    return out;
  }

  private static VR dictionaryVr(int tag) {
    VR vr = ElementDictionary.vrOf(tag);
    return vr == null ? VR.UN : vr;
  }
}
