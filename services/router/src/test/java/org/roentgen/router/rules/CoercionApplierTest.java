package org.roentgen.router.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.testkit.Corpus;

/** Coercions from a rule file applied to real data sets of the pydicom corpus. */
class CoercionApplierTest {
  @TempDir Path dir;

  /** The coercions a rule file gives the destination orthanc (indent the list by 8). */
  private static List<Coercion> coercions(String list) {
    RuleSet rules =
        Events.rules(
            "rules:\n  - id: c\n    actions:\n      sendTo: orthanc\n      coerce:\n"
                + list.strip().indent(8));
    RoutingDecision.Deliver d =
        (RoutingDecision.Deliver) rules.decide(Events.instance().event(), Events.NOW);
    return d.plan("orthanc").coercions();
  }

  private static DicomFile read(String corpusFile) throws Exception {
    return DicomFile.read(Corpus.file(corpusFile));
  }

  /** Writes the data set as Part 10 and reads it back. */
  private Attributes roundTrip(DicomFile file, Attributes dataset) throws Exception {
    Path out = dir.resolve("out.dcm");
    new DicomFile(file.fileMeta(), dataset, file.transferSyntax(), null).write(out);
    return DicomFile.read(out).dataset();
  }

  @Test
  void setRemoveCopyReplaceOnACtImageAndNothingElseChanges() throws Exception {
    DicomFile ct = read("test_files/CT_small.dcm");
    Attributes ds = new Attributes(ct.dataset(), false);
    List<String> changed =
        CoercionApplier.apply(
            ds,
            coercions(
                """
                - set: {keyword: InstitutionName, value: Roentgen Demo Hospital}
                - remove: StationName
                - copy: {from: StudyID, to: AccessionNumber}
                - replace: {keyword: StudyDescription, regex: 'e\\+(\\d)', replacement: 'E$1'}
                - set: {keyword: ImageComments, value: ''}
                """));
    assertThat(changed)
        .containsExactly(
            "InstitutionName",
            "StationName",
            "AccessionNumber",
            "StudyDescription",
            "ImageComments");

    Attributes back = roundTrip(ct, ds);
    assertThat(back.getString(Tag.InstitutionName)).isEqualTo("Roentgen Demo Hospital");
    assertThat(back.contains(Tag.StationName)).isFalse();
    assertThat(back.getString(Tag.AccessionNumber)).isEqualTo("1CT1");
    assertThat(back.getString(Tag.StudyDescription)).isEqualTo("E1");
    assertThat(back.contains(Tag.ImageComments)).isTrue();
    assertThat(back.containsValue(Tag.ImageComments)).isFalse();

    Attributes original = new Attributes(ct.dataset(), false);
    for (int tag :
        new int[] {
          Tag.InstitutionName,
          Tag.StationName,
          Tag.AccessionNumber,
          Tag.StudyDescription,
          Tag.ImageComments
        }) {
      original.remove(tag);
      back.remove(tag);
    }
    assertThat(back).isEqualTo(original);
  }

  @Test
  void aSequenceCopiesDeep() throws Exception {
    Attributes ds = new Attributes(read("test_files/CT_small.dcm").dataset(), false);
    CoercionApplier.apply(
        ds, coercions("- copy: {from: OtherPatientIDsSequence, to: ReferencedPatientSequence}"));
    assertThat(ds.getSequence(Tag.ReferencedPatientSequence))
        .isEqualTo(ds.getSequence(Tag.OtherPatientIDsSequence))
        .hasSize(2);
    ds.getSequence(Tag.ReferencedPatientSequence).get(0).setString(Tag.PatientID, VR.LO, "X");
    assertThat(ds.getSequence(Tag.OtherPatientIDsSequence).get(0).getString(Tag.PatientID))
        .isNotEqualTo("X");
  }

  @Test
  void numbersInABigEndianDataSet() throws Exception {
    DicomFile mr = read("test_files/MR_small_bigendian.dcm");
    Attributes ds = mr.dataset();
    assertThat(ds.isBigEndian()).isTrue();
    CoercionApplier.apply(
        ds,
        coercions(
            """
            - set: {keyword: Rows, value: 32}
            - set: {keyword: WindowCenter, value: ['40', '-10.5']}
            - set: {keyword: ImagesInAcquisition, value: 7}
            """));
    Attributes back = roundTrip(mr, ds);
    assertThat(back.getInt(Tag.Rows, 0)).isEqualTo(32);
    assertThat(back.getStrings(Tag.WindowCenter)).containsExactly("40", "-10.5");
    assertThat(back.getInt(Tag.ImagesInAcquisition, 0)).isEqualTo(7);
  }

  @Test
  void textIsEncodedInTheDataSetsCharacterSet() throws Exception {
    DicomFile russian = read("charset_files/chrRuss.dcm");
    Attributes ds = russian.dataset();
    CoercionApplier.apply(
        ds,
        coercions(
            """
            - set: {keyword: InstitutionName, value: Больница}
            - replace: {keyword: PatientName, regex: 'Люк', replacement: 'Лак'}
            """));
    Attributes back = roundTrip(russian, ds);
    assertThat(back.getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 144");
    assertThat(back.getString(Tag.InstitutionName)).isEqualTo("Больница");
    assertThat(back.getString(Tag.PatientName)).startsWith("Лак");
  }

  @Test
  void textTheCharacterSetCannotHoldFailsNamingTheAttributeNotTheValue() throws Exception {
    Attributes ds = read("charset_files/chrGerm.dcm").dataset();
    assertThatThrownBy(
            () ->
                CoercionApplier.apply(
                    ds, coercions("- set: {keyword: InstitutionName, value: Больница}")))
        .isInstanceOf(CoercionException.class)
        .hasMessage(
            "cannot write InstitutionName: a character the data set's Specific Character Set"
                + " cannot encode")
        .hasNoCause()
        .extracting(e -> ((CoercionException) e).keyword())
        .isEqualTo("InstitutionName");
  }

  @Test
  void whatFindsNothingChangesNothing() throws Exception {
    Attributes ds = new Attributes(read("test_files/CT_small.dcm").dataset(), false);
    Attributes before = new Attributes(ds, false);
    List<String> changed =
        CoercionApplier.apply(
            ds,
            coercions(
                """
                - remove: PatientComments
                - copy: {from: PatientComments, to: ImageComments}
                - replace: {keyword: InstitutionName, regex: 'NOWHERE', replacement: X}
                - replace: {keyword: SeriesDescription, regex: '.*', replacement: X}
                """));
    assertThat(changed).isEmpty();
    assertThat(ds).isEqualTo(before);
  }

  @Test
  void aLaterCoercionSeesTheEarlierOnes() throws Exception {
    Attributes ds = new Attributes(read("test_files/rtplan.dcm").dataset(), false);
    List<String> changed =
        CoercionApplier.apply(
            ds,
            coercions(
                """
                - set: {keyword: StationName, value: CR-ROOM-1}
                - replace: {keyword: StationName, regex: '^CR-', replacement: 'XR-'}
                - copy: {from: StationName, to: InstitutionalDepartmentName}
                """));
    assertThat(changed).containsExactly("StationName", "InstitutionalDepartmentName");
    assertThat(ds.getString(Tag.InstitutionalDepartmentName)).isEqualTo("XR-ROOM-1");
  }

  @Test
  void aCopiedValueThatIsNotANumberFailsWithoutQuotingIt() throws Exception {
    Attributes ds = new Attributes(read("test_files/CT_small.dcm").dataset(), false);
    assertThatThrownBy(
            () -> CoercionApplier.apply(ds, coercions("- copy: {from: StudyID, to: Rows}")))
        .isInstanceOf(CoercionException.class)
        .hasMessageNotContaining("1CT1")
        .hasMessageContaining("Rows")
        .hasNoCause();
  }
}
