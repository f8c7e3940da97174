package org.roentgen.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.testkit.Chromium;
import org.roentgen.dicom.testkit.ClinicalRadiographs;
import org.roentgen.dicom.testkit.Processes;

/**
 * The whole review loop on the local stack (the one the integration tests share): a radiograph
 * whose ImageLaterality contradicts the side its descriptions and order name (the order put on the
 * worklist first) is sent by DCMTK storescu; labeling-validation fails it and the router
 * quarantines it; a technologist, in headless Chromium on the archive's page, corrects the
 * laterality and releases it; the router delivers the corrected object, which the archive SCP
 * (storescp) receives with the corrected side. A viewer is refused the same actions.
 */
@Order(SharedStack.QUARANTINE)
@ExtendWith(SharedStack.class)
class QuarantineReleaseEndToEndIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(180);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path tmp;

  @Test
  void aTechnologistCorrectsAndReleasesAndTheRouterDeliversTheCorrectedImage(LocalStack stack)
      throws Exception {
    List<Path> files =
        ClinicalRadiographs.write(tmp.resolve("files"), tmp.resolve("orders"), 12, 256, 256, 21);
    Path file = null;
    String side = null;
    for (Path f : files) {
      String lat = DicomFile.read(f).dataset().getString(Tag.ImageLaterality);
      if ("L".equals(lat) || "R".equals(lat)) {
        file = f;
        side = lat;
        break;
      }
    }
    assertThat(file).as("an image of a paired body part among the generated ones").isNotNull();
    String wrong = side.equals("L") ? "R" : "L";
    DicomFile f = DicomFile.read(file);
    Attributes ds = f.dataset();
    ds.setString(Tag.ImageLaterality, VR.CS, wrong);
    boolean seriesSide = ds.getString(Tag.Laterality) != null;
    if (seriesSide) {
      ds.setString(Tag.Laterality, VR.CS, wrong);
    }
    f.write(file);
    String sop = ds.getString(Tag.SOPInstanceUID);
    SharedStack.addOrders(stack, tmp.resolve("orders"));
    Path data = stack.data;

    Processes.Result store = LocalStack.storescu(null, 60, List.of(file));
    assertThat(store.exitCode()).as(store.out() + store.stderr()).isZero();
    assertThat(LocalStack.awaitEvent("dicom.instance.delivery.v1", sop, TIMEOUT))
        .as("the router held it back")
        .contains("\"outcome\":\"QUARANTINED\"");
    String technologist = LocalStack.archivePassword(data, "technologist");
    String viewer = LocalStack.archivePassword(data, "viewer");
    LocalStack.awaitArchive(
        "/api/quarantine", "technologist", technologist, sop, Duration.ofSeconds(60));

    // A viewer may not act on it.
    assertThat(
            post(
                "/api/quarantine/" + sop + "/corrections",
                "viewer",
                viewer,
                "{\"reason\":\"x\",\"changes\":{\"ImageLaterality\":\"" + side + "\"}}"))
        .isEqualTo(403);
    assertThat(post("/api/quarantine/" + sop + "/release", "viewer", viewer, "{\"reason\":\"x\"}"))
        .isEqualTo(403);

    try (Chromium chromium = Chromium.start(tmp.resolve("browser"));
        Chromium.Page page = chromium.newPage()) {
      page.open(LocalStack.ARCHIVE + "/ui/");
      page.type("#user", "technologist");
      page.type("#password", technologist);
      page.click("#signin");
      String row = "#held tr[data-sop='" + sop + "']";
      page.waitFor("document.querySelector(\"" + row + "\") !== null", Duration.ofSeconds(30));
      page.click(row);
      page.waitFor("!document.querySelector('#detail').hidden", Duration.ofSeconds(30));
      assertThat(page.text("#findings")).contains("laterality");
      select(page, "ImageLaterality", side);
      if (seriesSide) {
        select(page, "Laterality", side);
      }
      page.type("#reason", "Side marker on the image checked: the descriptions are right.");
      page.click("#correct");
      page.waitFor("!document.querySelector('#message').hidden", Duration.ofSeconds(30));
      assertThat(page.text("#message")).contains("Saved as version 2");
      page.type("#reason", "Corrected; diagnostic, send it on.");
      page.click("#release");
      page.waitFor(
          "document.querySelector('#message').innerText.startsWith('Released')",
          Duration.ofSeconds(30));
      page.screenshot(tmp.resolve("released.png"));
    }

    // The router delivers the corrected object: the archive SCP has it with the right side.
    Path archive = Path.of(stack.endpoints.get("ARCHIVE_DIR"));
    Path arrived = awaitFile(archive, sop);
    Attributes received = DicomFile.read(arrived).dataset();
    assertThat(received.getString(Tag.ImageLaterality)).isEqualTo(side);
    assertThat(received.getSequence(Tag.OriginalAttributesSequence))
        .as("the old value kept in the object")
        .isNotNull();
    assertThat(received.getBytes(Tag.PixelData)).isEqualTo(ds.getBytes(Tag.PixelData));
    String delivered =
        LocalStack.awaitEvent(
            "dicom.instance.delivery.v1", List.of(sop, "\"releasedBy\""), TIMEOUT);
    assertThat(delivered).contains("\"outcome\":\"DELIVERED\"");
  }

  private static void select(Chromium.Page page, String name, String value) throws Exception {
    page.eval(
        "(() => { const s = document.querySelector('select[name="
            + name
            + "]'); s.value = '"
            + value
            + "'; s.dispatchEvent(new Event('change', {bubbles: true})); })()");
  }

  private static int post(String path, String user, String password, String json) throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(LocalStack.ARCHIVE + path))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return r.statusCode();
  }

  private static Path awaitFile(Path dir, String sop) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      List<Path> found = Arrivals.archiveFiles(dir, Set.of(sop));
      if (!found.isEmpty()) {
        Thread.sleep(500); // storescp writes the file, then closes it
        return found.get(0);
      }
      Thread.sleep(500);
    }
    return fail("the corrected %s did not arrive at the archive SCP in %s", sop, dir);
  }
}
