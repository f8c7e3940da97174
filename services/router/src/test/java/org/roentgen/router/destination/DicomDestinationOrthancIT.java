package org.roentgen.router.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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

/** C-STORE to Orthanc (Debian's package, a real PACS), checked through its REST API. */
class DicomDestinationOrthancIT {
  @TempDir static Path tmp;
  private static OrthancServer orthanc;

  @BeforeAll
  static void start() throws Exception {
    orthanc = OrthancServer.start(tmp.resolve("orthanc"), "ORTHANC", List.of());
  }

  @AfterAll
  static void stop() {
    if (orthanc != null) {
      orthanc.close();
    }
  }

  private static DicomDestinationSettings settings() {
    return DicomDestinationSettings.of("orthanc", "ORTHANC", "127.0.0.1", orthanc.dicomPort());
  }

  /** The file Orthanc stored for an instance. */
  private static Path stored(String sopInstanceUid) throws Exception {
    List<String> ids = orthanc.find("Instance", Map.of("SOPInstanceUID", sopInstanceUid));
    assertThat(ids).as("Orthanc has " + sopInstanceUid).hasSize(1);
    Path f = Files.createTempFile(tmp, "orthanc-", ".dcm");
    Files.write(f, orthanc.instanceFile(ids.get(0)));
    return f;
  }

  @Test
  void instancesArriveEqualToWhatWasSentInTheirOwnSyntaxes() throws Exception {
    List<Path> files =
        List.of(
            SyntheticRadiographs.write(tmp.resolve("dx"), 1, 256, 256, 11).get(0),
            Corpus.file("test_files/CT_small.dcm"),
            Corpus.file("test_files/MR_small_implicit.dcm"),
            Corpus.file("test_files/JPEG-lossy.dcm"),
            Corpus.file("test_files/SC_rgb_jpeg_dcmtk.dcm"));
    try (DicomDestination d = new DicomDestination(settings())) {
      for (Path f : files) {
        FilePayload p = FilePayload.of(f);
        SendResult r = d.send(p);
        assertThat(r.status()).isZero();
        assertThat(r.transferSyntaxUid()).as(f.toString()).isEqualTo(p.transferSyntaxUid());
        assertThat(SameDataset.difference(f, stored(p.sopInstanceUid()))).as(f.toString()).isNull();
      }
      assertThat(d.associationsOpened()).isLessThanOrEqualTo(files.size());
      d.probe();
    }
  }

  @Test
  void aWrongCalledAeTitleIsAPermanentRejection() throws Exception {
    try (DicomDestination d =
        new DicomDestination(
            DicomDestinationSettings.of(
                "orthanc", "NOT-ORTHANC", "127.0.0.1", orthanc.dicomPort()))) {
      DeliveryException e =
          catchThrowableOfType(
              DeliveryException.class,
              () -> d.send(FilePayload.of(Corpus.file("test_files/CT_small.dcm"))));
      assertThat(e.failureCause()).isEqualTo(FailureCause.ASSOCIATION_REJECTED);
      assertThat(e.getMessage()).contains("CALLED_AE_TITLE_NOT_RECOGNIZED");
      assertThat(e.permanent()).isTrue();
      DeliveryException probe = catchThrowableOfType(DeliveryException.class, d::probe);
      assertThat(probe.failureCause()).isEqualTo(FailureCause.ASSOCIATION_REJECTED);
    }
  }
}
