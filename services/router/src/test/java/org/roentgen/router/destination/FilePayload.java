package org.roentgen.router.destination;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.router.delivery.Payload;

/**
 * A Part 10 file as a payload, its UIDs read from the data set (as the pipeline's events carry
 * them).
 */
record FilePayload(
    Path file,
    String sopClassUid,
    String sopInstanceUid,
    String studyInstanceUid,
    String transferSyntaxUid,
    long size,
    String sha256)
    implements Payload {

  static FilePayload of(Path file) {
    try {
      DicomFile f = DicomFile.readHeader(file);
      return new FilePayload(
          file,
          f.dataset().getString(Tag.SOPClassUID),
          f.dataset().getString(Tag.SOPInstanceUID),
          f.dataset().getString(Tag.StudyInstanceUID),
          f.fileMeta().getString(Tag.TransferSyntaxUID),
          Files.size(file),
          sha256(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public InputStream open() throws IOException {
    return Files.newInputStream(file);
  }
}
