package org.roentgen.router.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roentgen.platform.objectstore.ObjectStoreSettings;

class DestinationsTest {
  private static final DicomDestinationSettings PACS =
      DicomDestinationSettings.of("pacs", "PACS", "127.0.0.1", 104);
  private static final StowRsDestinationSettings WEB =
      StowRsDestinationSettings.of("web", URI.create("http://127.0.0.1:8042/dicom-web/studies"));
  private static final S3DestinationSettings BUCKET =
      new S3DestinationSettings(
          "bucket", "routed", "", ObjectStoreSettings.of("http://127.0.0.1:9000", "a", "b"));

  @Test
  void buildsEachKindByNameAndClosesThem() {
    try (Destinations d = Destinations.of(List.of(PACS, WEB, BUCKET))) {
      assertThat(d.names()).containsExactly("pacs", "web", "bucket");
      assertThat(d.get("pacs")).get().isInstanceOf(DicomDestination.class);
      assertThat(d.get("web")).get().isInstanceOf(StowRsDestination.class);
      assertThat(d.get("bucket")).get().isInstanceOf(S3Destination.class);
      assertThat(d.get("other")).isEmpty();
      assertThat(d.all()).hasSize(3);
    }
  }

  @Test
  void namesAreUnique() {
    assertThatThrownBy(() -> Destinations.of(List.of(PACS, PACS)))
        .hasMessageContaining("two destinations are named pacs");
  }

  @Test
  void aDestinationThatCannotBeBuiltFailsTheWhole() {
    DicomDestinationSettings broken =
        DicomDestinationSettings.of("tls", "PACS", "127.0.0.1", 2762)
            .withTls(TlsSettings.trusting(Path.of("/nonexistent.p12"), null));
    assertThatThrownBy(() -> Destinations.of(List.of(PACS, broken)))
        .hasMessageContaining("cannot set up TLS");
  }
}
