package org.roentgen.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.json.Json;

/**
 * Where the sent instances arrived in the local stack, for {@link ScaleOutIT} and {@link
 * PipelineEndToEndIT}: the router's delivery events, the archive SCP's files, Orthanc's instances,
 * the archive's index. Instances are named by SOP Instance UID; the example rules send every
 * instance to the archive SCP and CR and DX to Orthanc. The stack is shared by several tests, so
 * each looks at its own instances only.
 */
final class Arrivals {
  static final String DELIVERY = "dicom.instance.delivery.v1";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Arrivals() {}

  /** The instances the example rules send to Orthanc as well: CR and DX. */
  static Set<String> radiography(Map<String, Attributes> sent) {
    Set<String> sops = new TreeSet<>();
    sent.forEach(
        (sop, ds) -> {
          if (Set.of("CR", "DX").contains(ds.getString(Tag.Modality))) {
            sops.add(sop);
          }
        });
    return sops;
  }

  /**
   * Until every instance has a DELIVERED event for each destination the rules send it to; fails at
   * once on another outcome or a delivery nobody asked for (of these instances: other tests' are
   * not looked at). The DELIVERED events of these instances per destination, duplicates included.
   */
  static Map<String, Integer> awaitDelivered(
      ConsumerGroups groups, Map<String, Attributes> sent, Duration within) throws Exception {
    Set<String> expected = new TreeSet<>();
    Set<String> radiography = radiography(sent);
    for (String sop : sent.keySet()) {
      expected.add(sop + " archive-scp");
      if (radiography.contains(sop)) {
        expected.add(sop + " orthanc");
      }
    }
    long deadline = System.nanoTime() + within.toNanos();
    Set<String> missing = expected;
    while (System.nanoTime() < deadline) {
      Map<String, Integer> events = new TreeMap<>();
      Set<String> done = new TreeSet<>();
      for (Map<?, ?> value : of(groups.readAll(DELIVERY), sent.keySet())) {
        Map<?, ?> delivery = (Map<?, ?>) value.get("delivery");
        String sop = (String) value.get("sopInstanceUid");
        if (!"DELIVERED".equals(delivery.get("outcome"))) {
          fail("instance %s was not delivered: %s", sop, delivery);
        }
        done.add(sop + " " + delivery.get("destination"));
        events.merge((String) delivery.get("destination"), 1, Integer::sum);
      }
      assertThat(expected).as("deliveries nobody asked for").containsAll(done);
      missing = new TreeSet<>(expected);
      missing.removeAll(done);
      if (missing.isEmpty()) {
        return events;
      }
      Thread.sleep(1000);
    }
    return fail("after %s, deliveries missing: %s", within, missing);
  }

  /**
   * The values of the events among {@code records} that are about these instances (their {@code
   * sopInstanceUid}); a record that is no event is about none.
   */
  static List<Map<?, ?>> of(List<ConsumerRecord<String, String>> records, Set<String> sops) {
    List<Map<?, ?>> values = new ArrayList<>();
    for (ConsumerRecord<String, String> r : records) {
      Object value;
      try {
        value = Json.parse(r.value());
      } catch (IOException | RuntimeException noEvent) {
        continue;
      }
      if (value instanceof Map<?, ?> m && sops.contains(m.get("sopInstanceUid"))) {
        values.add(m);
      }
    }
    return values;
  }

  /** The archive SCP's files. */
  static List<Path> archiveFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".dcm")).sorted().toList();
    }
  }

  /**
   * The archive SCP's files of these instances: storescp names each {@code <modality
   * prefix>.<SOPInstanceUID>.dcm}.
   */
  static List<Path> archiveFiles(Path dir, Set<String> sops) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path f : archiveFiles(dir)) {
      String name = f.getFileName().toString();
      String sop = name.substring(name.indexOf('.') + 1, name.length() - ".dcm".length());
      if (sops.contains(sop)) {
        files.add(f);
      }
    }
    return files;
  }

  /** Until the archive SCP has {@code n} files of these instances. */
  static void awaitArchiveFiles(Path dir, Set<String> sops, int n, Duration within)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (archiveFiles(dir, sops).size() < n) {
      if (System.nanoTime() > deadline) {
        fail("fewer than %d of these images at the archive SCP after %s", n, within);
      }
      Thread.sleep(100);
    }
  }

  static String sop(Path file) throws IOException {
    return DicomFile.readHeader(file).dataset().getString(Tag.SOPInstanceUID);
  }

  /** The SOP Instance UIDs of these files. */
  static Set<String> sops(List<Path> files) throws IOException {
    Set<String> sops = new TreeSet<>();
    for (Path f : files) {
      sops.add(sop(f));
    }
    return sops;
  }

  /** The SOP Instance UIDs Orthanc stores ({@code GET /instances?expand}). */
  static Set<String> orthancSops(String orthanc) throws Exception {
    return new TreeSet<>(orthancIds(orthanc).keySet());
  }

  /** Orthanc's instances: its ID of each, by SOP Instance UID ({@code GET /instances?expand}). */
  static Map<String, String> orthancIds(String orthanc) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(orthanc + "/instances?expand"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Map<String, String> ids = new TreeMap<>();
    for (Object o : (List<?>) Json.parse(r.body())) {
      Map<?, ?> tags = (Map<?, ?>) ((Map<?, ?>) o).get("MainDicomTags");
      ids.put((String) tags.get("SOPInstanceUID"), (String) ((Map<?, ?>) o).get("ID"));
    }
    return ids;
  }

  /** Every instance is in the archive's index: QIDO-RS lists it in its study, and no other. */
  static void assertIndexed(Path data, Map<String, Attributes> sent) throws Exception {
    String password = LocalStack.archivePassword(data, "viewer");
    Map<String, Set<String>> byStudy = new TreeMap<>();
    sent.forEach(
        (sop, ds) ->
            byStudy
                .computeIfAbsent(ds.getString(Tag.StudyInstanceUID), k -> new TreeSet<>())
                .add(sop));
    for (var e : byStudy.entrySet()) {
      String answer =
          LocalStack.awaitArchive(
              "/dicomweb/studies/" + e.getKey() + "/instances",
              "viewer",
              password,
              "00080018",
              Duration.ofSeconds(30));
      Set<String> indexed = new TreeSet<>();
      for (Object o : (List<?>) Json.parse(answer)) {
        Map<?, ?> sopTag = (Map<?, ?>) ((Map<?, ?>) o).get("00080018");
        indexed.add((String) ((List<?>) sopTag.get("Value")).get(0));
      }
      assertThat(indexed)
          .as("the archive's instances of study %s", e.getKey())
          .isEqualTo(e.getValue());
    }
  }
}
