package org.roentgen.dicom.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Differences;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.io.DicomOutputStream;
import org.roentgen.dicom.json.DicomJson;
import org.roentgen.dicom.net.ul.AssociationOptions;

/**
 * {@code selftest}: the toolkit end to end on loopback, without any other program: a listener on a
 * free port, then echo, send, find and dump --json of a synthetic radiograph against it, and the
 * received object compared with the one sent; then a worklist SCP with the demo orders and a
 * worklist find of one of them. {@code bin/dicom} also uses it once to record the classes the
 * commands load (a class-data-sharing archive that shortens every start).
 */
final class SelftestCommand implements Main.Command {
  @Override
  public String usage() {
    return "selftest   check the toolkit end to end on loopback (listen, echo, send, find, dump,"
        + " worklist)";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (args.length > 0) {
      throw new Main.UsageException("no arguments");
    }
    long start = System.nanoTime();
    Path dir = Files.createTempDirectory("dicom-selftest");
    ListenCommand.Started scp = null;
    WorklistCommand.Started wl = null;
    try {
      Path file = dir.resolve("sent.dcm");
      Attributes sent = radiograph();
      DicomOutputStream.writeFile(
          file,
          DicomOutputStream.createFileMetaInformation(
              sent.getString(Tag.SOPClassUID),
              sent.getString(Tag.SOPInstanceUID),
              UID.ExplicitVRLittleEndian),
          sent);
      Path received = dir.resolve("received");
      scp =
          ListenCommand.start(
              0, "SELFTEST", received, AssociationOptions.defaults(), 2, false, new AtomicLong());
      String peer = "SELFTEST@127.0.0.1:" + scp.port();
      run(err, "echo", "--calling", "SELFTEST-SCU", peer);
      run(err, "send", "--calling", "SELFTEST-SCU", peer, file.toString());
      Path got = received.resolve(sent.getString(Tag.SOPInstanceUID) + ".dcm");
      String d = Differences.first(sent, DicomFile.read(got).dataset());
      if (d != null) {
        throw new IOException("the received object differs from the one sent: " + d);
      }
      String found =
          run(
              err,
              "find",
              "--calling",
              "SELFTEST-SCU",
              "-k",
              "PatientID=SELFTEST",
              "-k",
              "StudyInstanceUID",
              peer);
      if (!found.contains(sent.getString(Tag.StudyInstanceUID))) {
        throw new IOException("find did not return the study that was sent");
      }
      String json = run(err, "dump", "--json", got.toString());
      if (Differences.first(sent, DicomJson.read(json.strip())) != null) {
        throw new IOException("dump --json does not read back to the object");
      }
      wl =
          WorklistCommand.start(
              0,
              "SELFTEST-WL",
              dir.resolve("worklist"),
              AssociationOptions.defaults(),
              2,
              new PrintStream(OutputStream.nullOutputStream()));
      DemoOrders.write(dir.resolve("worklist"), LocalDate.now());
      String order =
          run(
              err,
              "find",
              "--mwl",
              "--json",
              "--calling",
              "SELFTEST-SCU",
              "-k",
              "AccessionNumber=DEMO0003",
              "-k",
              "PatientName",
              "SELFTEST-WL@127.0.0.1:" + wl.port());
      if (!"DEMO^ZOË".equals(DicomJson.read(order.strip()).getString(Tag.PatientName))) {
        throw new IOException("worklist did not return the order asked for");
      }
      out.printf(
          "selftest: ok (listen, echo, send, find, dump --json, worklist) in %d ms%n",
          (System.nanoTime() - start) / 1_000_000);
      return 0;
    } finally {
      if (scp != null) {
        scp.acceptor().close();
      }
      if (wl != null) {
        wl.acceptor().close();
      }
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Runs one command; returns what it printed, or throws with what it reported. */
  private static String run(PrintStream err, String... args) throws IOException {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int status =
        Main.run(
            args,
            new PrintStream(o, true, StandardCharsets.UTF_8),
            new PrintStream(e, true, StandardCharsets.UTF_8));
    if (status != 0) {
      throw new IOException(
          "dicom "
              + args[0]
              + " failed ("
              + status
              + "): "
              + e.toString(StandardCharsets.UTF_8).strip());
    }
    return o.toString(StandardCharsets.UTF_8);
  }

  /** A small synthetic DX image (no real patient). */
  private static Attributes radiograph() {
    String root = "2.25." + new java.math.BigInteger(1, uuidBytes());
    Attributes ds = new Attributes();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    ds.setString(Tag.SOPClassUID, VR.UI, UID.DigitalXRayImageStorageForPresentation);
    ds.setString(Tag.SOPInstanceUID, VR.UI, root + ".3");
    ds.setString(Tag.Modality, VR.CS, "DX");
    ds.setString(Tag.PatientName, VR.PN, "SELFTEST^RÖNTGEN");
    ds.setString(Tag.PatientID, VR.LO, "SELFTEST");
    ds.setString(Tag.StudyInstanceUID, VR.UI, root + ".1");
    ds.setString(Tag.SeriesInstanceUID, VR.UI, root + ".2");
    ds.setInt(Tag.Rows, VR.US, 64);
    ds.setInt(Tag.Columns, VR.US, 64);
    ds.setInt(Tag.BitsAllocated, VR.US, 16);
    byte[] pixels = new byte[64 * 64 * 2];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 7);
    }
    ds.setBytes(Tag.PixelData, VR.OW, pixels);
    return ds;
  }

  private static byte[] uuidBytes() {
    UUID u = UUID.randomUUID();
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
    b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
    return b.array();
  }
}
