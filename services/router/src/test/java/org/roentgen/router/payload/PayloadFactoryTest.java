package org.roentgen.router.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.InstanceDelivery.FailureCause;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.router.delivery.DeliveryException;
import org.roentgen.router.testing.StubObjectStore;

/**
 * An object not in the store: ingest publishes the event while the upload finishes and a failed
 * upload is sent again by the modality, so a young instance's missing object is retried; only past
 * the grace period is it a permanent failure.
 */
class PayloadFactoryTest {
  private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");
  private static final Duration GRACE = Duration.ofMinutes(10);

  private final PayloadFactory payloads =
      new PayloadFactory(StubObjectStore.empty(), Clock.fixed(NOW, ZoneOffset.UTC), GRACE);

  private static InstanceReceived receivedAt(Instant at) {
    return new InstanceReceived(
        "1.2.3.4.5",
        "1.2.840.10008.5.1.4.1.1.1.1",
        "1.2.3.4",
        "1.2.3.4.1",
        "1.2.840.10008.1.2.1",
        "DX",
        new InstanceReceived.StoredObject("dicom", "k", 10, "ab".repeat(32), 1),
        null,
        new InstanceReceived.Source(
            InstanceReceived.Protocol.DIMSE, "DX1", "ROENTGEN", "10.0.0.1:4000", "ingest-1"),
        JsonNodeFactory.instance.objectNode(),
        null,
        at);
  }

  @Test
  void aMissingObjectOfAYoungInstanceIsRetried() {
    DeliveryException e =
        catchThrowableOfType(
            () -> payloads.make(receivedAt(NOW.minusSeconds(30)), DatasetTransform.NONE),
            DeliveryException.class);
    assertThat(e.failureCause()).isEqualTo(FailureCause.OBJECT_MISSING);
    assertThat(e.permanent()).isFalse();
    assertThat(e.getMessage()).contains("not in the object store yet", "30 s ago");
  }

  @Test
  void pastTheGraceAMissingObjectIsPermanent() {
    DeliveryException e =
        catchThrowableOfType(
            () ->
                payloads.make(receivedAt(NOW.minus(GRACE).minusSeconds(1)), DatasetTransform.NONE),
            DeliveryException.class);
    assertThat(e.failureCause()).isEqualTo(FailureCause.OBJECT_MISSING);
    assertThat(e.permanent()).isTrue();
  }
}
