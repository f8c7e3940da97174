package org.roentgen.tools.configdoc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PropertiesFileTest {
  @Test
  void keepsSectionsNotesProfilesAndValuesAsWritten() {
    List<PropertiesFile.Entry> entries =
        PropertiesFile.parse(
            List.of(
                "# ---- application ---------------",
                "quarkus.application.name=ingest",
                "# Graceful shutdown: the consumer",
                "# finishes what it holds.",
                "quarkus.shutdown.timeout = 30s",
                "",
                "# a note lost before a blank line",
                "",
                "# ---- authentication: HTTP Basic and",
                "# OIDC bearer tokens ----------",
                "ingest.s3.access-key=${ROENTGEN_S3_ACCESS_KEY:roentgen}",
                "%test.ingest.dicom.port: 0",
                "long.value=a,\\",
                "    b"));
    assertThat(entries)
        .containsExactly(
            new PropertiesFile.Entry("application", "", "", "quarkus.application.name", "ingest"),
            new PropertiesFile.Entry(
                "application",
                "Graceful shutdown: the consumer finishes what it holds.",
                "",
                "quarkus.shutdown.timeout",
                "30s"),
            new PropertiesFile.Entry(
                "authentication: HTTP Basic and OIDC bearer tokens",
                "",
                "",
                "ingest.s3.access-key",
                "${ROENTGEN_S3_ACCESS_KEY:roentgen}"),
            new PropertiesFile.Entry(
                "authentication: HTTP Basic and OIDC bearer tokens",
                "",
                "test",
                "ingest.dicom.port",
                "0"),
            new PropertiesFile.Entry(
                "authentication: HTTP Basic and OIDC bearer tokens", "", "", "long.value", "a,b"));
    assertThat(entries.get(3).envName()).isEqualTo("_TEST_INGEST_DICOM_PORT");
  }

  @Test
  void findsTheVariablesAValueNames() {
    assertThat(PropertiesFile.envReferences("${ROENTGEN_S3_ACCESS_KEY:roentgen}"))
        .containsExactly(new PropertiesFile.EnvReference("ROENTGEN_S3_ACCESS_KEY", "roentgen"));
    assertThat(PropertiesFile.envReferences("${ROENTGEN_DEIDENTIFY_KEY}"))
        .containsExactly(new PropertiesFile.EnvReference("ROENTGEN_DEIDENTIFY_KEY", null));
    assertThat(PropertiesFile.envReferences("${A:}/x/${B:b}"))
        .containsExactly(
            new PropertiesFile.EnvReference("A", ""), new PropertiesFile.EnvReference("B", "b"));
    assertThat(PropertiesFile.envReferences("plain")).isEmpty();
  }
}
