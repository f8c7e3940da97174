package org.roentgen.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
  private static ConsumerRecord<String, byte[]> consumed(byte[] value, RecordHeaders headers) {
    return new ConsumerRecord<>(
        "dicom.instance.received.v1",
        2,
        41L,
        0L,
        TimestampType.CREATE_TIME,
        0,
        value.length,
        "1.2.3",
        value,
        headers,
        Optional.empty());
  }

  private static String header(ProducerRecord<?, ?> r, String name) {
    return KafkaCloudEvents.get(r.headers(), name);
  }

  @Test
  void aDeadLetterKeepsKeyValueAndHeadersAndNamesItsOrigin() {
    RecordHeaders headers = new RecordHeaders();
    headers.add(KafkaCloudEvents.ID, "id-1".getBytes(StandardCharsets.UTF_8));
    headers.add("empty", null);
    byte[] value = {1, 2, 3};
    ProducerRecord<String, byte[]> dead =
        DeadLetters.record(consumed(value, headers), "no SOP Class UID", "labeling-validation");

    assertThat(dead.topic()).isEqualTo("dicom.instance.received.v1.dlq");
    assertThat(dead.partition()).isNull(); // partitioned by key, like the original
    assertThat(dead.key()).isEqualTo("1.2.3");
    assertThat(dead.value()).isEqualTo(value);
    assertThat(header(dead, KafkaCloudEvents.ID)).isEqualTo("id-1");
    assertThat(dead.headers().lastHeader("empty")).isNotNull();
    assertThat(header(dead, DeadLetters.REASON)).isEqualTo("no SOP Class UID");
    assertThat(header(dead, DeadLetters.TOPIC)).isEqualTo("dicom.instance.received.v1");
    assertThat(header(dead, DeadLetters.PARTITION)).isEqualTo("2");
    assertThat(header(dead, DeadLetters.OFFSET)).isEqualTo("41");
    assertThat(header(dead, DeadLetters.CONSUMER)).isEqualTo("labeling-validation");
    assertThat(headers.toArray()).hasSize(2); // the consumed record is not changed
  }

  @Test
  void aRecordDeadLetteredTwiceKeepsBothReasonsNewestLast() {
    RecordHeaders headers = new RecordHeaders();
    headers.add(DeadLetters.REASON, "first".getBytes(StandardCharsets.UTF_8));
    ProducerRecord<String, byte[]> dead =
        DeadLetters.record(consumed(new byte[0], headers), "second", "router");
    List<String> reasons = new java.util.ArrayList<>();
    for (Header h : dead.headers().headers(DeadLetters.REASON)) {
      reasons.add(new String(h.value(), StandardCharsets.UTF_8));
    }
    assertThat(reasons).containsExactly("first", "second");
    assertThat(header(dead, DeadLetters.REASON)).isEqualTo("second");
  }

  @Test
  void theReasonIsTheMessageOrTheClassAndIsBounded() {
    assertThat(DeadLetters.reason(new PermanentEventException(" bad tag (0010,0010) ")))
        .isEqualTo("bad tag (0010,0010)");
    assertThat(DeadLetters.reason(new PermanentEventException(null)))
        .isEqualTo(PermanentEventException.class.getName());
    assertThat(DeadLetters.reason(new PermanentEventException("x".repeat(5000))))
        .hasSize(DeadLetters.MAX_REASON_LENGTH);
  }

  @Test
  void aDecodeFailureIsPermanent() {
    assertThat(new EventDecodeException("bad", "t", 0, 1, null))
        .isInstanceOf(PermanentEventException.class);
  }
}
