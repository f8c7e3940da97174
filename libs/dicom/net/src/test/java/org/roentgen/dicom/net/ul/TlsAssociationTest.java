package org.roentgen.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.roentgen.dicom.net.ul.FakePeer.IVR;
import static org.roentgen.dicom.net.ul.FakePeer.VERIFICATION;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An association over TLS (PS3.15 Annex B.1) with mutual authentication, using a synthetic
 * self-signed key pair that {@code keytool} generates for the test.
 */
@Timeout(60)
class TlsAssociationTest {

  static final char[] PASSWORD = "roentgen-test-only".toCharArray();

  @TempDir static Path dir;
  static SSLContext tls;

  @BeforeAll
  static void generateKey() throws Exception {
    Path keystore = dir.resolve("test.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "roentgen-test",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(output).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, PASSWORD);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
  }

  @Test
  void associationAndMessagesOverMutualTls() throws Exception {
    AssociationOptions options = AssociationOptions.defaults().withTls(tls, true);
    RecordingHandler scp = new RecordingHandler(true);
    try (AssociationAcceptor acceptor =
        new AssociationAcceptor(
            options,
            DefaultAcceptancePolicy.create().withAbstractSyntax(VERIFICATION, IVR),
            scp,
            4)) {
      int port = acceptor.start(0);
      RecordingHandler scu = new RecordingHandler(false);
      Association as =
          Association.connect(
              AssociationRequest.of("SCP", "SCU").withContext(VERIFICATION, IVR),
              "127.0.0.1",
              port,
              options,
              scu);
      byte[] big = new byte[300_000];
      as.send(1, big);
      AcceptorLimitTest.waitUntil(() -> scu.commands.size() == 1);
      assertThat(scu.commands.get(0)).isEqualTo(big);
      as.release();
      assertThat(scp.awaitClosed()).isNull();
    }
  }

  @Test
  void plainRequestorCannotAssociateWithTlsAcceptor() throws Exception {
    AssociationOptions options = AssociationOptions.defaults().withTls(tls, true);
    try (AssociationAcceptor acceptor =
        new AssociationAcceptor(
            options,
            DefaultAcceptancePolicy.create().withAbstractSyntax(VERIFICATION, IVR),
            new RecordingHandler(true),
            4)) {
      int port = acceptor.start(0);
      assertThatThrownBy(
              () ->
                  Association.connect(
                      AssociationRequest.of("SCP", "SCU").withContext(VERIFICATION, IVR),
                      "127.0.0.1",
                      port,
                      AssociationOptions.defaults(),
                      new RecordingHandler(false)))
          .isInstanceOf(java.io.IOException.class);
    }
  }
}
