package org.roentgen.dicom.tools;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * Three synthetic orders for trying a worklist out ({@code worklist --demo-orders}): fake patients
 * {@code DEMO^...}, accession numbers {@code DEMO0001} to {@code DEMO0003}, scheduled on the given
 * day, each a DICOM JSON file that also shows how to write one. No real person's data.
 */
final class DemoOrders {
  private DemoOrders() {}

  /** One order: patient, requested procedure and its one scheduled step. */
  record Order(
      String accession,
      String charset,
      String patientId,
      String patientName,
      String birthDate,
      String sex,
      String modality,
      String procedure,
      String step,
      String time,
      String priority) {}

  static final List<Order> ORDERS =
      List.of(
          new Order(
              "DEMO0001",
              null,
              "DEMO-P0001",
              "DEMO^ALICE",
              "19800101",
              "F",
              "DX",
              "XR CHEST",
              "XR CHEST PA",
              "080000",
              "ROUTINE"),
          new Order(
              "DEMO0002",
              null,
              "DEMO-P0002",
              "DEMO^BOB",
              "19751224",
              "M",
              "DX",
              "XR HAND LEFT",
              "XR HAND LEFT PA AND OBLIQUE",
              "093000",
              "ROUTINE"),
          new Order(
              "DEMO0003",
              "ISO_IR 192",
              "DEMO-P0003",
              "DEMO^ZOË",
              "19920607",
              "F",
              "CR",
              "XR KNEE RIGHT",
              "XR KNEE RIGHT AP AND LATERAL",
              "110000",
              "STAT"));

  /** The JSON of one order (PS3.18 F.2); a null charset is the default repertoire (ASCII). */
  static String json(Order o, String date, String studyUid) {
    String charset =
        o.charset() == null
            ? ""
            : """
              "00080005": {"vr": "CS", "Value": ["%s"]},
            """
                .formatted(o.charset());
    return """
        {
        %s  "00080050": {"vr": "SH", "Value": ["%s"]},
          "00080090": {"vr": "PN", "Value": [{"Alphabetic": "DEMO^REFERRER"}]},
          "00100010": {"vr": "PN", "Value": [{"Alphabetic": "%s"}]},
          "00100020": {"vr": "LO", "Value": ["%s"]},
          "00100030": {"vr": "DA", "Value": ["%s"]},
          "00100040": {"vr": "CS", "Value": ["%s"]},
          "0020000D": {"vr": "UI", "Value": ["%s"]},
          "00321060": {"vr": "LO", "Value": ["%s"]},
          "00400100": {"vr": "SQ", "Value": [{
            "00080060": {"vr": "CS", "Value": ["%s"]},
            "00400001": {"vr": "AE", "Value": ["%sROOM1"]},
            "00400002": {"vr": "DA", "Value": ["%s"]},
            "00400003": {"vr": "TM", "Value": ["%s"]},
            "00400007": {"vr": "LO", "Value": ["%s"]},
            "00400009": {"vr": "SH", "Value": ["SPS%s"]}
          }]},
          "00401001": {"vr": "SH", "Value": ["RP%s"]},
          "00401003": {"vr": "SH", "Value": ["%s"]}
        }
        """
        .formatted(
            charset,
            o.accession(),
            o.patientName(),
            o.patientId(),
            o.birthDate(),
            o.sex(),
            studyUid,
            o.procedure(),
            o.modality(),
            o.modality(),
            date,
            o.time(),
            o.step(),
            o.accession().substring(4),
            o.accession().substring(4),
            o.priority());
  }

  /**
   * Writes the orders into {@code dir} as {@code <accession>.json}, scheduled on {@code day}, each
   * file complete before it gets its name; returns the files.
   */
  static List<Path> write(Path dir, LocalDate day) throws IOException {
    Files.createDirectories(dir);
    String date = day.format(DateTimeFormatter.BASIC_ISO_DATE);
    List<Path> files = new java.util.ArrayList<>();
    for (Order o : ORDERS) {
      Path file = dir.resolve(o.accession() + ".json");
      Path part = dir.resolve("." + o.accession() + ".json.part");
      Files.writeString(part, json(o, date, newUid()), StandardCharsets.UTF_8);
      Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      files.add(file);
    }
    return files;
  }

  /** A UID from a random UUID (PS3.5 B.2). */
  static String newUid() {
    UUID u = UUID.randomUUID();
    ByteBuffer b =
        ByteBuffer.allocate(16)
            .putLong(u.getMostSignificantBits())
            .putLong(u.getLeastSignificantBits());
    return "2.25." + new BigInteger(1, b.array());
  }
}
