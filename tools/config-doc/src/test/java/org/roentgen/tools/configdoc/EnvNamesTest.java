package org.roentgen.tools.configdoc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvNamesTest {
  @Test
  void upperCasesAndReplacesEveryOtherCharacter() {
    assertThat(EnvNames.of("ingest.dicom.port")).isEqualTo("INGEST_DICOM_PORT");
    assertThat(EnvNames.of("router.kafka.group-id")).isEqualTo("ROUTER_KAFKA_GROUP_ID");
    assertThat(EnvNames.of("quarkus.log.category.\"org.apache.kafka\".level"))
        .isEqualTo("QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL");
    assertThat(EnvNames.of("%test.ingest.dicom.port")).isEqualTo("_TEST_INGEST_DICOM_PORT");
  }

  @Test
  void keepsAMapKeyPlaceholder() {
    assertThat(EnvNames.of("router.destinations.<name>.max-associations"))
        .isEqualTo("ROUTER_DESTINATIONS_<NAME>_MAX_ASSOCIATIONS");
  }

  @Test
  void kebabCaseAsSmallRyeNamesMethods() {
    assertThat(Names.kebab("bootstrapServers")).isEqualTo("bootstrap-servers");
    assertThat(Names.kebab("maxPduLength")).isEqualTo("max-pdu-length");
    assertThat(Names.kebab("workingSpacingMm")).isEqualTo("working-spacing-mm");
    assertThat(Names.kebab("port")).isEqualTo("port");
  }
}
