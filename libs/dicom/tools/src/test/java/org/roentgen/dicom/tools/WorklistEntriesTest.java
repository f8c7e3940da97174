package org.roentgen.dicom.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;

/** The worklist folder: which files are entries, how they are read, split and re-read. */
class WorklistEntriesTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

  private String log() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }

  private static List<String> accessions(List<Attributes> steps) {
    return steps.stream().map(a -> a.getString(Tag.AccessionNumber)).toList();
  }

  @Test
  void readsJsonObjectsArraysAndPart10Files() throws Exception {
    WorklistFixtures.writePart10(
        dir.resolve("b.wl"), WorklistFixtures.order(WorklistFixtures.E4, null));
    WorklistFixtures.writePart10(
        dir.resolve("c.DCM"), WorklistFixtures.order(WorklistFixtures.E1, null));
    Files.writeString(
        dir.resolve("a.json"),
        "[{\"00080050\":{\"vr\":\"SH\",\"Value\":[\"A1\"]}},"
            + "{\"00080050\":{\"vr\":\"SH\",\"Value\":[\"A2\"]}}]");
    Files.writeString(dir.resolve("notes.txt"), "not an entry");
    Files.writeString(dir.resolve(".hidden.json"), "{}");
    List<Attributes> steps = new WorklistEntries(dir, log).steps();
    assertThat(accessions(steps)).containsExactly("A1", "A2", "ACC2004", "ACC2001");
    assertThat(log()).isEmpty();
  }

  @Test
  void anOrderWithTwoStepsIsTwoEntries() throws Exception {
    Attributes order = WorklistFixtures.order(WorklistFixtures.E2, null);
    Attributes second =
        new Attributes(order.getSequence(Tag.ScheduledProcedureStepSequence).get(0), false);
    second.setString(Tag.Modality, org.roentgen.dicom.data.VR.CS, "CR");
    order.getSequence(Tag.ScheduledProcedureStepSequence).add(second);
    WorklistFixtures.writePart10(dir.resolve("two.wl"), order);
    List<Attributes> steps = new WorklistEntries(dir, log).steps();
    assertThat(steps).hasSize(2);
    assertThat(steps)
        .extracting(
            s -> s.getSequence(Tag.ScheduledProcedureStepSequence).get(0).getString(Tag.Modality))
        .containsExactly("DX", "CR");
    assertThat(steps).allMatch(s -> s.getSequence(Tag.ScheduledProcedureStepSequence).size() == 1);
  }

  @Test
  void brokenFilesAreLeftOutOnceAndReadAgainWhenChanged() throws Exception {
    Path file = dir.resolve("half.json");
    Files.writeString(file, "{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"SECRET-ID\"]");
    WorklistEntries entries = new WorklistEntries(dir, log);
    assertThat(entries.steps()).isEmpty();
    assertThat(entries.steps()).isEmpty();
    assertThat(log()).contains("half.json left out").doesNotContain("SECRET-ID");
    assertThat(log().lines().count()).as("one message per version of the file").isEqualTo(1);

    Files.writeString(file, "{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"P9\"]}}");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(entries.steps()).extracting(s -> s.getString(Tag.PatientID)).containsExactly("P9");

    Files.delete(file);
    assertThat(entries.steps()).isEmpty();
  }

  @Test
  void demoOrdersAreValidEntriesScheduledOnTheDay() throws Exception {
    DemoOrders.write(dir, LocalDate.of(2026, 3, 12));
    List<Attributes> steps = new WorklistEntries(dir, log).steps();
    assertThat(log()).isEmpty();
    assertThat(accessions(steps)).containsExactly("DEMO0001", "DEMO0002", "DEMO0003");
    for (Attributes s : steps) {
      Attributes sps = s.getSequence(Tag.ScheduledProcedureStepSequence).get(0);
      assertThat(sps.getString(Tag.ScheduledProcedureStepStartDate)).isEqualTo("20260312");
      assertThat(s.getString(Tag.PatientName)).startsWith("DEMO^");
      assertThat(s.getString(Tag.StudyInstanceUID)).startsWith("2.25.");
    }
    assertThat(steps.get(2).getString(Tag.PatientName)).isEqualTo("DEMO^ZOË");
    assertThat(steps.get(2).getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 192");
  }
}
