package org.roentgen.router.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roentgen.dicom.data.UID;
import org.roentgen.platform.objectstore.ObjectStoreSettings;

class SettingsTest {
  private static final ObjectStoreSettings S3 =
      ObjectStoreSettings.of("http://127.0.0.1:9000", "access", "very-secret");

  @Test
  void dicomDefaultsAndChecks() {
    DicomDestinationSettings s = DicomDestinationSettings.of("pacs", "PACS", "pacs.local", 104);
    assertThat(s.callingAeTitle()).isEqualTo("ROENTGEN");
    assertThat(s.transferSyntaxes())
        .containsExactly(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian);
    assertThat(s.peer()).isEqualTo("PACS@pacs.local:104");
    assertThatThrownBy(() -> s.withTransferSyntaxes(List.of(UID.JPEGBaseline8Bit)))
        .hasMessageContaining("not a syntax instances can be converted to");
    assertThatThrownBy(() -> s.withTransferSyntaxes(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> DicomDestinationSettings.of("pacs", "A-TITLE-LONGER-THAN-16", "h", 104))
        .hasMessageContaining("1..16");
    assertThatThrownBy(() -> DicomDestinationSettings.of("pacs", "BACK\\SLASH", "h", 104))
        .hasMessageContaining("illegal character");
    assertThatThrownBy(() -> DicomDestinationSettings.of("pacs", "PACS", "h", 0))
        .hasMessageContaining("port");
    assertThatThrownBy(() -> DicomDestinationSettings.of("has space", "PACS", "h", 104))
        .hasMessageContaining("name");
    assertThatThrownBy(() -> s.withMaxAssociations(0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(
            s.withTransferSyntaxes(
                    List.of(
                        UID.ImplicitVRLittleEndian,
                        UID.ImplicitVRLittleEndian,
                        UID.ExplicitVRBigEndian))
                .transferSyntaxes())
        .containsExactly(UID.ImplicitVRLittleEndian, UID.ExplicitVRBigEndian);
  }

  @Test
  void secretsStayOutOfToString() {
    TlsSettings tls =
        TlsSettings.trusting(Path.of("/etc/trust.p12"), "trust-secret")
            .withKeyStore(Path.of("/etc/key.p12"), "key-secret");
    assertThat(DicomDestinationSettings.of("pacs", "PACS", "h", 104).withTls(tls).toString())
        .doesNotContain("trust-secret")
        .doesNotContain("key-secret")
        .contains("/etc/trust.p12");
    StowRsDestinationSettings stow =
        StowRsDestinationSettings.of("web", URI.create("https://web/dicom-web/studies"))
            .withAuth(new HttpAuth.Basic("router", "basic-secret"));
    assertThat(stow.toString()).doesNotContain("basic-secret");
    assertThat(stow.withAuth(new HttpAuth.Bearer("token-secret")).toString())
        .doesNotContain("token-secret");
    assertThat(new S3DestinationSettings("s3", "bucket", "", S3).toString())
        .doesNotContain("very-secret")
        .doesNotContain("access");
  }

  @Test
  void stowChecks() {
    assertThatThrownBy(() -> StowRsDestinationSettings.of("web", URI.create("ftp://web/studies")))
        .hasMessageContaining("http");
    assertThatThrownBy(
            () -> StowRsDestinationSettings.of("web", URI.create("https://u:p@web/studies")))
        .hasMessageContaining("credentials");
    assertThat(new HttpAuth.Basic("router", "pässword").header())
        .isEqualTo("Basic cm91dGVyOnDDpHNzd29yZA==");
    assertThat(new HttpAuth.Bearer("abc").header()).isEqualTo("Bearer abc");
  }

  @Test
  void bucketNamesFollowS3Rules() {
    for (String bad :
        new String[] {"Upper", "ab", "-start", "end-", "a..b", "10.0.0.1", "under_score"}) {
      assertThatThrownBy(() -> new S3DestinationSettings("s3", bad, "", S3))
          .as(bad)
          .hasMessageContaining("bucket");
    }
    assertThat(new S3DestinationSettings("s3", "routed-images.1", null, S3).keyPrefix()).isEmpty();
    assertThatThrownBy(() -> new S3DestinationSettings("s3", "bucket", "/abs", S3))
        .hasMessageContaining("prefix");
  }

  @Test
  void unreadableTlsStoresFailAtConfiguration() {
    TlsSettings tls = TlsSettings.trusting(Path.of("/nonexistent/trust.p12"), "x");
    assertThatThrownBy(tls::sslContext).hasMessageContaining("cannot set up TLS");
  }
}
