package org.roentgen.validation.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.ContractSchemas;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.contracts.Topics;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.io.DicomOutputStream;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.platform.events.CloudEvent;
import org.roentgen.platform.events.KafkaCloudEvents;
import org.roentgen.platform.events.ProducerSettings;
import org.roentgen.stack.SharedStack;
import org.roentgen.validation.CorpusEvents;
import org.roentgen.validation.CorpusScore;
import org.roentgen.validation.LabeledCase;
import org.roentgen.validation.LabeledCorpus;
import org.roentgen.validation.domain.RuleIds;

/**
 * The service as it runs: the labeled corpus goes in as {@code dicom.instance.received} events on a
 * real Kafka broker, orders come from DCMTK's worklist SCP, and what comes out on the validated
 * topic is scored: every rule at precision and recall 1.0, every event valid against its schema,
 * keyed by StudyInstanceUID. The worklist-down cases are sent while the SCP is stopped.
 */
@QuarkusTest
@QuarkusTestResource(value = PipelineResource.class, restrictToAnnotatedClass = true)
class ValidationPipelineIT {
  private static KafkaProducer<String, byte[]> producer;
  private static KafkaConsumer<String, byte[]> output;

  @BeforeAll
  static void clients() {
    String servers = SharedStack.get().kafkaBootstrapServers();
    producer =
        new KafkaProducer<>(ProducerSettings.durable(servers, "it-sender", Duration.ofSeconds(30)));
    output = consumer(servers, PipelineResource.OUTPUT);
  }

  @AfterAll
  static void close() {
    producer.close();
    output.close();
  }

  static KafkaConsumer<String, byte[]> consumer(String servers, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p);
    c.subscribe(List.of(topic));
    return c;
  }

  private static void send(InstanceReceived e) throws Exception {
    CloudEvent<InstanceReceived> ce =
        CloudEvent.of(
            "/roentgen/ingest/it",
            Topics.INSTANCE_RECEIVED.eventType(),
            e.sopInstanceUid(),
            Instant.now(),
            e);
    producer
        .send(KafkaCloudEvents.toRecord(PipelineResource.INPUT, e.studyInstanceUid(), ce))
        .get();
  }

  private static List<ConsumerRecord<String, byte[]>> read(
      KafkaConsumer<String, byte[]> c, int n, Duration within) {
    List<ConsumerRecord<String, byte[]>> got = new ArrayList<>();
    long deadline = System.nanoTime() + within.toNanos();
    while (got.size() < n && System.nanoTime() < deadline) {
      c.poll(Duration.ofMillis(200)).forEach(got::add);
    }
    return got;
  }

  @Test
  void theCorpusThroughKafkaAndTheWorklistScoresOneForEveryRule() throws Exception {
    List<LabeledCase> cases = LabeledCorpus.cases();
    List<LabeledCase> up = cases.stream().filter(c -> !c.worklistDown()).toList();
    List<LabeledCase> down = cases.stream().filter(LabeledCase::worklistDown).toList();
    List<InstanceReceived> sent = new ArrayList<>();
    int n = 0;
    for (LabeledCase c : up) {
      InstanceReceived e = CorpusEvents.event(c, ++n);
      sent.add(e);
      send(e);
    }
    List<ConsumerRecord<String, byte[]>> got = read(output, up.size(), Duration.ofSeconds(90));
    assertThat(got).hasSize(up.size());
    // The worklist goes away: those instances are still validated, their order "not checked".
    PipelineResource.scp.stop();
    try {
      for (LabeledCase c : down) {
        InstanceReceived e = CorpusEvents.event(c, ++n);
        sent.add(e);
        send(e);
      }
      List<ConsumerRecord<String, byte[]>> more = read(output, down.size(), Duration.ofSeconds(60));
      assertThat(more).hasSize(down.size());
      got.addAll(more);
    } finally {
      PipelineResource.scp.start();
    }
    // Back up: each instance whose order was not checked is re-checked and validated again.
    List<ConsumerRecord<String, byte[]>> rechecked =
        read(output, down.size(), Duration.ofSeconds(60));
    assertThat(rechecked).hasSize(down.size());
    for (int i = 0; i < down.size(); i++) {
      CloudEvent<InstanceValidated> v =
          KafkaCloudEvents.fromRecord(
              rechecked.get(i), Topics.INSTANCE_VALIDATED.eventType(), InstanceValidated.class);
      assertThat(v.data().instance()).isEqualTo(sent.get(up.size() + i));
      assertThat(v.data().validation().order().status())
          .isEqualTo(InstanceValidated.OrderStatus.MATCHED);
      assertThat(v.data().validation().findings()).isEmpty();
    }
    List<LabeledCase> order = new ArrayList<>(up);
    order.addAll(down);
    CorpusScore score = new CorpusScore();
    for (int i = 0; i < got.size(); i++) {
      ConsumerRecord<String, byte[]> r = got.get(i);
      String json = new String(r.value(), StandardCharsets.UTF_8);
      assertThat(ContractSchemas.violations(Topics.INSTANCE_VALIDATED, json)).as(json).isEmpty();
      CloudEvent<InstanceValidated> v =
          KafkaCloudEvents.fromRecord(
              r, Topics.INSTANCE_VALIDATED.eventType(), InstanceValidated.class);
      assertThat(v.data().instance()).isEqualTo(sent.get(i));
      assertThat(r.key()).isEqualTo(sent.get(i).studyInstanceUid());
      assertThat(v.subject()).isEqualTo(sent.get(i).sopInstanceUid());
      score.score(order.get(i), v.data().validation().findings());
      if (order.get(i).worklistDown()) {
        assertThat(v.data().validation().order().status())
            .isEqualTo(InstanceValidated.OrderStatus.NOT_CHECKED);
        assertThat(v.data().validation().order().recheckAt()).isAfter(v.time());
      }
    }
    System.out.println(
        "Labeled corpus, " + got.size() + " images, through Kafka, orders from wlmscpfs:");
    System.out.println(score.report());
    assertThat(score.errors()).isEmpty();
    assertThat(score.imperfect()).isEmpty();
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("roentgen_validation_instances_total"))
        .body(containsString("roentgen_validation_pregnancy_alerts_total"))
        .body(containsString("rule=\"laterality.missing\""))
        .body(containsString("roentgen_validation_worklist_lookups_total"));
  }

  @Test
  void aRecordThatIsNoReceivedEventGoesToTheDeadLetterTopic() throws Exception {
    try (KafkaConsumer<String, byte[]> dlq =
        consumer(SharedStack.get().kafkaBootstrapServers(), PipelineResource.INPUT + ".dlq")) {
      producer
          .send(
              new ProducerRecord<>(
                  PipelineResource.INPUT, "1.2.3", "not an event".getBytes(StandardCharsets.UTF_8)))
          .get();
      List<ConsumerRecord<String, byte[]>> dead = read(dlq, 1, Duration.ofSeconds(60));
      assertThat(dead).hasSize(1);
      assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not an event");
      assertThat(KafkaCloudEvents.get(dead.get(0).headers(), "roentgen-dlq-reason")).isNotBlank();
    }
  }

  @Test
  void postValidateGivesTheFindingsOfAFile(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    LabeledCase missing =
        LabeledCorpus.cases().stream()
            .filter(c -> c.name().equals("DX hand without laterality"))
            .findFirst()
            .orElseThrow();
    Path file = dir.resolve("case.dcm");
    Attributes ds = missing.dataset();
    new DicomFile(
            DicomOutputStream.createFileMetaInformation(
                ds.getString(Tag.SOPClassUID),
                ds.getString(Tag.SOPInstanceUID),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()),
            ds,
            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
            null)
        .write(file);
    given()
        .contentType("application/dicom")
        .body(Files.readAllBytes(file))
        .post("/validate")
        .then()
        .statusCode(200)
        .body("verdict", equalTo("FAIL"))
        .body("findings.ruleId", hasItem(RuleIds.LATERALITY_MISSING))
        .body("order.status", equalTo("MATCHED"));
    given()
        .contentType("application/dicom")
        .body("this is no DICOM file at all, just some text".getBytes(StandardCharsets.UTF_8))
        .post("/validate")
        .then()
        .statusCode(400)
        .body("error", containsString("DICOM"));
  }

  @Test
  void getRulesListsTheRulesInForce() {
    given()
        .get("/rules")
        .then()
        .statusCode(200)
        .body("rules", hasSize(RuleIds.ALL.size()))
        .body("rules.id", hasItem(RuleIds.PREGNANCY_EXPOSED))
        .body("sha256", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"))
        .body("settings.pregnancy.minAge", equalTo(12));
  }
}
