package org.roentgen.router.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.contracts.InstanceReleased;
import org.roentgen.contracts.Topics;
import org.roentgen.platform.events.CloudEvent;
import org.roentgen.platform.events.EventDecodeException;
import org.roentgen.platform.events.KafkaCloudEvents;

/** Reading the input topic's records: by their CloudEvents type, whatever the topic's name. */
class RoutedEventTest {
  private static final InstanceReceived INSTANCE =
      new InstanceReceived(
          "1.2.3.4.5",
          "1.2.840.10008.5.1.4.1.1.1",
          "1.2.3.4",
          "1.2.3.4.1",
          "1.2.840.10008.1.2.1",
          "CR",
          new InstanceReceived.StoredObject("dicom", "k", 10, "00".repeat(32), 1),
          null,
          new InstanceReceived.Source(
              InstanceReceived.Protocol.DIMSE, "CR1", "ROENTGEN", "10.0.0.1:4000", "ingest-1"),
          JsonNodeFactory.instance.objectNode(),
          null,
          Instant.parse("2024-05-15T10:00:00Z"));

  private static final InstanceReleased.Release RELEASE =
      new InstanceReleased.Release(
          "q-1",
          "tech.mlopez",
          "side marker checked",
          Instant.parse("2024-05-15T11:00:00Z"),
          List.of(new InstanceReleased.Correction("ImageLaterality", "00200062")));

  private static ConsumerRecord<String, byte[]> record(String topic, String type) {
    return record(topic, type, INSTANCE);
  }

  private static ConsumerRecord<String, byte[]> record(String topic, String type, Object data) {
    ProducerRecord<String, byte[]> p =
        KafkaCloudEvents.toRecord(
            topic,
            INSTANCE.studyInstanceUid(),
            new CloudEvent<>("e-1", "/it", type, INSTANCE.sopInstanceUid(), Instant.now(), data));
    return new ConsumerRecord<>(
        topic,
        0,
        7,
        0L,
        TimestampType.CREATE_TIME,
        0,
        0,
        p.key(),
        p.value(),
        p.headers(),
        java.util.Optional.empty());
  }

  @Test
  void anEventOfAStageIsReadFromATopicOfAnyName() throws Exception {
    RoutedEvent e =
        RoutedEvent.decode(record("site-a.ingest.events", Topics.INSTANCE_RECEIVED.eventType()));
    assertThat(e.id()).isEqualTo("e-1");
    assertThat(e.topic()).isEqualTo("site-a.ingest.events");
    assertThat(e.instance()).isEqualTo(INSTANCE);
    assertThat(e.validation()).isNull();
    assertThat(e.qc()).isNull();
  }

  @Test
  void anEventOfAnotherTypeIsRefused() {
    assertThatThrownBy(
            () ->
                RoutedEvent.decode(
                    record(Topics.INSTANCE_QC.topic(), Topics.INSTANCE_DELIVERY.eventType())))
        .isInstanceOf(EventDecodeException.class)
        .hasMessageContaining(Topics.INSTANCE_DELIVERY.eventType());
  }

  @Test
  void aReleasedEventIsReadWithItsReleaseBlockAndSaysSo() throws Exception {
    InstanceReleased released = new InstanceReleased(INSTANCE, null, null, RELEASE);
    RoutedEvent e =
        RoutedEvent.decodeReleased(
            record(
                Topics.INSTANCE_RELEASED.topic(), Topics.INSTANCE_RELEASED.eventType(), released));
    assertThat(e.released()).isTrue();
    assertThat(e.release()).isEqualTo(RELEASE);
    assertThat(e.instance()).isEqualTo(INSTANCE);
    assertThat(e.topic()).isEqualTo(Topics.INSTANCE_RELEASED.topic());
    // Its dead-letter copy keeps the release, so a re-drive decides as for a release.
    RoutedEvent again = RoutedEvent.of(e.id(), e.topic(), e.data());
    assertThat(again).isEqualTo(e);
    assertThat(again.released()).isTrue();
  }

  @Test
  void anEventOfAStageIsNotReleased() throws Exception {
    RoutedEvent e = RoutedEvent.decode(record("t", Topics.INSTANCE_RECEIVED.eventType()));
    assertThat(e.released()).isFalse();
    assertThat(e.release()).isNull();
    assertThat(e.data().has("release")).isFalse();
  }

  @Test
  void eachTopicTakesOnlyItsOwnTypes() {
    // The release topic carries releases only: a stage's event there is refused (dead-lettered).
    assertThatThrownBy(
            () ->
                RoutedEvent.decodeReleased(
                    record(Topics.INSTANCE_RELEASED.topic(), Topics.INSTANCE_QC.eventType())))
        .isInstanceOf(EventDecodeException.class)
        .hasMessageContaining(Topics.INSTANCE_QC.eventType());
    // A release without its block is not a release.
    assertThatThrownBy(
            () ->
                RoutedEvent.decodeReleased(
                    record(Topics.INSTANCE_RELEASED.topic(), Topics.INSTANCE_RELEASED.eventType())))
        .isInstanceOf(EventDecodeException.class);
    // The input topic does not take releases: they go through the release topic's consumer.
    assertThatThrownBy(
            () ->
                RoutedEvent.decode(
                    record(
                        Topics.INSTANCE_QC.topic(),
                        Topics.INSTANCE_RELEASED.eventType(),
                        new InstanceReleased(INSTANCE, null, null, RELEASE))))
        .isInstanceOf(EventDecodeException.class);
  }
}
