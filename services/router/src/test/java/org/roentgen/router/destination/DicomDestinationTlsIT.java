package org.roentgen.router.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.contracts.InstanceDelivery.FailureCause;
import org.roentgen.dicom.testkit.Corpus;
import org.roentgen.dicom.testkit.Processes;
import org.roentgen.router.delivery.DeliveryException;

/**
 * C-STORE over TLS (PS3.15 B.1) to DCMTK's storescp requiring a client certificate: with the peer's
 * certificate trusted and ours presented, the instance arrives; with a trust store that does not
 * hold the peer's certificate, the handshake fails as a permanent TLS failure.
 */
class DicomDestinationTlsIT {
  private static final String PASSWORD = "changeit";

  @TempDir Path tmp;
  private Path key;
  private Path cert;

  @BeforeEach
  void certificates() {
    key = tmp.resolve("key.pem");
    cert = tmp.resolve("cert.pem");
    selfSigned(key, cert);
  }

  private static void selfSigned(Path key, Path cert) {
    Processes.Result r =
        Processes.run(
            60,
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            key.toString(),
            "-out",
            cert.toString(),
            "-days",
            "2",
            "-subj",
            "/CN=localhost");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
  }

  /** A PKCS12 trust store holding one certificate. */
  private Path trustStore(Path certPem, String name) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(certPem)) {
      Certificate c = CertificateFactory.getInstance("X.509").generateCertificate(in);
      ks.setCertificateEntry("peer", c);
    }
    Path p = tmp.resolve(name);
    try (OutputStream out = Files.newOutputStream(p)) {
      ks.store(out, PASSWORD.toCharArray());
    }
    return p;
  }

  /** A PKCS12 key store of a PEM key and certificate (openssl pkcs12 -export). */
  private Path keyStore() {
    Path p = tmp.resolve("client.p12");
    Processes.Result r =
        Processes.run(
            60,
            "openssl",
            "pkcs12",
            "-export",
            "-inkey",
            key.toString(),
            "-in",
            cert.toString(),
            "-out",
            p.toString(),
            "-passout",
            "pass:" + PASSWORD);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return p;
  }

  private Storescp tlsStorescp() throws Exception {
    return new Storescp(
        tmp.resolve("scp"), "+tls", key.toString(), cert.toString(), "-pw", "+cf", cert.toString());
  }

  @Test
  void storesOverTlsWithBothCertificatesChecked() throws Exception {
    TlsSettings tls =
        TlsSettings.trusting(trustStore(cert, "trust.p12"), PASSWORD)
            .withKeyStore(keyStore(), PASSWORD);
    Path ct = Corpus.file("test_files/CT_small.dcm");
    try (Storescp scp = tlsStorescp();
        DicomDestination d = new DicomDestination(scp.destination("tls").withTls(tls))) {
      d.probe();
      FilePayload p = FilePayload.of(ct);
      assertThat(d.send(p).status()).isZero();
      assertThat(SameDataset.difference(ct, scp.file(p.sopInstanceUid()))).isNull();
    }
  }

  @Test
  void anUntrustedPeerIsAPermanentTlsFailure() throws Exception {
    Path otherKey = tmp.resolve("other-key.pem");
    Path otherCert = tmp.resolve("other-cert.pem");
    selfSigned(otherKey, otherCert);
    TlsSettings tls =
        TlsSettings.trusting(trustStore(otherCert, "other-trust.p12"), PASSWORD)
            .withKeyStore(keyStore(), PASSWORD);
    try (Storescp scp = tlsStorescp();
        DicomDestination d = new DicomDestination(scp.destination("tls").withTls(tls))) {
      DeliveryException e =
          catchThrowableOfType(
              DeliveryException.class,
              () -> d.send(FilePayload.of(Corpus.file("test_files/CT_small.dcm"))));
      assertThat(e.failureCause()).as(e.getMessage()).isEqualTo(FailureCause.TLS);
      assertThat(e.permanent()).isTrue();
      assertThat(scp.files()).isEmpty();
    }
  }
}
