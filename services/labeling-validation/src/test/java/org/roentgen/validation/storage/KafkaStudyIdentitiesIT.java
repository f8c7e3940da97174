package org.roentgen.validation.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.roentgen.platform.events.ProducerSettings;
import org.roentgen.stack.SharedStack;
import org.roentgen.validation.domain.PatientIdentity;
import org.roentgen.validation.domain.StudyIdentities;

/**
 * The identity references survive a restart: a second store on the same topic (the service after a
 * restart, or another instance taking over the study) knows the study's first patient and the
 * instance's patient.
 */
class KafkaStudyIdentitiesIT {
  private static final Duration T = Duration.ofSeconds(20);
  private static final PatientIdentity FIRST =
      new PatientIdentity("SYN0001", "SYNTHETIC^FIRST", "19800101", "M");
  private static final PatientIdentity OTHER =
      new PatientIdentity("SYN0002", "SYNTHETIC^OTHER", "19900202", "F");

  @Test
  void aRestartedStoreRemembersTheFirstPatientOfAStudyAndOfAnInstance() throws Exception {
    String servers = SharedStack.get().kafkaBootstrapServers();
    String topic = "it-identities-" + UUID.randomUUID();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(ProducerSettings.durable(servers, "it-identities", T))) {
      KafkaStudyIdentities before = new KafkaStudyIdentities(servers, topic, producer, T, 100, 100);
      before.restore();
      assertThat(before.remember("1.2.3", "1.2.3.1", FIRST))
          .isEqualTo(new StudyIdentities.Seen(null, null));
      assertThat(before.remember("1.2.3", "1.2.3.2", FIRST))
          .isEqualTo(new StudyIdentities.Seen(null, null));
      before.flush();

      KafkaStudyIdentities after = new KafkaStudyIdentities(servers, topic, producer, T, 100, 100);
      after.restore();
      assertThat(after.studies()).isEqualTo(1);
      // Another patient in the same study, and the same instance for another patient elsewhere.
      assertThat(after.remember("1.2.3", "1.2.3.3", OTHER).studyFirst()).isEqualTo(FIRST);
      assertThat(after.remember("9.9.9", "1.2.3.1", OTHER).instanceBefore()).isEqualTo(FIRST);
      after.flush();

      // The first store, still running (another instance), catches up with what the second wrote.
      before.catchUp();
      assertThat(before.remember("9.9.9", "9.9.9.1", FIRST).studyFirst()).isEqualTo(OTHER);
    }
  }
}
