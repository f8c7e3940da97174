package org.roentgen.ingest.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomInputStream;

/**
 * Reads exactly the preamble, "DICM" and the File Meta Information (PS3.10 7.1) of a Part 10
 * stream, leaving the stream at the first byte of the dataset.
 */
record Part10Meta(String sopClassUid, String sopInstanceUid, String transferSyntaxUid) {
  private static final int MAX_META = 64 * 1024;

  /** Not a Part 10 file: no "DICM", no group length, or no transfer syntax. */
  static final class NotPart10Exception extends IOException {
    NotPart10Exception(String message) {
      super(message);
    }
  }

  static Part10Meta read(InputStream in) throws IOException {
    byte[] head = in.readNBytes(128 + 4 + 12);
    if (head.length < 144
        || head[128] != 'D'
        || head[129] != 'I'
        || head[130] != 'C'
        || head[131] != 'M') {
      throw new NotPart10Exception("not a Part 10 file (no DICM prefix)");
    }
    ByteBuffer b = ByteBuffer.wrap(head, 132, 12).order(ByteOrder.LITTLE_ENDIAN);
    int group = b.getShort() & 0xFFFF;
    int element = b.getShort() & 0xFFFF;
    b.position(b.position() + 4);
    long length = b.getInt() & 0xFFFFFFFFL;
    if (group != 2 || element != 0 || length > MAX_META) {
      throw new NotPart10Exception("no usable (0002,0000) group length");
    }
    byte[] rest = in.readNBytes((int) length);
    if (rest.length < length) {
      throw new NotPart10Exception("file meta information truncated");
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream(head.length + rest.length);
    all.write(head);
    all.write(rest);
    byte[] meta = all.toByteArray();
    Attributes fmi;
    try (DicomInputStream d = DicomInputStream.of(meta, 0, meta.length)) {
      fmi = d.readFileMetaInformation();
    }
    String ts = fmi == null ? null : fmi.getString(Tag.TransferSyntaxUID);
    if (ts == null) {
      throw new NotPart10Exception("file meta information without a transfer syntax");
    }
    return new Part10Meta(
        fmi.getString(Tag.MediaStorageSOPClassUID),
        fmi.getString(Tag.MediaStorageSOPInstanceUID),
        ts);
  }
}
