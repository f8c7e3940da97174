package org.roentgen.router.destination;

import io.minio.errors.ErrorResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.roentgen.contracts.InstanceDelivery.FailureCause;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomInputStream;
import org.roentgen.dicom.io.DicomParseException;
import org.roentgen.platform.objectstore.MinioObjectStore;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.platform.objectstore.ObjectStoreException;
import org.roentgen.platform.objectstore.PutResult;
import org.roentgen.router.delivery.DeliveryException;
import org.roentgen.router.delivery.Destination;
import org.roentgen.router.delivery.Payload;
import org.roentgen.router.delivery.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3 bucket that receives each instance's Part 10 file, streamed from the payload, under {@code
 * <prefix><StudyInstanceUID>/<SeriesInstanceUID>/<SOPInstanceUID>.dcm} (UIDs only: no patient data
 * in keys) with its SHA-256 as user metadata. The series UID is read from the head of the stream
 * that is uploaded (from a second read of the payload only when more than {@value #HEADER_LIMIT}
 * bytes precede it). The SHA-256 computed during the upload must be the payload's.
 *
 * <p>Failures: {@link FailureCause#OBJECT_STORE}, transient, except the answers that name a
 * configuration error which a retry cannot mend, permanent: {@value #PERMANENT_CODES_TEXT}.
 */
public final class S3Destination implements Destination {
  private static final Logger LOG = LoggerFactory.getLogger(S3Destination.class);

  /** Bytes read ahead to find the series UID. */
  static final int HEADER_LIMIT = 256 * 1024;

  static final String PERMANENT_CODES_TEXT =
      "AccessDenied, AllAccessDisabled, InvalidAccessKeyId, SignatureDoesNotMatch,"
          + " InvalidBucketName, NoSuchBucket, KeyTooLongError, EntityTooLarge";

  private static final Set<String> PERMANENT_CODES = Set.of(PERMANENT_CODES_TEXT.split(",\\s*"));

  private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

  private final S3DestinationSettings settings;
  private final ObjectStore store;

  public S3Destination(S3DestinationSettings settings) {
    this.settings = settings;
    this.store = new MinioObjectStore(settings.store());
  }

  @Override
  public String name() {
    return settings.name();
  }

  public S3DestinationSettings settings() {
    return settings;
  }

  /** The key of an instance: {@code <prefix><study>/<series>/<instance>.dcm}. */
  static String key(String prefix, String study, String series, String instance) {
    return prefix + study + "/" + series + "/" + instance + ".dcm";
  }

  @Override
  public SendResult send(Payload payload) throws DeliveryException {
    InputStream in = PayloadFailures.open(name(), payload);
    try {
      Part10Head head = readHead(payload, in);
      String series = head.header() == null ? null : head.header().getString(Tag.SeriesInstanceUID);
      if (series == null && head.header() == null) {
        series = seriesFromSecondRead(payload);
      }
      String key =
          key(
              settings.keyPrefix(),
              uid(payload, "StudyInstanceUID", payload.studyInstanceUid()),
              uid(payload, "SeriesInstanceUID", series),
              uid(payload, "SOPInstanceUID", payload.sopInstanceUid()));
      PutResult put;
      try {
        put =
            store.put(
                settings.bucket(),
                key,
                head.all(),
                payload.size(),
                "application/dicom",
                payload.sha256() == null
                    ? Map.of()
                    : Map.of(ObjectStore.SHA256_METADATA, payload.sha256()));
      } catch (ObjectStoreException e) {
        PayloadFailures.ReadException read = PayloadFailures.readFailure(e);
        if (read != null) {
          throw PayloadFailures.of(name(), payload, read.reason());
        }
        throw classify(e);
      }
      if (payload.sha256() != null && !payload.sha256().equalsIgnoreCase(put.sha256())) {
        deleteQuietly(key);
        throw new DeliveryException(
            FailureCause.OBJECT_STORE,
            false,
            null,
            name()
                + ": SOP instance "
                + payload.sopInstanceUid()
                + " was read with another SHA-256 than its payload's; the upload is removed");
      }
      return new SendResult(head.transferSyntax().uid(), null);
    } finally {
      PayloadFailures.closeQuietly(in);
    }
  }

  private Part10Head readHead(Payload payload, InputStream in) throws DeliveryException {
    try {
      return Part10Head.readHeader(in, Tag.SeriesInstanceUID + 1, HEADER_LIMIT);
    } catch (DicomParseException e) {
      throw notPart10(payload, e);
    } catch (IOException e) {
      throw PayloadFailures.of(name(), payload, e);
    }
  }

  /** The series UID of a payload whose header did not fit in the bytes read ahead. */
  private String seriesFromSecondRead(Payload payload) throws DeliveryException {
    try (InputStream in = PayloadFailures.open(name(), payload);
        DicomInputStream d = new DicomInputStream(in).stopBefore(Tag.SeriesInstanceUID + 1)) {
      d.readFileMetaInformation();
      Attributes header = d.readDataset();
      return header.getString(Tag.SeriesInstanceUID);
    } catch (DicomParseException e) {
      throw notPart10(payload, e);
    } catch (IOException e) {
      throw PayloadFailures.of(name(), payload, e);
    }
  }

  private DeliveryException notPart10(Payload payload, DicomParseException e) {
    return new DeliveryException(
        FailureCause.TRANSFORM,
        true,
        null,
        name()
            + ": SOP instance "
            + payload.sopInstanceUid()
            + " is not a readable Part 10 file: "
            + e.getMessage(),
        e);
  }

  /** A UID fit for a key: digits and dots (PS3.5 9.1), which also keeps the key a plain path. */
  private String uid(Payload payload, String what, String value) throws DeliveryException {
    if (value == null || value.length() > 64 || !UID.matcher(value).matches()) {
      throw new DeliveryException(
          FailureCause.TRANSFORM,
          true,
          null,
          name()
              + ": SOP instance "
              + payload.sopInstanceUid()
              + " has "
              + (value == null || value.isEmpty() ? "no " + what : "a malformed " + what)
              + ", so no key can be made for it");
    }
    return value;
  }

  /** Transient, unless the server named a configuration error. */
  private DeliveryException classify(ObjectStoreException e) {
    String code = null;
    boolean invalidArgument = false;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ErrorResponseException r && r.errorResponse() != null) {
        code = r.errorResponse().code();
      }
      invalidArgument |= t instanceof IllegalArgumentException;
    }
    boolean permanent = invalidArgument || code != null && PERMANENT_CODES.contains(code);
    return new DeliveryException(
        FailureCause.OBJECT_STORE, permanent, null, name() + ": " + e.getMessage(), e);
  }

  private void deleteQuietly(String key) {
    try {
      store.delete(settings.bucket(), key);
    } catch (ObjectStoreException e) {
      LOG.warn("{}: cannot remove {} after a digest mismatch: {}", name(), key, e.getMessage());
    }
  }

  /** The bucket exists and the server answers. */
  @Override
  public void probe() throws DeliveryException {
    if (!store.reachable(settings.bucket())) {
      throw new DeliveryException(
          FailureCause.OBJECT_STORE,
          false,
          null,
          name()
              + ": bucket "
              + settings.bucket()
              + " at "
              + settings.store().endpoint()
              + " does not answer or does not exist");
    }
  }

  @Override
  public void close() {
    store.close();
  }

  @Override
  public String toString() {
    return "S3Destination[" + name() + ", " + settings.bucket() + "]";
  }
}
