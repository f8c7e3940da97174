package org.roentgen.dicom.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.roentgen.dicom.data.DictionaryEntry;
import org.roentgen.dicom.data.ElementDictionary;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.Tags;
import org.roentgen.dicom.data.VR;

/** The integrity of {@code basic-profile.tsv}, the transcription of PS3.15 Table E.1-1. */
class BasicProfileTest {
  private static final BasicProfile TABLE = BasicProfile.standard();

  /** The actions an option column may hold: keep, clean, or (Retain UIDs) remove. */
  private static final Set<Action> OPTION_ACTIONS = EnumSet.of(Action.K, Action.C, Action.X);

  @Test
  void namesItsEditionAndHasEveryRowOfTheTable() {
    assertThat(TABLE.edition()).isEqualTo("PS3.15 2021b");
    assertThat(TABLE.rules()).hasSizeGreaterThanOrEqualTo(450);
  }

  @Test
  void everyRowNamesATagTheDictionaryKnowsByThatKeyword() {
    List<String> problems = new ArrayList<>();
    for (ProfileRule r : TABLE.rules()) {
      int byKeyword = ElementDictionary.tagOf(r.keyword());
      if (byKeyword == -1) {
        problems.add(r + ": keyword unknown to the dictionary");
      } else if (!r.isRepeating() && byKeyword != r.tag()) {
        problems.add(r + ": the dictionary has " + Tags.toString(byKeyword) + " for the keyword");
      } else if (r.isRepeating() && !r.matches(byKeyword)) {
        problems.add(r + ": pattern does not cover " + Tags.toString(byKeyword));
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void rowsAreUniqueAndInTagOrder() {
    List<ProfileRule> rules = TABLE.rules();
    for (int i = 1; i < rules.size(); i++) {
      assertThat(Integer.compareUnsigned(rules.get(i - 1).tag(), rules.get(i).tag()))
          .as("%s before %s", rules.get(i - 1), rules.get(i))
          .isNegative();
    }
  }

  @Test
  void everyActionCodeIsValidForItsColumn() {
    List<String> problems = new ArrayList<>();
    for (ProfileRule r : TABLE.rules()) {
      r.options()
          .forEach(
              (option, action) -> {
                if (!OPTION_ACTIONS.contains(action)) {
                  problems.add(r + ": " + option.column() + " has " + action.code());
                }
              });
    }
    assertThat(problems).isEmpty();
  }

  /** U replaces UIDs, so it is only on UI attributes or on sequences that hold UIDs (X/Z/U*). */
  @Test
  void uidActionsAreOnUidsAndSequencesOnly() {
    List<String> problems = new ArrayList<>();
    for (ProfileRule r : TABLE.rules()) {
      List<VR> vrs = ElementDictionary.lookup(ElementDictionary.tagOf(r.keyword())).vrs();
      if (r.basic() == Action.U && !vrs.contains(VR.UI)) {
        problems.add(r + " is U but " + vrs);
      }
      if (r.basic() == Action.X_Z_U && !vrs.contains(VR.SQ)) {
        problems.add(r + " is X/Z/U* but " + vrs);
      }
      if (r.options().get(ProfileOption.RETAIN_UIDS) == Action.K
          && !vrs.contains(VR.UI)
          && !vrs.contains(VR.SQ)) {
        problems.add(r + " is kept by Retain UIDs but " + vrs);
      }
    }
    assertThat(problems).isEmpty();
  }

  /** Spot checks against the standard, one per action code and per option column. */
  @Test
  void spotChecksAgainstTheStandard() {
    assertThat(TABLE.rule(Tag.AccessionNumber).basic()).isEqualTo(Action.Z);
    assertThat(TABLE.rule(Tag.PatientName).basic()).isEqualTo(Action.Z);
    assertThat(TABLE.rule(Tag.InstitutionAddress).basic()).isEqualTo(Action.X);
    assertThat(TABLE.rule(Tag.VerifyingObserverName).basic()).isEqualTo(Action.D);
    assertThat(TABLE.rule(Tag.SOPInstanceUID).basic()).isEqualTo(Action.U);
    assertThat(TABLE.rule(Tag.ContentDate).basic()).isEqualTo(Action.Z_D);
    assertThat(TABLE.rule(Tag.AcquisitionDate).basic()).isEqualTo(Action.X_Z);
    assertThat(TABLE.rule(Tag.SeriesDate).basic()).isEqualTo(Action.X_D);
    assertThat(TABLE.rule(Tag.InstitutionName).basic()).isEqualTo(Action.X_Z_D);
    assertThat(TABLE.rule(Tag.ReferencedImageSequence).basic()).isEqualTo(Action.X_Z_U);
    assertThat(TABLE.rule(Tag.ReferencedPatientSequence).options())
        .containsEntry(ProfileOption.RETAIN_UIDS, Action.X);
    assertThat(TABLE.rule(Tag.DeviceSerialNumber).options())
        .containsEntry(ProfileOption.RETAIN_DEVICE_IDENTITY, Action.K);
    assertThat(TABLE.rule(Tag.InstitutionName).options())
        .containsEntry(ProfileOption.RETAIN_INSTITUTION_IDENTITY, Action.K);
    assertThat(TABLE.rule(Tag.PatientSex).options())
        .containsEntry(ProfileOption.RETAIN_PATIENT_CHARACTERISTICS, Action.K);
    assertThat(TABLE.rule(Tag.StudyDate).options())
        .containsEntry(ProfileOption.RETAIN_LONGITUDINAL_FULL_DATES, Action.K)
        .containsEntry(ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES, Action.C);
    assertThat(TABLE.rule(Tag.StudyDescription).options())
        .containsEntry(ProfileOption.CLEAN_DESCRIPTORS, Action.C);
    assertThat(TABLE.rule(Tag.ContentSequence).options())
        .containsEntry(ProfileOption.CLEAN_STRUCTURED_CONTENT, Action.C);
    assertThat(TABLE.rule(Tag.GraphicAnnotationSequence).options())
        .containsEntry(ProfileOption.CLEAN_GRAPHICS, Action.C);
  }

  @Test
  void repeatingRowsCoverEveryEvenGroupOfTheirRange() {
    assertThat(TABLE.rule(0x60003000).keyword()).isEqualTo("OverlayData");
    assertThat(TABLE.rule(0x601E3000).keyword()).isEqualTo("OverlayData");
    assertThat(TABLE.rule(0x60024000).keyword()).isEqualTo("OverlayComments");
    assertThat(TABLE.rule(0x60010010)).as("odd group: private").isNull();
    assertThat(TABLE.rule(0x50020005).keyword()).as("(50xx,xxxx)").isEqualTo("CurveData");
    assertThat(TABLE.rule(0x60000010)).as("Overlay Rows: not in the table").isNull();
    DictionaryEntry overlayData = ElementDictionary.lookup(0x60003000);
    assertThat(overlayData.isRepeating()).isTrue();
  }

  @Test
  void anUnlistedAttributeHasNoRow() {
    assertThat(TABLE.rule(Tag.Modality)).isNull();
    assertThat(TABLE.rule(Tag.SOPClassUID)).isNull();
    assertThat(TABLE.rule(Tag.PixelData)).isNull();
  }

  @Test
  void optionsOverrideTheBasicActionKeepWinning() {
    ProfileRule deviceUid = TABLE.rule(Tag.DeviceUID);
    assertThat(deviceUid.action(Set.of())).isEqualTo(Action.U);
    assertThat(deviceUid.action(Set.of(ProfileOption.RETAIN_DEVICE_IDENTITY))).isEqualTo(Action.K);
    ProfileRule allergies = TABLE.rule(Tag.Allergies);
    assertThat(
            allergies.action(
                EnumSet.of(
                    ProfileOption.RETAIN_PATIENT_CHARACTERISTICS,
                    ProfileOption.CLEAN_DESCRIPTORS,
                    ProfileOption.RETAIN_UIDS)))
        .isEqualTo(Action.C);
    assertThat(TABLE.rule(Tag.StudyDate).action(Set.of(ProfileOption.RETAIN_UIDS)))
        .as("an option without a cell leaves the Basic Profile action")
        .isEqualTo(Action.Z);
  }

  @Test
  void combinedCodesTakeTheAlternativeConformantForAnyType() {
    assertThat(Action.Z_D.effective(false)).isEqualTo(Action.D);
    assertThat(Action.X_Z.effective(false)).isEqualTo(Action.Z);
    assertThat(Action.X_D.effective(false)).isEqualTo(Action.D);
    assertThat(Action.X_Z_D.effective(false)).isEqualTo(Action.D);
    assertThat(Action.X_Z_U.effective(false)).isEqualTo(Action.U);
    for (Action simple : EnumSet.of(Action.D, Action.Z, Action.X, Action.K, Action.C, Action.U)) {
      assertThat(simple.effective(false)).isEqualTo(simple);
      assertThat(simple.effective(true)).isEqualTo(simple);
      assertThat(Action.ofCode(simple.code())).isEqualTo(simple);
    }
    assertThat(Action.ofCode("X/Z/U*")).isEqualTo(Action.X_Z_U);
  }

  /** An empty original is not Type 1 there: no dummy value is invented for it. */
  @Test
  void anEmptyOriginalNeedsNoDummy() {
    assertThat(Action.Z_D.effective(true)).isEqualTo(Action.Z);
    assertThat(Action.X_Z_D.effective(true)).isEqualTo(Action.Z);
    assertThat(Action.X_D.effective(true)).isEqualTo(Action.X);
    assertThat(Action.X_Z.effective(true)).isEqualTo(Action.Z);
    assertThat(Action.X_Z_U.effective(true)).isEqualTo(Action.U);
  }

  @Test
  void malformedFilesAreRefusedWithTheLine() {
    String header =
        "tag\tkeyword\tbasic\tsafe_private\tuids\tdevice\tinstitution\tpatient\tfull_dates"
            + "\tmodified_dates\tdescriptors\tstructured_content\tgraphics";
    String good = "(0008,0050)\tAccessionNumber\tZ\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-";
    assertThat(BasicProfile.parse(List.of("# Edition: PS3.15 2021b.", header, good)).rules())
        .hasSize(1);
    assertThatThrownBy(() -> BasicProfile.parse(List.of(header, good)))
        .hasMessageContaining("Edition");
    assertThatThrownBy(
            () ->
                BasicProfile.parse(List.of("# Edition: x", header, good.replace("\tZ\t", "\tQ\t"))))
        .hasMessageContaining("line 3")
        .hasMessageContaining("\"Q\"");
    assertThatThrownBy(
            () -> BasicProfile.parse(List.of("# Edition: x", header, good.replace("0050", "00G0"))))
        .hasMessageContaining("line 3")
        .hasMessageContaining("not a tag");
    assertThatThrownBy(() -> BasicProfile.parse(List.of("# Edition: x", header, good + "\tK")))
        .hasMessageContaining("14 columns, expected 13");
    assertThatThrownBy(
            () -> BasicProfile.parse(List.of("# Edition: x", header.replace("uids", "x"), good)))
        .hasMessageContaining("unknown option column");
    assertThatThrownBy(() -> BasicProfile.parse(List.of("# Edition: x", header, good, good)))
        .hasMessageContaining("two rows");
  }
}
