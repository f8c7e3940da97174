package org.roentgen.ingest.it;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.io.DicomInputStream;

/** The parts of a Part 10 file as bytes: meta information and dataset. */
final class Part10Files {
  private Part10Files() {}

  /** The file meta information of Part 10 bytes, or null when there is none. */
  static Attributes meta(byte[] file) throws IOException {
    try (DicomInputStream in = DicomInputStream.of(file, 0, file.length)) {
      return in.readFileMetaInformation();
    }
  }

  /** The dataset bytes of a Part 10 file (everything after the meta information). */
  static byte[] dataset(byte[] file) throws IOException {
    try (DicomInputStream in = DicomInputStream.of(file, 0, file.length)) {
      in.readFileMetaInformation();
      return Arrays.copyOfRange(file, (int) in.position(), file.length);
    }
  }

  static byte[] dataset(Path file) throws IOException {
    return dataset(java.nio.file.Files.readAllBytes(file));
  }

  /** SHA-256 of the dataset of a Part 10 stream, read in chunks (for objects larger than heap). */
  static String datasetSha256(java.io.InputStream in) throws IOException {
    byte[] head = in.readNBytes(132 + 12);
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.wrap(head, 132 + 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    in.skipNBytes(b.getInt() & 0xFFFFFFFFL);
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 20];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        d.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
