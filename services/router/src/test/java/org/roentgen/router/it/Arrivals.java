package org.roentgen.router.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.roentgen.contracts.ContractSchemas;
import org.roentgen.contracts.InstanceDelivery.Delivery;
import org.roentgen.contracts.InstanceDelivery.Outcome;
import org.roentgen.contracts.Topics;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.router.destination.SameDataset;
import org.roentgen.router.it.Instances.Stored;
import org.roentgen.router.it.RouterKafka.Received;

/**
 * What the test checks of each delivery: the event (valid against the contract's schema, keyed and
 * named as the contract says, saying that the stored object was sent) and what arrived (a data set
 * equal to the stored one, in a storescp file or in Orthanc through its REST API).
 */
final class Arrivals {
  private Arrivals() {}

  /** Checks the event against the contract's schema, its key and subject; returns it. */
  static Received valid(Received r) {
    assertThat(ContractSchemas.violations(Topics.INSTANCE_DELIVERY, r.json()))
        .as(r.json())
        .isEmpty();
    assertThat(r.record().key()).isEqualTo(r.data().instance().studyInstanceUid());
    assertThat(r.event().subject()).isEqualTo(r.sop());
    assertThat(r.event().type()).isEqualTo(Topics.INSTANCE_DELIVERY.eventType());
    return r;
  }

  /** A delivered event of an instance sent as stored: what was sent is the stored object. */
  static void assertSentAsStored(Received r, Stored s, String destination) {
    Delivery d = r.delivery();
    assertThat(d.outcome()).isEqualTo(Outcome.DELIVERED);
    assertThat(d.destination()).isEqualTo(destination);
    assertThat(d.attempts()).isGreaterThanOrEqualTo(1);
    assertThat(d.queuedAt()).isBeforeOrEqualTo(d.completedAt());
    assertThat(d.latencyMillis()).isGreaterThanOrEqualTo(0);
    assertThat(d.router()).isNotBlank();
    assertThat(d.failure()).isNull();
    assertThat(d.quarantine()).isNull();
    assertThat(d.sent().sha256()).isEqualTo(s.event().instance().object().sha256());
    assertThat(d.sent().size()).isEqualTo(s.event().instance().object().size());
    assertThat(d.sent().transferSyntaxUid()).isEqualTo(UID.ExplicitVRLittleEndian);
    assertThat(d.sent().deidentified()).isFalse();
    assertThat(d.sent().coerced()).isEmpty();
    assertThat(d.sent().duplicate()).isFalse();
    assertThat(r.data().instance()).isEqualTo(s.event().instance());
    assertThat(r.data().validation()).isEqualTo(s.event().validation());
    assertThat(r.data().qc()).isEqualTo(s.event().qc());
  }

  /** The file's data set equals the stored one (what an encoding may change aside). */
  static void assertSameDataset(Stored s, Path received) throws Exception {
    assertThat(SameDataset.difference(s.dataset(), DicomFile.read(received).dataset()))
        .as("difference between the stored %s and %s", s.sop(), received)
        .isNull();
  }

  /** The file Orthanc stored for an instance, or null when it has none. */
  static Path inOrthanc(Stored s, Path dir) throws Exception {
    List<String> ids = orthancIds(s);
    if (ids.isEmpty()) {
      return null;
    }
    assertThat(ids).hasSize(1);
    Path f = dir.resolve("orthanc-" + ids.get(0) + ".dcm");
    Files.write(f, RouterPipelineResource.orthanc.instanceFile(ids.get(0)));
    return f;
  }

  /**
   * Orthanc's identifiers of an instance ({@code POST /tools/find}). Tried twice: Orthanc closes a
   * keep-alive connection idle for a second, and the JDK's client, which retries a GET on a pooled
   * connection found closed, does not retry a POST ("header parser received no bytes").
   */
  static List<String> orthancIds(Stored s) throws Exception {
    Map<String, String> query = Map.of("SOPInstanceUID", s.sop());
    try {
      return RouterPipelineResource.orthanc.find("Instance", query);
    } catch (IOException staleConnection) {
      return RouterPipelineResource.orthanc.find("Instance", query);
    }
  }
}
