package org.roentgen.router.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.contracts.InstanceDelivery.FailureCause;
import org.roentgen.dicom.testkit.Corpus;
import org.roentgen.dicom.testkit.OrthancServer;
import org.roentgen.dicom.testkit.SyntheticRadiographs;
import org.roentgen.router.delivery.DeliveryException;
import org.roentgen.router.delivery.SendResult;

/**
 * STOW-RS to Orthanc with its DICOMweb plugin (Debian's orthanc-dicomweb, a real STOW-RS server),
 * behind HTTP Basic authentication; what arrived is read back through Orthanc's REST API.
 */
class StowRsDestinationIT {
  private static final String USER = "router";
  private static final String PASSWORD = "stow-secret";

  @TempDir static Path tmp;
  private static OrthancServer orthanc;

  @BeforeAll
  static void start() throws Exception {
    orthanc =
        OrthancServer.start(
            tmp.resolve("orthanc"),
            "ORTHANC",
            List.of(),
            Map.of(
                "Plugins",
                List.of(OrthancServer.DICOMWEB_PLUGIN.toString()),
                "DicomWeb",
                Map.of("Enable", true, "Root", "/dicom-web/"),
                "AuthenticationEnabled",
                true,
                "RegisteredUsers",
                Map.of(USER, PASSWORD)));
  }

  @AfterAll
  static void stop() {
    if (orthanc != null) {
      orthanc.close();
    }
  }

  private static URI studies() {
    return URI.create("http://127.0.0.1:" + orthanc.httpPort() + "/dicom-web/studies");
  }

  private static StowRsDestinationSettings settings() {
    return StowRsDestinationSettings.of("web", studies())
        .withAuth(new HttpAuth.Basic(USER, PASSWORD));
  }

  /** The file Orthanc stored for an instance (the REST helpers authenticate as the user). */
  private static Path stored(String sopInstanceUid) throws Exception {
    List<String> ids = orthanc.find("Instance", Map.of("SOPInstanceUID", sopInstanceUid));
    assertThat(ids).as("Orthanc has " + sopInstanceUid).hasSize(1);
    Path f = Files.createTempFile(tmp, "stored-", ".dcm");
    Files.write(f, orthanc.instanceFile(ids.get(0)));
    return f;
  }

  @Test
  void instancesArriveEqualToWhatWasSent() throws Exception {
    List<Path> files =
        List.of(
            SyntheticRadiographs.write(tmp.resolve("dx"), 1, 1024, 1024, 5).get(0),
            Corpus.file("test_files/CT_small.dcm"),
            Corpus.file("test_files/JPEG2000.dcm"));
    try (StowRsDestination d = new StowRsDestination(settings())) {
      for (Path f : files) {
        FilePayload p = FilePayload.of(f);
        SendResult r = d.send(p);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.transferSyntaxUid()).isEqualTo(p.transferSyntaxUid());
        assertThat(SameDataset.difference(f, stored(p.sopInstanceUid()))).as(f.toString()).isNull();
      }
      d.probe();
    }
  }

  @Test
  void wrongCredentialsAreAPermanentClientError() throws Exception {
    try (StowRsDestination d =
        new StowRsDestination(settings().withAuth(new HttpAuth.Basic(USER, "wrong")))) {
      DeliveryException e =
          catchThrowableOfType(
              DeliveryException.class,
              () -> d.send(FilePayload.of(Corpus.file("test_files/CT_small.dcm"))));
      assertThat(e.failureCause()).isEqualTo(FailureCause.HTTP_CLIENT_ERROR);
      assertThat(e.status()).isEqualTo(401);
      assertThat(e.permanent()).isTrue();
      assertThat(e.getMessage()).doesNotContain("wrong");
      d.probe(); // 401 is an answer: the server is up
    }
  }

  @Test
  void aBodyTheServerCannotReadIsAPermanentClientError() throws Exception {
    Path garbage = tmp.resolve("garbage.dcm");
    Files.write(garbage, "not DICOM at all".repeat(100).getBytes(StandardCharsets.US_ASCII));
    FilePayload real = FilePayload.of(Corpus.file("test_files/CT_small.dcm"));
    FilePayload p =
        new FilePayload(
            garbage,
            real.sopClassUid(),
            real.sopInstanceUid(),
            real.studyInstanceUid(),
            real.transferSyntaxUid(),
            Files.size(garbage),
            "0".repeat(64));
    try (StowRsDestination d = new StowRsDestination(settings())) {
      DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> d.send(p));
      assertThat(e.failureCause()).isEqualTo(FailureCause.HTTP_CLIENT_ERROR);
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.permanent()).isTrue();
    }
  }

  @Test
  void aWrongPathIsAPermanentClientError() throws Exception {
    URI wrong = URI.create("http://127.0.0.1:" + orthanc.httpPort() + "/no-dicom-web/studies");
    try (StowRsDestination d =
        new StowRsDestination(
            StowRsDestinationSettings.of("web", wrong)
                .withAuth(new HttpAuth.Basic(USER, PASSWORD)))) {
      DeliveryException e =
          catchThrowableOfType(
              DeliveryException.class,
              () -> d.send(FilePayload.of(Corpus.file("test_files/CT_small.dcm"))));
      assertThat(e.failureCause()).isEqualTo(FailureCause.HTTP_CLIENT_ERROR);
      assertThat(e.status()).isEqualTo(404);
    }
  }

  @Test
  void nothingListeningIsATransientConnectionFailure() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (StowRsDestination d =
        new StowRsDestination(
            StowRsDestinationSettings.of(
                "down", URI.create("http://127.0.0.1:" + port + "/dicom-web/studies")))) {
      DeliveryException e =
          catchThrowableOfType(
              DeliveryException.class,
              () -> d.send(FilePayload.of(Corpus.file("test_files/CT_small.dcm"))));
      assertThat(e.failureCause()).isEqualTo(FailureCause.CONNECTION);
      assertThat(e.permanent()).isFalse();
      DeliveryException probe = catchThrowableOfType(DeliveryException.class, d::probe);
      assertThat(probe.failureCause()).isEqualTo(FailureCause.CONNECTION);
    }
  }

  @Test
  void aPayloadThatCannotBeReadIsAnObjectStoreFailureNotTheServers() throws Exception {
    FilePayload real = FilePayload.of(Corpus.file("test_files/CT_small.dcm"));
    FilePayload gone =
        new FilePayload(
            tmp.resolve("gone.dcm"),
            real.sopClassUid(),
            real.sopInstanceUid(),
            real.studyInstanceUid(),
            real.transferSyntaxUid(),
            real.size(),
            real.sha256());
    try (StowRsDestination d = new StowRsDestination(settings())) {
      DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> d.send(gone));
      assertThat(e.failureCause()).as(e.getMessage()).isEqualTo(FailureCause.OBJECT_MISSING);
      assertThat(e.permanent()).isTrue();
    }
  }
}
