package org.roentgen.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks our dictionary (pydicom's transcription of PS3.6) against DCMTK's independent one,
 * {@code dicom.dic} of Debian's libdcmtk17 (DCMTK 3.6.7, PS3.6 2022b).
 *
 * <p>Every standard DCMTK entry (version DICOM, DICOM/retired, DICOM/DICONDE, DICOM/DICOS) is
 * checked at every concrete tag it stands for, ranges expanded (an exact DCMTK entry wins over a
 * range, as in DCMTK): same keyword, same VR set, same VM, same retired status. The two sources
 * come from different editions of the standard, so the differences found are listed below, each
 * with its reason; any other difference, or a listed one that no longer occurs, fails the test.
 */
class DcmtkDictionaryCrossCheckTest {

  private static final Path DICTIONARY =
      Path.of(System.getProperty("roentgen.dcmtk.dictionary", "/usr/share/libdcmtk17/dicom.dic"));

  /** DCMTK's "version" column: standard entries start with this. */
  private static final String STANDARD_VERSION = "DICOM";

  private static final String RETIRED_VERSION = "DICOM/retired";
  private static final String RETIRED_KEYWORD_PREFIX = "RETIRED_";
  private static final int FIELDS = 5;

  /** Differences between DCMTK's entries and ours: "(gggg,eeee) Keyword kind" -> reason. */
  private static final Map<String, String> KNOWN_DIFFERENCES =
      Map.of(
          "(0006,0001) CurrentFrameFunctionalGroupsSequence missing",
              "added in a PS3.6 edition newer than pydicom 2.3.1's transcription",
          "(0008,0017) AcquisitionUID missing",
              "added in a PS3.6 edition newer than pydicom 2.3.1's transcription",
          "(0008,0019) PyramidUID missing",
              "added in a PS3.6 edition newer than pydicom 2.3.1's transcription",
          "(0008,1088) PyramidDescription missing",
              "added in a PS3.6 edition newer than pydicom 2.3.1's transcription",
          "(0020,0027) PyramidLabel missing",
              "added in a PS3.6 edition newer than pydicom 2.3.1's transcription",
          "(0028,3006) LUTData vr",
              "PS3.6 says US or OW; DCMTK's pseudo-VR 'lt' stands for US, SS or OW",
          "(2130,00A0) ProposedStudySequence retired",
              "pydicom 2.3.1 marks it retired, DCMTK's 2022b dictionary does not",
          "(2130,00C0) OriginalImageSequence retired",
              "pydicom 2.3.1 marks it retired, DCMTK's 2022b dictionary does not");

  /** Our entries that DCMTK lacks: tag -> reason. */
  private static final Map<String, String> KNOWN_MISSING_FROM_DCMTK =
      Map.of(
          "(0008,0202)", "retired and unnamed in PS3.6; DCMTK leaves such entries out",
          "(0018,0061)", "retired and unnamed in PS3.6; DCMTK leaves such entries out",
          "(0018,9445)", "retired and unnamed in PS3.6; DCMTK leaves such entries out",
          "(0028,0020)", "retired and unnamed in PS3.6; DCMTK leaves such entries out",
          "(0400,0315)", "retired and unnamed in PS3.6; DCMTK leaves such entries out",
          "(300A,0782)", "retired and unnamed in PS3.6; DCMTK leaves such entries out");

  /** One line of dicom.dic that belongs to the standard. */
  private record DcmtkEntry(
      String tagText,
      int[] groups,
      int[] elements,
      Set<VR> vrs,
      String vrText,
      String keyword,
      String vm,
      boolean retired) {

    boolean isRange() {
      return groups.length > 1 || elements.length > 1;
    }
  }

  private static List<DcmtkEntry> dcmtk;

  @BeforeAll
  static void readDcmtkDictionary() throws IOException {
    if (!Files.isRegularFile(DICTIONARY)) {
      fail(
          DICTIONARY
              + " not found: install DCMTK's data dictionary (Debian: apt-get install dcmtk,"
              + " which brings libdcmtk17) or set -Droentgen.dcmtk.dictionary=<path to dicom.dic>");
    }
    dcmtk = new ArrayList<>();
    for (String line : Files.readAllLines(DICTIONARY, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      assertThat(f).as("fields of dicom.dic line %s", line).hasSize(FIELDS);
      if (!f[4].startsWith(STANDARD_VERSION)) {
        continue; // PRIVATE, ILLEGAL and GENERIC pseudo-entries
      }
      String tag = f[0];
      String[] parts = tag.substring(1, tag.length() - 1).split(",");
      boolean retired = f[4].equals(RETIRED_VERSION);
      String keyword =
          f[2].startsWith(RETIRED_KEYWORD_PREFIX)
              ? f[2].substring(RETIRED_KEYWORD_PREFIX.length())
              : f[2];
      dcmtk.add(
          new DcmtkEntry(
              tag, range(parts[0]), range(parts[1]), vrsOf(f[1]), f[1], keyword, f[3], retired));
    }
  }

  /** "6000", "6000-60FF" (even numbers), "0009-o-FFFF" (odd) or "0000-u-FFFF" (all). */
  private static int[] range(String text) {
    String[] bounds = text.split("-");
    if (bounds.length == 1) {
      return new int[] {Integer.parseInt(text, 16)};
    }
    int first = Integer.parseInt(bounds[0], 16);
    int last = Integer.parseInt(bounds[bounds.length - 1], 16);
    String kind = bounds.length == 3 ? bounds[1] : "e";
    List<Integer> values = new ArrayList<>();
    for (int v = first; v <= last; v++) {
      boolean odd = (v & 1) == 1;
      if (kind.equals("u") || kind.equals("o") == odd) {
        values.add(v);
      }
    }
    return values.stream().mapToInt(Integer::intValue).toArray();
  }

  /** DCMTK's VRs, with its pseudo-VRs mapped to the PS3.6 VRs they stand for. */
  private static Set<VR> vrsOf(String text) {
    return switch (text) {
      case "ox", "px" -> EnumSet.of(VR.OB, VR.OW);
      case "xs" -> EnumSet.of(VR.US, VR.SS);
      case "lt" -> EnumSet.of(VR.US, VR.SS, VR.OW);
      case "up" -> EnumSet.of(VR.UL);
      case "na" -> EnumSet.noneOf(VR.class);
      default -> {
        VR vr = VR.ofName(text);
        yield vr == null ? null : EnumSet.of(vr);
      }
    };
  }

  @Test
  void everyStandardDcmtkEntryAgreesWithOurs() {
    Set<Integer> exactDcmtkTags = new HashSet<>();
    for (DcmtkEntry e : dcmtk) {
      if (!e.isRange()) {
        exactDcmtkTags.add(Tags.of(e.groups()[0], e.elements()[0]));
      }
    }
    // Difference key -> detail, first instance only for ranges.
    Map<String, String> differences = new LinkedHashMap<>();
    int checked = 0;
    for (DcmtkEntry e : dcmtk) {
      for (int group : e.groups()) {
        for (int element : e.elements()) {
          int tag = Tags.of(group, element);
          if (e.isRange() && exactDcmtkTags.contains(tag)) {
            continue; // DCMTK, like us, gives the exact entry here
          }
          checked++;
          compare(e, tag, differences);
        }
      }
    }
    assertThat(checked).as("DCMTK tags checked").isGreaterThan(14_000);
    assertKnown(differences, KNOWN_DIFFERENCES, "DCMTK entries that differ from ours");
  }

  private static void compare(DcmtkEntry e, int tag, Map<String, String> differences) {
    String key = e.tagText() + " " + e.keyword() + " ";
    String where = " at " + Tags.toString(tag);
    DictionaryEntry ours = ElementDictionary.lookup(tag);
    if (ours == null) {
      differences.putIfAbsent(key + "missing", "not in our dictionary" + where);
      return;
    }
    Set<VR> ourVrs = ours.vrs().isEmpty() ? EnumSet.noneOf(VR.class) : EnumSet.copyOf(ours.vrs());
    if (!ours.keyword().equals(e.keyword())) {
      differences.putIfAbsent(key + "keyword", "ours is " + ours.keyword() + where);
    }
    if (!ourVrs.equals(e.vrs())) {
      differences.putIfAbsent(
          key + "vr", "ours " + ourVrs + ", DCMTK " + e.vrText() + " = " + e.vrs() + where);
    }
    if (!ours.vm().equals(e.vm())) {
      differences.putIfAbsent(key + "vm", "ours " + ours.vm() + ", DCMTK " + e.vm() + where);
    }
    if (ours.retired() != e.retired()) {
      differences.putIfAbsent(
          key + "retired", "ours retired=" + ours.retired() + ", DCMTK " + e.retired() + where);
    }
  }

  @Test
  void everyOneOfOurEntriesIsInDcmtk() {
    Set<String> dcmtkKeywords = dcmtk.stream().map(DcmtkEntry::keyword).collect(Collectors.toSet());
    Set<Integer> dcmtkExactTags = new HashSet<>();
    for (DcmtkEntry e : dcmtk) {
      if (!e.isRange()) {
        dcmtkExactTags.add(Tags.of(e.groups()[0], e.elements()[0]));
      }
    }
    Map<String, String> missing = new LinkedHashMap<>();
    List<String> missingCurrent = new ArrayList<>();
    for (DictionaryEntry ours : ElementDictionary.entries()) {
      boolean found =
          ours.keyword().isEmpty()
              ? dcmtkExactTags.contains(ours.tag())
              : dcmtkKeywords.contains(ours.keyword());
      if (!found) {
        String tag = Tags.toString(ours.tag());
        missing.put(tag, ours.name() + (ours.retired() ? " (retired)" : ""));
        if (!ours.retired()) {
          missingCurrent.add(tag + " " + ours.keyword());
        }
      }
    }
    assertThat(missingCurrent).as("our non-retired entries missing from DCMTK").isEmpty();
    assertKnown(missing, KNOWN_MISSING_FROM_DCMTK, "our entries missing from DCMTK");
  }

  /** Fails, listing everything at once, on unexplained differences and on stale known ones. */
  private static void assertKnown(
      Map<String, String> found, Map<String, String> known, String what) {
    List<String> unexplained = new ArrayList<>();
    found.forEach(
        (key, detail) -> {
          if (!known.containsKey(key)) {
            unexplained.add(key + ": " + detail);
          }
        });
    Set<String> stale = new TreeSet<>(known.keySet());
    stale.removeAll(found.keySet());
    if (!unexplained.isEmpty() || !stale.isEmpty()) {
      fail(
          what
              + ": "
              + unexplained.size()
              + " unexplained (add to the known list with a reason only if the sources truly"
              + " differ):\n  "
              + String.join("\n  ", unexplained)
              + "\nknown differences that no longer occur (remove them):\n  "
              + String.join("\n  ", stale));
    }
  }
}
