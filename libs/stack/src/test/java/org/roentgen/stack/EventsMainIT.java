package org.roentgen.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** {@code bin/roentgen events}: a topic's records as JSON lines, read with the broker's client. */
class EventsMainIT {

  @Test
  void printsEveryRecordOfEveryPartitionWithKeyHeadersAndValue() throws Exception {
    String bootstrap = SharedStack.get().kafkaBootstrapServers();
    String topic = "events-it-" + UUID.randomUUID();
    try (KafkaProducer<String, String> producer = KafkaBrokerIT.KafkaClients.producer(bootstrap)) {
      for (int i = 0; i < 5; i++) {
        ProducerRecord<String, String> record =
            new ProducerRecord<>(topic, "1.2.3." + i, "{\"n\": " + i + ",\n \"s\": \"a\\\"b\"}");
        record.headers().add("ce_id", ("id-" + i).getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
      }
      producer.send(new ProducerRecord<>(topic, null, "not \"json\"")).get();
    }

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int printed =
        EventsMain.print(
            new EventsMain.Options(bootstrap, topic, false),
            new PrintStream(bytes, true, StandardCharsets.UTF_8));

    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(printed).isEqualTo(6);
    assertThat(lines).hasSize(6);
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("{\"topic\":\"" + topic + "\",\"partition\":")
                    .contains(
                        "\"key\":\"1.2.3.3\",\"headers\":{\"ce_id\":\"id-3\"},"
                            + "\"value\":{\"n\": 3, \"s\": \"a\\\"b\"}}"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .endsWith("\"key\":null,\"headers\":{},\"value\":\"not \\\"json\\\"\"}"));
  }

  @Test
  void aTopicThatDoesNotExistIsNotCreated() {
    String bootstrap = SharedStack.get().kafkaBootstrapServers();
    EventsMain.Options options =
        new EventsMain.Options(bootstrap, "events-none-" + UUID.randomUUID(), false);

    assertThat(EventsMain.print(options, new PrintStream(new ByteArrayOutputStream())))
        .isEqualTo(-1);
    assertThat(EventsMain.print(options, new PrintStream(new ByteArrayOutputStream())))
        .isEqualTo(-1);
  }

  @Test
  void readsItsCommandLine() {
    assertThat(EventsMain.Options.parse())
        .isEqualTo(new EventsMain.Options("127.0.0.1:9092", "dicom.instance.received.v1", false));
    assertThat(EventsMain.Options.parse("--follow", "--topic", "t", "--bootstrap-servers", "h:1"))
        .isEqualTo(new EventsMain.Options("h:1", "t", true));
    assertThatThrownBy(() -> EventsMain.Options.parse("--topic"))
        .hasMessage("--topic needs a value");
    assertThatThrownBy(() -> EventsMain.Options.parse("--from"))
        .hasMessage("unknown option --from");
  }
}
