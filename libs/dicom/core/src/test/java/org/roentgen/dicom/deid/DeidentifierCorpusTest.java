package org.roentgen.dicom.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Fragments;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.Tags;
import org.roentgen.dicom.data.UidDictionary;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.io.DicomOutputStream;

/**
 * Every file of pydicom's corpus (Debian's python3-pydicom) that the toolkit reads is
 * de-identified, written as Part 10 and read back; then every attribute of the original, in every
 * sequence item, is checked against Table E.1-1: X absent, Z empty (or the pseudonym, for Patient's
 * Name and ID), D the dummy of its VR, U the replacement UID (one replacement per original across
 * the whole corpus, no two originals with one replacement), K equal; no private attribute left
 * unless its creator is a safe one; nothing added but the de-identification record.
 */
class DeidentifierCorpusTest {
  static final Path PYDICOM_DATA = Path.of("/usr/lib/python3/dist-packages/pydicom/data");
  private static final SiteKey KEY = SiteKey.of(SiteKeyTest.SECRET);
  private static final BasicProfile TABLE = BasicProfile.standard();
  private static final Set<Integer> ADDED =
      Set.of(
          Tag.PatientIdentityRemoved,
          Tag.DeidentificationMethod,
          Tag.DeidentificationMethodCodeSequence,
          Tag.LongitudinalTemporalInformationModified);

  @TempDir Path tmp;

  static Stream<Arguments> optionSets() {
    return Stream.of(
        Arguments.of("Basic Profile", DeidentificationOptions.basic(KEY)),
        Arguments.of(
            "every option",
            DeidentificationOptions.builder(KEY)
                .retainUids()
                .retainDeviceIdentity()
                .retainInstitutionIdentity()
                .retainPatientCharacteristics()
                .retainLongitudinalFullDates()
                .cleanDescriptors()
                .retainSafePrivate(List.of("GEMS_ACQU_01", "SIEMENS CSA HEADER", "CTP"))
                .build()));
  }

  static List<Path> corpus() throws IOException {
    assertThat(PYDICOM_DATA.resolve("test_files"))
        .as("the pydicom corpus: install Debian's python3-pydicom")
        .isDirectory();
    try (Stream<Path> s =
        Stream.concat(
            Files.list(PYDICOM_DATA.resolve("test_files")),
            Files.list(PYDICOM_DATA.resolve("charset_files")))) {
      return s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optionSets")
  void everyCorpusFileIsDeidentifiedAsTheTableSays(String name, DeidentificationOptions options)
      throws IOException {
    Deidentifier deidentifier = new Deidentifier(options);
    Checker checker = new Checker(options);
    int deidentified = 0;
    for (Path f : corpus()) {
      DicomFile original;
      try {
        original = DicomFile.read(f);
      } catch (IOException | RuntimeException unreadable) {
        continue; // the broken files of the corpus; CorpusVsDcmtkIT shows DCMTK rejects them too
      }
      String file = f.getFileName().toString();
      DicomFile out = deidentifier.deidentify(original);
      Attributes meta = out.fileMeta();
      if (meta == null) { // the corpus's bare datasets: any meta will do to write them
        meta =
            DicomOutputStream.createFileMetaInformation(
                "1.2.840.10008.5.1.4.1.1.7", KEY.uid(file), original.transferSyntax().uid());
      }
      Path written = tmp.resolve(name.replace(' ', '-') + "-" + file);
      new DicomFile(meta, out.dataset(), original.transferSyntax(), null).write(written);
      DicomFile back = DicomFile.read(written);
      checker.file = file;
      checker.check(original.dataset(), back.dataset(), "", true);
      String sopInstance = back.dataset().getString(Tag.SOPInstanceUID);
      if (out.fileMeta() != null
          && sopInstance != null
          && !sopInstance.equals(back.fileMeta().getString(Tag.MediaStorageSOPInstanceUID))) {
        checker.problems.add(file + ": Media Storage SOP Instance UID is not the SOP Instance UID");
      }
      deidentified++;
    }
    System.out.printf(
        "%s: %d corpus files de-identified, elements checked by action %s, %d UIDs replaced,"
            + " %d private elements kept%n",
        name,
        deidentified,
        checker.checkedActions,
        checker.replacements.size(),
        checker.privateKept);
    assertThat(checker.problems).isEmpty();
    assertThat(deidentified).as("corpus files read and de-identified").isGreaterThanOrEqualTo(75);
    assertThat(checker.checkedActions).containsKeys(Action.X, Action.Z, Action.K);
    assertThat(checker.privateKept > 0)
        .as("private elements of safe creators kept")
        .isEqualTo(options.has(ProfileOption.RETAIN_SAFE_PRIVATE));
    if (!options.has(ProfileOption.RETAIN_UIDS)) {
      assertThat(checker.checkedActions).containsKeys(Action.U, Action.D);
      assertThat(new HashSet<>(checker.replacements.values()))
          .as("no two original UIDs share a replacement")
          .hasSameSizeAs(checker.replacements.keySet());
      assertThat(checker.replacements.size()).isGreaterThan(100);
    }
  }

  /** Compares an original with its de-identified copy, as read back, element by element. */
  private static final class Checker {
    final DeidentificationOptions options;
    final List<String> problems = new ArrayList<>();
    final Map<String, String> replacements = new HashMap<>();
    final Map<Action, Integer> checkedActions = new java.util.EnumMap<>(Action.class);
    String file;
    int privateKept;

    Checker(DeidentificationOptions options) {
      this.options = options;
    }

    void check(Attributes orig, Attributes out, String path, boolean topLevel) {
      for (int i = 0; i < orig.size(); i++) {
        int tag = orig.tagAt(i);
        String at = file + " " + path + Tags.toString(tag);
        if (Tags.isGroupLength(tag)) {
          absent(out, tag, at);
        } else if (Tags.isPrivate(tag)) {
          if (safePrivate(orig, tag)) {
            privateKept++;
            kept(orig, out, tag, at);
          } else {
            absent(out, tag, at);
          }
        } else {
          ProfileRule rule = TABLE.rule(tag);
          Action a =
              rule == null
                  ? Action.K
                  : rule.action(options.options()).effective(!orig.containsValue(tag));
          checkedActions.merge(a, 1, Integer::sum);
          switch (a) {
            case X -> absent(out, tag, at);
            case Z -> emptied(orig, out, tag, at);
            case D -> dummy(orig, out, tag, at);
            case U -> replaced(orig, out, tag, at);
            default -> kept(orig, out, tag, at);
          }
        }
      }
      for (int tag : out.tags()) {
        if (!orig.contains(tag) && !(topLevel && ADDED.contains(tag))) {
          problems.add(file + " " + path + Tags.toString(tag) + " added");
        }
      }
    }

    private boolean safePrivate(Attributes orig, int tag) {
      if (!options.has(ProfileOption.RETAIN_SAFE_PRIVATE)) {
        return false;
      }
      int creator =
          Tags.isPrivateCreator(tag)
              ? tag
              : Tags.element(tag) >= Tags.FIRST_PRIVATE_DATA_ELEMENT ? Tags.creatorTagOf(tag) : -1;
      return creator != -1
          && options.safePrivateCreators().contains(orig.getString(creator, 0, ""));
    }

    private void absent(Attributes out, int tag, String at) {
      if (out.contains(tag)) {
        problems.add(at + " should be removed");
      }
    }

    private boolean present(Attributes out, int tag, String at) {
      if (!out.contains(tag)) {
        problems.add(at + " missing");
        return false;
      }
      return true;
    }

    private void emptied(Attributes orig, Attributes out, int tag, String at) {
      if (!present(out, tag, at)) {
        return;
      }
      if (tag == Tag.PatientName || tag == Tag.PatientID) {
        PatientPseudonyms.Pseudonym p =
            options
                .pseudonyms()
                .pseudonymFor(
                    text(orig, Tag.PatientID, VR.LO), text(orig, Tag.PatientName, VR.PN), KEY);
        String expected =
            p == null ? null : tag == Tag.PatientName ? p.patientName() : p.patientId();
        if (!java.util.Objects.equals(out.getString(tag), expected)) {
          problems.add(at + " should be the pseudonym " + expected);
        }
      } else if (out.containsValue(tag)) {
        problems.add(at + " should be empty");
      }
    }

    /** Text, also of an element held as UN (explicit VR files that did not know it). */
    private static String text(Attributes ds, int tag, VR vr) {
      byte[] b = ds.getVR(tag) == VR.UN ? ds.getBytes(tag) : null;
      return b == null ? ds.getString(tag) : ds.charset().decode(b, vr).strip();
    }

    private void dummy(Attributes orig, Attributes out, int tag, String at) {
      if (!present(out, tag, at)) {
        return;
      }
      VR vr = out.getVR(tag);
      if (orig.getValue(tag) instanceof Sequence) {
        if (!out.getSequence(tag).isEmpty()) {
          problems.add(at + " should be an empty sequence");
        }
      } else if (vr == VR.UI) {
        replaced(orig, out, tag, at);
      } else if (vr.isBinary()) {
        byte[] b = out.getBytes(tag);
        if (b == null || b.length == 0 || !Arrays.equals(b, new byte[b.length])) {
          problems.add(at + " should be zeros");
        }
      } else if (!dummyText(vr).equals(out.getString(tag))) {
        problems.add(at + " should be the dummy " + dummyText(vr));
      }
    }

    private static String dummyText(VR vr) {
      return switch (vr) {
        case PN -> DummyValues.PERSON_NAME;
        case DA -> DummyValues.DATE;
        case TM -> DummyValues.TIME;
        case DT -> DummyValues.DATE_TIME;
        case AS -> DummyValues.AGE;
        case IS, DS -> DummyValues.NUMBER;
        default -> DummyValues.TEXT;
      };
    }

    private void replaced(Attributes orig, Attributes out, int tag, String at) {
      if (!present(out, tag, at)) {
        return;
      }
      if (orig.getValue(tag) instanceof Sequence s) {
        items(s, out.getSequence(tag), at);
        return;
      }
      String[] before = uidsOf(orig, tag);
      String[] after = out.getStrings(tag);
      if (after == null || before.length != after.length) {
        problems.add(at + " should hold " + before.length + " UIDs");
        return;
      }
      for (int k = 0; k < before.length; k++) {
        String expected =
            before[k].isEmpty() || UidDictionary.lookup(before[k]) != null
                ? before[k]
                : KEY.uid(before[k]);
        if (!expected.equals(after[k])) {
          problems.add(at + " UID " + k + " not replaced as expected");
        }
        String previous = replacements.putIfAbsent(before[k], after[k]);
        if (previous != null && !previous.equals(after[k])) {
          problems.add(at + " one original UID, two replacements");
        }
      }
    }

    private static String[] uidsOf(Attributes ds, int tag) {
      if (ds.getVR(tag) == VR.UI) {
        return ds.getStrings(tag);
      }
      String s = new String(ds.getBytes(tag), java.nio.charset.StandardCharsets.US_ASCII);
      s = s.replaceAll("[\\x00 ]+$", "").strip();
      return s.isEmpty() ? new String[0] : s.split("\\\\", -1);
    }

    private void kept(Attributes orig, Attributes out, int tag, String at) {
      if (!present(out, tag, at)) {
        return;
      }
      Object a = orig.getValue(tag);
      Object b = out.getValue(tag);
      if (a instanceof Sequence s) {
        items(s, b instanceof Sequence t ? t : null, at);
      } else if (a instanceof Fragments f) {
        if (!f.equals(b)) {
          problems.add(at + " pixel data fragments changed");
        }
      } else if (orig.getVR(tag).isText() && orig.getVR(tag) != VR.UN) {
        if (!Arrays.equals(orig.getStrings(tag), out.getStrings(tag))) {
          problems.add(at + " should be kept");
        }
      } else if (!sameBytes(orig.getBytes(tag), out.getBytes(tag))) {
        problems.add(at + " should be kept (bytes)");
      }
    }

    private void items(Sequence before, Sequence after, String at) {
      if (after == null || after.size() != before.size()) {
        problems.add(at + " should keep its " + before.size() + " items");
        return;
      }
      for (int k = 0; k < before.size(); k++) {
        check(before.get(k), after.get(k), at.substring(file.length() + 1) + "[" + k + "]", false);
      }
    }

    /** Equal, or equal but for the padding byte that writing adds to an odd length. */
    private static boolean sameBytes(byte[] a, byte[] b) {
      if (a == null || b == null) {
        return a == b;
      }
      return Arrays.equals(a, b)
          || (a.length % 2 == 1
              && b.length == a.length + 1
              && Arrays.equals(a, 0, a.length, b, 0, a.length));
    }
  }
}
