package org.roentgen.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.ContractSchemas;
import org.roentgen.contracts.EventJson;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.contracts.Topics;

class KafkaCloudEventsTest {
  static InstanceReceived received() throws Exception {
    JsonNode header =
        EventJson.mapper().readTree("{\"00080060\":{\"vr\":\"CS\",\"Value\":[\"CR\"]}}");
    return new InstanceReceived(
        "1.2.3.4",
        "1.2.840.10008.5.1.4.1.1.1",
        "1.2.3",
        "1.2.3.1",
        "1.2.840.10008.1.2",
        "CR",
        new InstanceReceived.StoredObject("dicom", "studies/1.2.3/x.dcm", 10, "0".repeat(64), 1),
        null,
        new InstanceReceived.Source(
            InstanceReceived.Protocol.DIMSE, "CR1", "ROENTGEN", "127.0.0.1:1", "ingest-0"),
        header,
        null,
        Instant.parse("2026-11-26T10:00:00Z"));
  }

  private static <K, V> ConsumerRecord<K, V> consumed(ProducerRecord<K, V> p) {
    return new ConsumerRecord<>(
        p.topic(),
        0,
        42L,
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
  void binaryModeRoundTripKeepsAttributesAndData() throws Exception {
    CloudEvent<InstanceReceived> event =
        CloudEvent.of(
            "/roentgen/ingest/test",
            Topics.INSTANCE_RECEIVED.eventType(),
            "1.2.3.4",
            Instant.parse("2026-11-26T10:00:01.5Z"),
            received());
    ProducerRecord<String, byte[]> record =
        KafkaCloudEvents.toRecord(Topics.INSTANCE_RECEIVED.topic(), "1.2.3", event);
    assertThat(record.key()).isEqualTo("1.2.3");
    assertThat(KafkaCloudEvents.get(record.headers(), KafkaCloudEvents.SPEC_VERSION))
        .isEqualTo("1.0");
    assertThat(KafkaCloudEvents.get(record.headers(), KafkaCloudEvents.TYPE))
        .isEqualTo("org.roentgen.dicom.instance.received.v1");
    assertThat(KafkaCloudEvents.get(record.headers(), KafkaCloudEvents.CONTENT_TYPE))
        .isEqualTo("application/json");
    String value = new String(record.value(), StandardCharsets.UTF_8);
    assertThat(ContractSchemas.violations(Topics.INSTANCE_RECEIVED, value)).isEmpty();

    CloudEvent<InstanceReceived> back =
        KafkaCloudEvents.fromRecord(
            consumed(record), Topics.INSTANCE_RECEIVED.eventType(), InstanceReceived.class);
    assertThat(back).isEqualTo(event);
  }

  @Test
  void aRecordOfAnotherTypeOrNotACloudEventIsRefusedWithItsPosition() throws Exception {
    CloudEvent<InstanceReceived> event =
        CloudEvent.of("/x", "org.roentgen.other.v1", null, Instant.now(), received());
    ProducerRecord<String, byte[]> other = KafkaCloudEvents.toRecord("t", "k", event);
    assertThatThrownBy(
            () ->
                KafkaCloudEvents.fromRecord(
                    consumed(other), Topics.INSTANCE_RECEIVED.eventType(), InstanceReceived.class))
        .isInstanceOf(EventDecodeException.class)
        .hasMessageContaining("org.roentgen.other.v1")
        .hasMessageContaining("t-0@42");

    ProducerRecord<String, byte[]> plain =
        new ProducerRecord<>(
            "t", null, "k", "{}".getBytes(StandardCharsets.UTF_8), new RecordHeaders());
    assertThatThrownBy(
            () ->
                KafkaCloudEvents.fromRecord(
                    consumed(plain), Topics.INSTANCE_RECEIVED.eventType(), InstanceReceived.class))
        .isInstanceOf(EventDecodeException.class)
        .hasMessageContaining("not a CloudEvents 1.0 record");
  }

  @Test
  void dataThatIsNotTheContractTypeIsRefused() throws Exception {
    CloudEvent<InstanceReceived> event =
        CloudEvent.of("/x", Topics.INSTANCE_RECEIVED.eventType(), null, Instant.now(), received());
    ProducerRecord<String, byte[]> good = KafkaCloudEvents.toRecord("t", "k", event);
    ProducerRecord<String, byte[]> broken =
        new ProducerRecord<>(
            "t",
            null,
            "k",
            "{\"sopInstanceUid\":\"1\"}".getBytes(StandardCharsets.UTF_8),
            good.headers());
    assertThatThrownBy(
            () ->
                KafkaCloudEvents.fromRecord(
                    consumed(broken), Topics.INSTANCE_RECEIVED.eventType(), InstanceReceived.class))
        .isInstanceOf(EventDecodeException.class)
        .hasMessageContaining("not a valid InstanceReceived");
  }
}
