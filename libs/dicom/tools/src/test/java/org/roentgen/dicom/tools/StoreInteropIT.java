package org.roentgen.dicom.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Differences;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.testkit.Corpus;
import org.roentgen.dicom.testkit.ImplicitVr;
import org.roentgen.dicom.testkit.Processes;
import org.roentgen.dicom.testkit.RepoPaths;

/**
 * C-ECHO and C-STORE against DCMTK, both directions: DCMTK's echoscu and storescu (proposing each
 * uncompressed transfer syntax) into the toolkit's listener, and the toolkit's send into DCMTK's
 * storescp. Every stored object must arrive with a data set equal to the one sent.
 */
class StoreInteropIT {
  private static final List<String> SAMPLES =
      List.of(
          "test_files/CT_small.dcm",
          "test_files/MR_small.dcm",
          "test_files/MR_small_bigendian.dcm",
          "test_files/MR_small_implicit.dcm",
          "test_files/JPEG2000.dcm",
          "test_files/image_dfl.dcm",
          "charset_files/chrH31.dcm");

  @TempDir Path tmp;

  @Test
  void echoscuAndStorescuIntoOurListener() throws Exception {
    Path dir = tmp.resolve("received");
    ListenCommand.Started scp =
        ListenCommand.start(
            0,
            "ROENTGEN",
            dir,
            org.roentgen.dicom.net.ul.AssociationOptions.defaults(),
            10,
            true,
            new AtomicLong());
    try {
      String port = String.valueOf(scp.port());
      Processes.Result echo = Processes.run(30, "echoscu", "-aec", "ROENTGEN", "127.0.0.1", port);
      assertThat(echo.exitCode()).as(echo.stderr()).isZero();
      Processes.Result wrongAe = Processes.run(30, "echoscu", "-aec", "SOMEONE", "127.0.0.1", port);
      assertThat(wrongAe.exitCode()).as("called AE title not ours is rejected").isNotZero();
      for (String proposal : List.of("-xi", "-xe", "-xb", "-xd")) {
        List<String> cmd =
            new ArrayList<>(List.of("storescu", "-aec", "ROENTGEN", proposal, "+sd"));
        cmd.addAll(List.of("127.0.0.1", port));
        List<Path> files = uncompressed();
        files.forEach(f -> cmd.add(f.toString()));
        Processes.Result r = Processes.run(null, 120, cmd);
        assertThat(r.exitCode()).as("storescu " + proposal + ": " + r.stderr()).isZero();
        assertSameDatasets(files, dir);
        clear(dir);
      }
    } finally {
      scp.acceptor().close();
    }
  }

  @Test
  void ourSendIntoStorescp() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("storescp"));
    int port = freePort();
    Process storescp = startStorescp(dir, port, "+xa", tmp.resolve("storescp.log"));
    try {
      List<Path> files = uncompressed();
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  RepoPaths.dicomCli().toString(),
                  "send",
                  "--calling",
                  "ROENTGEN",
                  "STORESCP@127.0.0.1:" + port));
      files.forEach(f -> cmd.add(f.toString()));
      Processes.Result r = Processes.run(null, 120, cmd);
      assertThat(r.exitCode()).as(r.out() + r.stderr()).isZero();
      assertThat(r.out()).contains("sent " + files.size() + " of " + files.size());
      assertSameDatasets(files, dir);
    } finally {
      storescp.destroy();
      storescp.waitFor();
    }
  }

  @Test
  void ourSendConvertsForAPeerThatTakesImplicitVrOnly() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("implicit-only"));
    int port = freePort();
    Process storescp = startStorescp(dir, port, "+xi", tmp.resolve("storescp-xi.log"));
    try {
      List<Path> convertible =
          List.of(
              Corpus.file("test_files/CT_small.dcm"),
              Corpus.file("test_files/MR_small_bigendian.dcm"),
              Corpus.file("test_files/image_dfl.dcm"));
      Path compressed = Corpus.file("test_files/JPEG2000.dcm");
      List<String> cmd =
          new ArrayList<>(
              List.of(RepoPaths.dicomCli().toString(), "send", "STORESCP@127.0.0.1:" + port));
      convertible.forEach(f -> cmd.add(f.toString()));
      cmd.add(compressed.toString());
      Processes.Result r = Processes.run(null, 120, cmd);
      assertThat(r.exitCode()).as("one file cannot be converted").isEqualTo(1);
      assertThat(r.out()).contains("sent 3 of 4 files", "3 converted", "1 failed");
      assertThat(r.stderr()).contains("JPEG2000.dcm", "compressed data is not converted");
      List<String> problems = new ArrayList<>();
      for (Path f : convertible) {
        Attributes original = DicomFile.read(f).dataset();
        Path received = find(dir, original.getString(Tag.SOPInstanceUID));
        assertThat(received).as(f + " received").isNotNull();
        DicomFile got = DicomFile.read(received);
        assertThat(got.transferSyntax().uid()).isEqualTo(UID.ImplicitVRLittleEndian);
        String d =
            Differences.first(normalised(ImplicitVr.asRead(original)), normalised(got.dataset()));
        if (d != null) {
          problems.add(f.getFileName() + ": " + d);
        }
      }
      assertThat(problems).isEmpty();
    } finally {
      storescp.destroy();
      storescp.waitFor();
    }
  }

  /** The samples storescp accepts by default (+xa: every uncompressed syntax and deflate). */
  private static List<Path> uncompressed() {
    return SAMPLES.stream().filter(s -> !s.contains("JPEG")).map(Corpus::file).toList();
  }

  private static void assertSameDatasets(List<Path> sent, Path dir) throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path f : sent) {
      DicomFile original = DicomFile.read(f);
      String iuid = original.dataset().getString(Tag.SOPInstanceUID);
      Path received = find(dir, iuid);
      if (received == null) {
        problems.add(f.getFileName() + ": not received");
        continue;
      }
      Attributes got = DicomFile.read(received).dataset();
      String d = Differences.first(normalised(original.dataset()), normalised(got));
      if (d != null) {
        problems.add(f.getFileName() + ": " + d);
      }
    }
    assertThat(problems).isEmpty();
  }

  /**
   * What an encoding may legitimately change, made equal: DCMTK drops the trailing padding
   * (FFFC,FFFC) when it writes; implicit VR loses the VR of private elements (UN) and encodes pixel
   * data as OW (PS3.5 A.1). Values themselves must stay byte for byte the same.
   */
  static Attributes normalised(Attributes ds) {
    Attributes n = new Attributes(ds, false);
    n.remove(0xFFFCFFFC);
    for (int tag : n.tags()) {
      Object v = n.getValue(tag);
      if (tag == Tag.PixelData && v instanceof byte[]) {
        n.setValue(tag, org.roentgen.dicom.data.VR.OW, v);
      } else if (org.roentgen.dicom.data.Tags.isPrivate(tag) && v instanceof byte[]) {
        n.setValue(tag, org.roentgen.dicom.data.VR.UN, v);
      }
    }
    return n;
  }

  private static Path find(Path dir, String iuid) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        if (p.getFileName().toString().endsWith(".part")) {
          continue;
        }
        if (iuid.equals(DicomFile.readHeader(p).dataset().getString(Tag.SOPInstanceUID))) {
          return p;
        }
      }
    }
    return null;
  }

  private static void clear(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        Files.delete(p);
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * Starts DCMTK's storescp as STORESCP on {@code port} writing to {@code dir}, accepting the
   * transfer syntaxes {@code proposal} selects ({@code +xa} all, {@code +xi} implicit only), and
   * waits until it answers C-ECHO.
   */
  static Process startStorescp(Path dir, int port, String proposal, Path log) throws Exception {
    Process p =
        new ProcessBuilder(
                "storescp",
                "-aet",
                "STORESCP",
                proposal,
                "-od",
                dir.toString(),
                "-uf",
                String.valueOf(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    awaitEcho("STORESCP", port);
    return p;
  }

  static void awaitEcho(String aet, int port) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (Processes.run(10, "echoscu", "-aec", aet, "127.0.0.1", String.valueOf(port)).ok()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(aet + " did not answer C-ECHO on port " + port);
  }
}
