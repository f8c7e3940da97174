package org.roentgen.dicom.io;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.BulkData;
import org.roentgen.dicom.data.Bytes;
import org.roentgen.dicom.data.Fragments;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;

/**
 * Writes DICOM Part 10 files (PS3.10 7.1) and datasets in the uncompressed transfer syntaxes and
 * deflate (PS3.5 A.1-A.5); encapsulated pixel data is written as it is held (PS3.5 A.4).
 *
 * <p>Sequences and items are written with undefined length and delimiters (PS3.5 7.5.2), so nothing
 * needs to be measured first. Binary values swap to the target byte order by VR. Dataset group
 * lengths are not written (retired, PS3.5 7.2); the file meta group length is computed.
 */
public final class DicomOutputStream implements Closeable, Flushable {
  private static final byte[] PREAMBLE = new byte[128];
  private static final long UNDEFINED = 0xFFFFFFFFL;

  private OutputStream out;
  private final byte[] header = new byte[12];

  public DicomOutputStream(OutputStream out) {
    this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
  }

  /** Writes a whole Part 10 file: meta information (group length computed) and dataset. */
  public static void writeFile(Path file, Attributes fileMeta, Attributes dataset)
      throws IOException {
    String ts = fileMeta.getString(Tag.TransferSyntaxUID);
    if (ts == null || ts.isEmpty()) {
      throw new IllegalArgumentException(
          "file meta information without a Transfer Syntax UID (0002,0010)");
    }
    try (DicomOutputStream d = new DicomOutputStream(Files.newOutputStream(file))) {
      d.writeFileMetaInformation(fileMeta);
      d.writeDataset(dataset, TransferSyntax.of(ts));
    }
  }

  /** Creates file meta information for an instance (PS3.10 table 7.1-1). */
  public static Attributes createFileMetaInformation(
      String sopClassUid, String sopInstanceUid, String transferSyntaxUid) {
    Attributes fmi = new Attributes(false, 8);
    fmi.setBytes(Tag.FileMetaInformationVersion, VR.OB, new byte[] {0, 1});
    fmi.setString(Tag.MediaStorageSOPClassUID, VR.UI, sopClassUid);
    fmi.setString(Tag.MediaStorageSOPInstanceUID, VR.UI, sopInstanceUid);
    fmi.setString(Tag.TransferSyntaxUID, VR.UI, transferSyntaxUid);
    fmi.setString(Tag.ImplementationClassUID, VR.UI, Implementation.CLASS_UID);
    fmi.setString(Tag.ImplementationVersionName, VR.SH, Implementation.VERSION_NAME);
    return fmi;
  }

  /** Writes the preamble, "DICM" and group 0002 in explicit VR little endian. */
  public void writeFileMetaInformation(Attributes fileMeta) throws IOException {
    ByteArrayOutputStream group = new ByteArrayOutputStream(256);
    OutputStream saved = out;
    out = group;
    Attributes meta = new Attributes(fileMeta, false);
    meta.remove(Tag.FileMetaInformationGroupLength);
    writeElements(meta, true, false);
    out = saved;
    out.write(PREAMBLE);
    out.write(new byte[] {'D', 'I', 'C', 'M'});
    byte[] len = new byte[4];
    Bytes.put32(len, 0, group.size(), false);
    writeHeader(Tag.FileMetaInformationGroupLength, VR.UL, 4, true, false);
    out.write(len);
    group.writeTo(out);
  }

  /** Writes {@code ds} in {@code ts}; for deflate, compresses everything written by this call. */
  public void writeDataset(Attributes ds, TransferSyntax ts) throws IOException {
    if (ts.deflated()) {
      OutputStream saved = out;
      Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
      CountingOutputStream counted = new CountingOutputStream(saved);
      DeflaterOutputStream deflating = new DeflaterOutputStream(counted, deflater, 1 << 16);
      out = deflating;
      try {
        writeElements(ds, true, false);
        deflating.finish();
        if ((counted.count & 1) != 0) {
          // The deflated bit stream is padded to an even length with one zero byte (PS3.5 A.5).
          saved.write(0);
        }
      } finally {
        deflater.end();
        out = saved;
      }
    } else {
      writeElements(ds, ts.explicitVR(), ts.bigEndian());
    }
    out.flush();
  }

  private void writeElements(Attributes ds, boolean explicit, boolean be) throws IOException {
    for (int i = 0; i < ds.size(); i++) {
      int tag = ds.tagAt(i);
      if ((tag & 0xFFFF) == 0 && (tag >>> 16) > 0x0002) {
        continue;
      }
      VR vr = ds.vrAt(i);
      Object v = ds.valueAt(i);
      if (v instanceof Sequence s) {
        writeHeader(tag, VR.SQ, UNDEFINED, explicit, be);
        for (Attributes item : s) {
          writeHeader(Tag.Item, null, UNDEFINED, explicit, be);
          writeElements(item, explicit, be);
          writeHeader(Tag.ItemDelimitationItem, null, 0, explicit, be);
        }
        writeHeader(Tag.SequenceDelimitationItem, null, 0, explicit, be);
      } else if (v instanceof Fragments f) {
        writeHeader(tag, f.vr(), UNDEFINED, explicit, be);
        for (Object fragment : f) {
          if (fragment instanceof byte[] b) {
            writeHeader(Tag.Item, null, b.length + (b.length & 1), explicit, be);
            out.write(b);
            if ((b.length & 1) != 0) {
              out.write(0);
            }
          } else {
            BulkData bd = (BulkData) fragment;
            requireKnownLength(bd, tag);
            writeHeader(Tag.Item, null, bd.length() + (bd.length() & 1), explicit, be);
            copyBulkData(bd, 1, false);
            if ((bd.length() & 1) != 0) {
              out.write(0);
            }
          }
        }
        writeHeader(Tag.SequenceDelimitationItem, null, 0, explicit, be);
      } else if (v instanceof BulkData bd) {
        requireKnownLength(bd, tag);
        long padded = bd.length() + (bd.length() & 1);
        writeHeader(tag, fitVR(vr, padded, explicit), padded, explicit, be);
        copyBulkData(bd, vr.swapUnit(), bd.bigEndian() != be);
        if ((bd.length() & 1) != 0) {
          out.write(vr.paddingByte());
        }
      } else {
        byte[] b = (byte[]) v;
        int padded = b.length + (b.length & 1);
        writeHeader(tag, fitVR(vr, padded, explicit), padded, explicit, be);
        if (ds.isBigEndian() != be && vr.swapUnit() > 1) {
          out.write(Bytes.swapped(b, vr.swapUnit()));
        } else {
          out.write(b);
        }
        if ((b.length & 1) != 0) {
          out.write(vr.paddingByte());
        }
      }
    }
  }

  /** A reference whose length is unknown (a URI from DICOM JSON) cannot be encoded. */
  private static void requireKnownLength(BulkData bd, int tag) throws IOException {
    if (bd.length() < 0) {
      throw new IOException(
          String.format(
              "bulk data of (%04X,%04X) at %s has no known length: fetch it first",
              tag >>> 16, tag & 0xFFFF, bd.uri()));
    }
  }

  /** A value too long for a 16-bit length field is written as UN (PS3.5 6.2.2). */
  private static VR fitVR(VR vr, long length, boolean explicit) {
    return explicit && vr.isShortLength() && length > 0xFFFF ? VR.UN : vr;
  }

  private void writeHeader(int tag, VR vr, long length, boolean explicit, boolean be)
      throws IOException {
    Bytes.putTag(header, 0, tag, be);
    if (vr == null || !explicit) {
      Bytes.put32(header, 4, (int) length, be);
      out.write(header, 0, 8);
    } else if (vr.isShortLength()) {
      header[4] = (byte) (vr.code() >> 8);
      header[5] = (byte) vr.code();
      Bytes.put16(header, 6, (int) length, be);
      out.write(header, 0, 8);
    } else {
      header[4] = (byte) (vr.code() >> 8);
      header[5] = (byte) vr.code();
      header[6] = 0;
      header[7] = 0;
      Bytes.put32(header, 8, (int) length, be);
      out.write(header, 0, 12);
    }
  }

  private void copyBulkData(BulkData bd, int swapUnit, boolean swap) throws IOException {
    try (InputStream in = Files.newInputStream(Path.of(URI.create(bd.uri())))) {
      in.skipNBytes(bd.offset());
      byte[] chunk = new byte[1 << 16];
      long left = bd.length();
      while (left > 0) {
        int n = in.readNBytes(chunk, 0, (int) Math.min(chunk.length, left));
        if (n <= 0) {
          throw new java.io.EOFException("bulk data " + bd + " is shorter than its length");
        }
        if (swap) {
          Bytes.swap(chunk, 0, n, swapUnit);
        }
        out.write(chunk, 0, n);
        left -= n;
      }
    }
  }

  /** Counts the bytes written through it. */
  private static final class CountingOutputStream extends java.io.FilterOutputStream {
    long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
