package org.roentgen.router.destination;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.roentgen.contracts.InstanceDelivery.FailureCause;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.io.DicomInputStream;
import org.roentgen.dicom.io.DicomOutputStream;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.dicom.net.ul.MessageWriter;
import org.roentgen.router.delivery.DeliveryException;
import org.roentgen.router.delivery.Payload;

/**
 * A data set re-encoded in another uncompressed transfer syntax (implicit VR LE, explicit VR LE or
 * BE, deflated explicit VR LE; PS3.5 A.1-A.5) for a peer that does not accept the instance's own.
 *
 * <p>The toolkit re-encodes a parsed data set ({@link DicomInputStream} into {@link Attributes},
 * {@link DicomOutputStream} out), and leaves large values in the file as references only when it
 * reads a file. So the payload is first copied to a temporary file (its SHA-256 checked on the
 * way), then parsed with values over {@link #BULK_DATA_THRESHOLD} left in that file: the pixel data
 * streams from the disk to the association and never sits on the heap. A deflated source is the
 * exception: the toolkit reads it whole into memory (once), as it cannot point into compressed
 * bytes. The conversion happens before the C-STORE request goes out, so an instance that cannot be
 * read fails alone and the association stays usable.
 */
final class Conversion implements AutoCloseable {
  /** Values longer than this stay in the spool file. */
  static final long BULK_DATA_THRESHOLD = 64 * 1024;

  private final Path spool;
  private final Attributes dataset;
  private final TransferSyntax target;

  private Conversion(Path spool, Attributes dataset, TransferSyntax target) {
    this.spool = spool;
    this.dataset = dataset;
    this.target = target;
  }

  /**
   * Spools and parses the payload whose stream is {@code all} (from its first byte).
   *
   * @throws DeliveryException OBJECT_STORE when the bytes do not have the payload's SHA-256 or
   *     cannot be read; TRANSFORM when they do not parse
   */
  static Conversion prepare(
      String destination, Payload payload, InputStream all, TransferSyntax target)
      throws DeliveryException {
    Path spool = null;
    try {
      spool = Files.createTempFile("roentgen-convert-", ".dcm");
      String sha;
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(spool), sha256())) {
        all.transferTo(out);
        sha = HexFormat.of().formatHex(((DigestOutputStream) out).getMessageDigest().digest());
      }
      if (payload.sha256() != null && !payload.sha256().equalsIgnoreCase(sha)) {
        throw new DeliveryException(
            FailureCause.OBJECT_STORE,
            false,
            null,
            destination
                + ": SOP instance "
                + payload.sopInstanceUid()
                + " read with another SHA-256 than its payload's; read again");
      }
      Attributes ds;
      try (DicomInputStream in =
          DicomInputStream.open(spool).bulkDataThreshold(BULK_DATA_THRESHOLD)) {
        in.readFileMetaInformation();
        ds = in.readDataset();
      }
      Conversion c = new Conversion(spool, ds, target);
      spool = null;
      return c;
    } catch (PayloadFailures.ReadException e) {
      throw PayloadFailures.of(destination, payload, e.reason());
    } catch (org.roentgen.dicom.io.DicomParseException e) {
      throw new DeliveryException(
          FailureCause.TRANSFORM,
          true,
          null,
          destination
              + ": SOP instance "
              + payload.sopInstanceUid()
              + " cannot be converted to "
              + target.name()
              + ", its data set does not parse: "
              + e.getMessage(),
          e);
    } catch (IOException e) {
      // The temporary file: the local disk is full or unwritable, which passes.
      throw new DeliveryException(
          FailureCause.TRANSFORM,
          false,
          null,
          destination + ": cannot spool SOP instance " + payload.sopInstanceUid() + " to convert",
          e);
    } finally {
      deleteQuietly(spool);
    }
  }

  TransferSyntax target() {
    return target;
  }

  /** Writes the data set in the target syntax into the association's P-DATA stream. */
  MessageWriter writer() {
    return out -> {
      DicomOutputStream d = new DicomOutputStream(out);
      d.writeDataset(dataset, target);
      d.flush();
    };
  }

  @Override
  public void close() {
    deleteQuietly(spool);
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        p.toFile().deleteOnExit();
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
