package org.roentgen.dicom.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Differences;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.io.DicomOutputStream;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.dicom.testkit.Corpus;
import org.roentgen.dicom.testkit.ImplicitVr;
import org.roentgen.dicom.testkit.Processes;

/**
 * Every corpus file our reader reads is written back (in its own transfer syntax and, when its
 * pixel data is native, in every other uncompressed one) and read again without a difference; and
 * our lossless syntax conversion gives the same dataset as DCMTK's {@code dcmconv}.
 */
class RoundTripIT {
  static final List<TransferSyntax> UNCOMPRESSED =
      List.of(
          TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
          TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
          TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
          TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);

  /** dcmconv's option for each syntax it writes here. */
  static final Map<TransferSyntax, String> DCMCONV =
      Map.of(
          TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, "+ti",
          TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, "+te",
          TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, "+tb");

  @TempDir Path tmp;

  /** What reading {@code ds} back from {@code ts} must give. */
  static Attributes expected(Attributes ds, TransferSyntax ts) {
    return ts.explicitVR() ? ds : ImplicitVr.asRead(ds);
  }

  @Test
  void everyReadableCorpusFileSurvivesWritingInEverySyntax() throws IOException {
    List<String> failures = new ArrayList<>();
    int files = 0;
    int conversions = 0;
    for (Path f : Corpus.files()) {
      DicomFile original;
      try {
        original = DicomFile.read(f);
      } catch (IOException rejected) {
        continue; // broken on purpose: CorpusVsDcmtkIT checks that DCMTK rejects it too
      }
      files++;
      Set<TransferSyntax> targets = new LinkedHashSet<>();
      targets.add(original.transferSyntax());
      if (original.transferSyntax().isNative()) {
        targets.addAll(UNCOMPRESSED);
      }
      for (TransferSyntax ts : targets) {
        conversions++;
        try {
          Path out = write(original.dataset(), ts, "ours.dcm");
          DicomFile reread = DicomFile.read(out);
          String d = Differences.first(expected(original.dataset(), ts), reread.dataset());
          if (d != null) {
            failures.add(name(f) + " -> " + ts.name() + ": " + d);
          }
        } catch (Exception e) {
          failures.add(name(f) + " -> " + ts.name() + ": " + e);
        }
      }
    }
    System.out.printf(
        "round trip: %d files read, %d conversions, %d failed%n",
        files, conversions, failures.size());
    assertThat(files).isGreaterThan(60);
    assertThat(failures).as("files that do not survive a round trip").isEmpty();
  }

  /**
   * A difference between DCMTK's conversion and ours that is legitimate: the element {@code tag}
   * (top level) of {@code file} converted to {@code target} (null: any) may differ, because of
   * {@code reason}. The element is compared no further; every other element still is.
   */
  record Known(String file, TransferSyntax target, int tag, String reason) {
    boolean matches(String f, TransferSyntax ts) {
      return file.equals(f) && (target == null || target.equals(ts));
    }
  }

  /** None at present: every conversion of the corpus equals DCMTK's. */
  static final List<Known> KNOWN = List.of();

  @Test
  void losslessConversionMatchesDcmtk() throws IOException {
    List<String> failures = new ArrayList<>();
    int compared = 0;
    for (Path f : Corpus.files()) {
      DicomFile original;
      try {
        original = DicomFile.read(f);
      } catch (IOException rejected) {
        continue;
      }
      if (!original.transferSyntax().isNative()) {
        continue;
      }
      String name = name(f);
      for (Map.Entry<TransferSyntax, String> e : DCMCONV.entrySet()) {
        TransferSyntax ts = e.getKey();
        Path theirs = tmp.resolve("dcmtk.dcm");
        Files.deleteIfExists(theirs);
        // -e: sequences and items of undefined length, as ours. In implicit VR a defined-length
        // sequence is only recognised through the dictionary, and a private one never (UN).
        Processes.Result r =
            Processes.run(60, "dcmconv", e.getValue(), "-e", f.toString(), theirs.toString());
        if (!r.ok()) { // no corpus file that we read is refused by dcmconv
          failures.add(name + " -> " + ts.name() + ": dcmconv failed: " + r.stderr().strip());
          continue;
        }
        try {
          Attributes dcmtk = DicomFile.read(theirs).dataset();
          Attributes ours = DicomFile.read(write(original.dataset(), ts, "ours.dcm")).dataset();
          for (Known k : KNOWN) {
            if (k.matches(name, ts)) {
              dcmtk.remove(k.tag());
              ours.remove(k.tag());
            }
          }
          compared++;
          String d = Differences.first(dcmtk, ours);
          if (d != null) {
            failures.add(name + " -> " + ts.name() + ": DCMTK vs ours: " + d);
          }
        } catch (Exception x) {
          failures.add(name + " -> " + ts.name() + ": " + x);
        }
      }
    }
    System.out.printf(
        "dcmconv comparison: %d conversions compared, %d failed%n", compared, failures.size());
    failures.forEach(System.out::println);
    assertThat(compared).isGreaterThan(50);
    assertThat(failures).as("conversions where DCMTK and we disagree").isEmpty();
  }

  private Path write(Attributes ds, TransferSyntax ts, String name) throws IOException {
    Path out = tmp.resolve(name);
    String cls = ds.getString(Tag.SOPClassUID, 0, "1.2.840.10008.5.1.4.1.1.7");
    String inst = ds.getString(Tag.SOPInstanceUID, 0, "1.2.3");
    DicomOutputStream.writeFile(
        out, DicomOutputStream.createFileMetaInformation(cls, inst, ts.uid()), ds);
    return out;
  }

  static String name(Path f) {
    return f.getParent().getFileName() + "/" + f.getFileName();
  }
}
