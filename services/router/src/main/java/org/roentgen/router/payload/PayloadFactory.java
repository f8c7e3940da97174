package org.roentgen.router.payload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import org.roentgen.contracts.InstanceDelivery.FailureCause;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomInputStream;
import org.roentgen.dicom.io.DicomOutputStream;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.platform.objectstore.ObjectStoreException;
import org.roentgen.router.delivery.DeliveryException;
import org.roentgen.router.delivery.Payload;
import org.roentgen.router.delivery.PayloadSource;

/**
 * Makes the payload of an instance for a destination: the stored object itself when nothing is to
 * change, else the object read, transformed (coercions, de-identification) and written again as a
 * Part 10 file in its transfer syntax, with new file meta information (the SOP Instance UID may
 * have been replaced). Failures are classified: the store unreachable is transient, the object gone
 * or a data set that cannot be transformed is permanent.
 */
public final class PayloadFactory {
  /** The default of {@code router.s3.missing-grace}. */
  public static final Duration DEFAULT_MISSING_GRACE = Duration.ofMinutes(10);

  private final ObjectStore store;
  private final Clock clock;
  private final Duration missingGrace;

  public PayloadFactory(ObjectStore store) {
    this(store, Clock.systemUTC(), DEFAULT_MISSING_GRACE);
  }

  /**
   * @param missingGrace how long after its receipt an object not (yet) in the store is a transient
   *     failure (ingest publishes the event while the upload finishes); a permanent one after
   */
  public PayloadFactory(ObjectStore store, Clock clock, Duration missingGrace) {
    this.store = store;
    this.clock = clock;
    this.missingGrace = missingGrace;
  }

  /** The source the delivery engine calls at the first attempt. */
  public PayloadSource source(InstanceReceived instance, DatasetTransform transform) {
    return () -> make(instance, transform);
  }

  Payload make(InstanceReceived instance, DatasetTransform transform) throws DeliveryException {
    if (transform == DatasetTransform.NONE) {
      ensureExists(instance);
      return new StoredPayload(instance, store);
    }
    Attributes dataset;
    TransferSyntax ts;
    try (InputStream raw = store.get(instance.object().bucket(), instance.object().key());
        DicomInputStream in = new DicomInputStream(raw)) {
      in.readFileMetaInformation();
      dataset = in.readDataset();
      ts = in.transferSyntax();
    } catch (ObjectStoreException e) {
      throw storeFailure(instance, e);
    } catch (IOException | RuntimeException e) {
      throw new DeliveryException(
          FailureCause.TRANSFORM,
          true,
          null,
          "the stored object of "
              + instance.sopInstanceUid()
              + " cannot be read: "
              + e.getMessage(),
          e);
    }
    try {
      dataset = transform.apply(dataset);
      String sopClass = dataset.getString(Tag.SOPClassUID);
      String sop = dataset.getString(Tag.SOPInstanceUID);
      String study = dataset.getString(Tag.StudyInstanceUID);
      ByteArrayOutputStream bytes =
          new ByteArrayOutputStream((int) instance.object().size() + 1024);
      try (DicomOutputStream out = new DicomOutputStream(bytes)) {
        out.writeFileMetaInformation(
            DicomOutputStream.createFileMetaInformation(sopClass, sop, ts.uid()));
        out.writeDataset(dataset, ts);
      }
      byte[] b = bytes.toByteArray();
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
      return new MemoryPayload(sopClass, sop, study, ts.uid(), b, sha);
    } catch (Exception e) {
      throw new DeliveryException(
          FailureCause.TRANSFORM,
          true,
          null,
          "coercion or de-identification of "
              + instance.sopInstanceUid()
              + " failed: "
              + (e instanceof IllegalArgumentException
                  ? e.getMessage()
                  : e.getClass().getSimpleName()),
          e);
    }
  }

  private void ensureExists(InstanceReceived instance) throws DeliveryException {
    try {
      if (!store.exists(instance.object().bucket(), instance.object().key())) {
        throw missing(instance);
      }
    } catch (ObjectStoreException e) {
      throw storeFailure(instance, e);
    }
  }

  private DeliveryException storeFailure(InstanceReceived instance, ObjectStoreException e) {
    if (!e.retryable()) {
      try {
        if (!store.exists(instance.object().bucket(), instance.object().key())) {
          return missing(instance);
        }
      } catch (ObjectStoreException again) {
        // fall through: transient
      }
    }
    return new DeliveryException(
        FailureCause.OBJECT_STORE,
        false,
        null,
        "the object store did not serve " + instance.sopInstanceUid() + ": " + e.getMessage(),
        e);
  }

  private DeliveryException missing(InstanceReceived instance) {
    if (clock.instant().isBefore(instance.receivedAt().plus(missingGrace))) {
      return new DeliveryException(
          FailureCause.OBJECT_MISSING,
          false,
          null,
          "the object of "
              + instance.sopInstanceUid()
              + " is not in the object store yet (received "
              + Duration.between(instance.receivedAt(), clock.instant()).toSeconds()
              + " s ago; its upload may still run)");
    }
    return new DeliveryException(
        FailureCause.OBJECT_MISSING,
        true,
        null,
        "the object of " + instance.sopInstanceUid() + " is not in the object store");
  }
}
