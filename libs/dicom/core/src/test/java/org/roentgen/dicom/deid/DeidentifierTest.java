package org.roentgen.dicom.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Differences;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.io.DicomOutputStream;
import org.roentgen.dicom.io.TransferSyntax;

/** Each action code, each option, sequences, and the consistency of replacements. */
class DeidentifierTest {
  static final SiteKey KEY = SiteKey.of(SiteKeyTest.SECRET);
  static final String STUDY = "1.2.826.0.1.3680043.9.7433.1.1";
  static final String SERIES = "1.2.826.0.1.3680043.9.7433.1.2";
  static final String INSTANCE_A = "1.2.826.0.1.3680043.9.7433.1.3.1";
  static final String INSTANCE_B = "1.2.826.0.1.3680043.9.7433.1.3.2";
  static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";
  static final String TALAIRACH = "1.2.840.10008.1.4.1.1";
  static final int PRIVATE_CREATOR = 0x00090010;
  static final int PRIVATE_VALUE = 0x00091001;
  static final int OTHER_CREATOR = 0x00090011;
  static final int OTHER_VALUE = 0x00091101;

  private final Deidentifier basic = new Deidentifier(DeidentificationOptions.basic(KEY));

  /** An instance of a CT study with a little of everything the table acts on. */
  static Attributes instance(String sopInstanceUid, String referencedInstanceUid) {
    Attributes ds = new Attributes();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    ds.setString(Tag.SOPClassUID, VR.UI, CT_IMAGE);
    ds.setString(Tag.SOPInstanceUID, VR.UI, sopInstanceUid);
    ds.setString(Tag.StudyDate, VR.DA, "20240229");
    ds.setString(Tag.SeriesDate, VR.DA, "20240229");
    ds.setString(Tag.AcquisitionDate, VR.DA, "20240229");
    ds.setString(Tag.ContentDate, VR.DA, "20240229");
    ds.setString(Tag.AcquisitionDateTime, VR.DT, "20240229101500");
    ds.setString(Tag.AccessionNumber, VR.SH, "ACC-1");
    ds.setString(Tag.Modality, VR.CS, "CT");
    ds.setString(Tag.InstitutionName, VR.LO, "Hôpital Saint-Louis");
    ds.setString(Tag.InstitutionAddress, VR.ST, "1 avenue Claude-Vellefaux, Paris");
    ds.setString(Tag.ReferringPhysicianName, VR.PN, "House^Gregory");
    ds.setString(Tag.StationName, VR.SH, "CT-ROOM-3");
    ds.setString(Tag.StudyDescription, VR.LO, "CT thorax for Jean Dupont");
    ds.setString(Tag.SeriesDescription, VR.LO, "Lung 1mm");
    ds.setString(Tag.PatientName, VR.PN, "Dupont^Jean");
    ds.setString(Tag.PatientID, VR.LO, "ID-0001");
    ds.setString(Tag.PatientBirthDate, VR.DA, "19600101");
    ds.setString(Tag.PatientSex, VR.CS, "M");
    ds.setString(Tag.PatientAge, VR.AS, "064Y");
    ds.setString(Tag.PatientWeight, VR.DS, "72.5");
    ds.setString(Tag.Allergies, VR.LO, "penicillin");
    ds.setString(Tag.DeviceSerialNumber, VR.LO, "SN-42");
    ds.setString(Tag.DeviceUID, VR.UI, "1.2.826.0.1.3680043.9.7433.9.1");
    ds.setString(Tag.ProtocolName, VR.LO, "Thorax Dupont");
    ds.setString(Tag.VerifyingObserverName, VR.PN, "Cuddy^Lisa");
    ds.setString(Tag.StudyInstanceUID, VR.UI, STUDY);
    ds.setString(Tag.SeriesInstanceUID, VR.UI, SERIES);
    ds.setString(Tag.FrameOfReferenceUID, VR.UI, TALAIRACH);
    ds.setInt(Tag.Rows, VR.US, 512);
    Attributes image = ds.newSequence(Tag.ReferencedImageSequence, 1).addItem();
    image.setString(Tag.ReferencedSOPClassUID, VR.UI, CT_IMAGE);
    image.setString(Tag.ReferencedSOPInstanceUID, VR.UI, referencedInstanceUid);
    Attributes request = ds.newSequence(Tag.RequestAttributesSequence, 1).addItem();
    request.setString(Tag.RequestedProcedureID, VR.SH, "RP-1");
    Attributes series = ds.newSequence(Tag.ReferencedSeriesSequence, 1).addItem();
    series.setString(Tag.SeriesInstanceUID, VR.UI, SERIES);
    series.setString(Tag.PerformingPhysicianName, VR.PN, "Wilson^James");
    Attributes nested = series.newSequence(Tag.ReferencedInstanceSequence, 1).addItem();
    nested.setString(Tag.ReferencedSOPInstanceUID, VR.UI, referencedInstanceUid);
    ds.newSequence(Tag.ContentSequence, 1).addItem().setString(Tag.TextValue, VR.UT, "secret");
    ds.setString(PRIVATE_CREATOR, VR.LO, "SAFE CREATOR");
    ds.setString(PRIVATE_VALUE, VR.LO, "kept when safe");
    ds.setString(OTHER_CREATOR, VR.LO, "OTHER CREATOR");
    ds.setString(OTHER_VALUE, VR.LO, "never kept");
    ds.setInt(0x00090000, VR.UL, 42);
    return ds;
  }

  // ---- actions ------------------------------------------------------------------------------

  @Test
  void xRemoves() {
    Attributes out = basic.deidentify(instance(INSTANCE_A, INSTANCE_B));
    assertThat(out.contains(Tag.InstitutionAddress)).isFalse();
    assertThat(out.contains(Tag.PatientAge)).isFalse();
    assertThat(out.contains(Tag.StudyDescription)).isFalse();
    assertThat(out.contains(Tag.RequestAttributesSequence)).isFalse();
  }

  @Test
  void zEmpties() {
    Attributes out = basic.deidentify(instance(INSTANCE_A, INSTANCE_B));
    for (int tag :
        new int[] {
          Tag.AccessionNumber,
          Tag.StudyDate,
          Tag.ReferringPhysicianName,
          Tag.PatientBirthDate,
          Tag.PatientSex,
          Tag.AcquisitionDate /* X/Z */
        }) {
      assertThat(out.contains(tag)).isTrue();
      assertThat(out.getBytes(tag)).isEmpty();
    }
  }

  @Test
  void dReplacesWithADummyOfTheVr() {
    Attributes out = basic.deidentify(instance(INSTANCE_A, INSTANCE_B));
    assertThat(out.getString(Tag.VerifyingObserverName)).isEqualTo("ANONYMOUS");
    assertThat(out.getString(Tag.SeriesDate)).as("X/D").isEqualTo("19000101");
    assertThat(out.getString(Tag.ContentDate)).as("Z/D").isEqualTo("19000101");
    assertThat(out.getString(Tag.AcquisitionDateTime)).as("X/Z/D").isEqualTo("19000101000000");
    assertThat(out.getString(Tag.InstitutionName)).as("X/Z/D").isEqualTo("ANONYMIZED");
    assertThat(out.getString(Tag.StationName)).as("X/Z/D").isEqualTo("ANONYMIZED");
    assertThat(out.getString(Tag.DeviceSerialNumber)).as("X/Z/D").isEqualTo("ANONYMIZED");
    assertThat(out.getString(Tag.ProtocolName)).as("X/D").isEqualTo("ANONYMIZED");
    assertThat(out.getSequence(Tag.ContentSequence)).as("D on a sequence").isEmpty();
  }

  @Test
  void combinedCodesInventNoValueWhereTheOriginalHadNone() {
    Attributes ds = instance(INSTANCE_A, INSTANCE_B);
    ds.setNull(Tag.ContentDate, VR.DA); // Z/D
    ds.setNull(Tag.SeriesDate, VR.DA); // X/D
    ds.setNull(Tag.InstitutionName, VR.LO); // X/Z/D
    Attributes out = basic.deidentify(ds);
    assertThat(out.getBytes(Tag.ContentDate)).isEmpty();
    assertThat(out.contains(Tag.SeriesDate)).isFalse();
    assertThat(out.getBytes(Tag.InstitutionName)).isEmpty();
  }

  @Test
  void dummiesAreValidForEveryVr() {
    Attributes ds = new Attributes();
    for (VR vr : VR.values()) {
      if (vr != VR.UI) {
        DummyValues.set(ds, 0x00100000 | vr.code(), vr, new byte[] {1, 2, 3});
      }
    }
    assertThat(ds.getString(0x00100000 | VR.TM.code())).isEqualTo("000000");
    assertThat(ds.getString(0x00100000 | VR.AS.code())).isEqualTo("000Y");
    assertThat(ds.getDouble(0x00100000 | VR.DS.code(), 1)).isZero();
    assertThat(ds.getInt(0x00100000 | VR.US.code(), 1)).isZero();
    assertThat(ds.getBytes(0x00100000 | VR.FD.code())).hasSize(8).containsOnly(0);
    assertThat(ds.getBytes(0x00100000 | VR.OB.code())).hasSize(3).containsOnly(0);
    assertThat(ds.getBytes(0x00100000 | VR.OD.code())).hasSize(8);
    assertThat(ds.getSequence(0x00100000 | VR.SQ.code())).isEmpty();
    assertThatThrownBy(() -> DummyValues.set(ds, Tag.SOPInstanceUID, VR.UI, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void uReplacesUidsConsistentlyAndKeepsRegisteredOnes() {
    Attributes out = basic.deidentify(instance(INSTANCE_A, INSTANCE_B));
    assertThat(out.getString(Tag.SOPInstanceUID)).isEqualTo(KEY.uid(INSTANCE_A));
    assertThat(out.getString(Tag.StudyInstanceUID)).isEqualTo(KEY.uid(STUDY));
    assertThat(out.getString(Tag.DeviceUID)).isNotEqualTo("1.2.826.0.1.3680043.9.7433.9.1");
    assertThat(out.getString(Tag.FrameOfReferenceUID)).as("well-known").isEqualTo(TALAIRACH);
    assertThat(out.getString(Tag.SOPClassUID)).as("not in the table").isEqualTo(CT_IMAGE);
    Attributes image = out.getSequence(Tag.ReferencedImageSequence).get(0);
    assertThat(image.getString(Tag.ReferencedSOPInstanceUID)).isEqualTo(KEY.uid(INSTANCE_B));
    assertThat(image.getString(Tag.ReferencedSOPClassUID)).isEqualTo(CT_IMAGE);
  }

  @Test
  void uReplacesEveryValueAndUidsHeldAsUn() {
    Attributes ds = new Attributes();
    ds.setString(Tag.FailedSOPInstanceUIDList, VR.UI, INSTANCE_A, INSTANCE_B);
    ds.setBytes(Tag.StudyInstanceUID, VR.UN, (STUDY + "\0").getBytes());
    Attributes out = basic.deidentify(ds);
    assertThat(out.getStrings(Tag.FailedSOPInstanceUIDList))
        .containsExactly(KEY.uid(INSTANCE_A), KEY.uid(INSTANCE_B));
    assertThat(out.getVR(Tag.StudyInstanceUID)).isEqualTo(VR.UI);
    assertThat(out.getString(Tag.StudyInstanceUID)).isEqualTo(KEY.uid(STUDY));
  }

  @Test
  void kKeepsAndDeidentifiesTheItemsOfKeptSequences() {
    Attributes out = basic.deidentify(instance(INSTANCE_A, INSTANCE_B));
    assertThat(out.getString(Tag.Modality)).isEqualTo("CT");
    assertThat(out.getInt(Tag.Rows, 0)).isEqualTo(512);
    Attributes series = out.getSequence(Tag.ReferencedSeriesSequence).get(0);
    assertThat(series.getString(Tag.SeriesInstanceUID)).isEqualTo(KEY.uid(SERIES));
    assertThat(series.contains(Tag.PerformingPhysicianName)).isFalse();
    Attributes nested = series.getSequence(Tag.ReferencedInstanceSequence).get(0);
    assertThat(nested.getString(Tag.ReferencedSOPInstanceUID)).isEqualTo(KEY.uid(INSTANCE_B));
  }

  @Test
  void privateElementsAndGroupLengthsAreRemovedByDefault() {
    Attributes out = basic.deidentify(instance(INSTANCE_A, INSTANCE_B));
    for (int tag : out.tags()) {
      assertThat(org.roentgen.dicom.data.Tags.isPrivate(tag)).isFalse();
    }
    assertThat(out.contains(0x00090000)).isFalse();
  }

  @Test
  void patientNameAndIdGetOnePseudonymPerPatient() {
    Attributes a = basic.deidentify(instance(INSTANCE_A, INSTANCE_B));
    Attributes b = basic.deidentify(instance(INSTANCE_B, INSTANCE_A));
    assertThat(a.getString(Tag.PatientID)).isEqualTo("ANONB76E6F630C303034");
    assertThat(a.getString(Tag.PatientName)).isEqualTo("ANONB76E6F630C303034");
    assertThat(b.getString(Tag.PatientID)).isEqualTo(a.getString(Tag.PatientID));
    Attributes other = instance(INSTANCE_A, INSTANCE_B);
    other.setString(Tag.PatientID, VR.LO, "ID-0002");
    assertThat(basic.deidentify(other).getString(Tag.PatientID))
        .isNotEqualTo(a.getString(Tag.PatientID));
  }

  @Test
  void aPatientIdHeldAsUnGetsThePseudonymOfTheSamePatient() {
    Attributes ds = instance(INSTANCE_A, INSTANCE_B);
    ds.setBytes(
        Tag.PatientID, VR.UN, "ID-0001 ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    ds.setBytes(
        Tag.PatientName, VR.UN, "Dupont^Jean".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    Attributes out = basic.deidentify(ds);
    assertThat(out.getString(Tag.PatientID)).isEqualTo("ANONB76E6F630C303034");
    assertThat(out.getVR(Tag.PatientID)).isEqualTo(VR.LO);
    assertThat(out.getString(Tag.PatientName)).isEqualTo("ANONB76E6F630C303034");
  }

  @Test
  void pseudonymsCanBeTurnedOffOrSupplied() {
    Deidentifier none =
        new Deidentifier(
            DeidentificationOptions.builder(KEY).pseudonyms(PatientPseudonyms.none()).build());
    Attributes out = none.deidentify(instance(INSTANCE_A, INSTANCE_B));
    assertThat(out.getBytes(Tag.PatientName)).isEmpty();
    assertThat(out.getBytes(Tag.PatientID)).isEmpty();

    Deidentifier register =
        new Deidentifier(
            DeidentificationOptions.builder(KEY)
                .pseudonyms(
                    (id, name, key) ->
                        new PatientPseudonyms.Pseudonym("Subject^" + id.length(), "TRIAL-007"))
                .build());
    out = register.deidentify(instance(INSTANCE_A, INSTANCE_B));
    assertThat(out.getString(Tag.PatientName)).isEqualTo("Subject^7");
    assertThat(out.getString(Tag.PatientID)).isEqualTo("TRIAL-007");
  }

  @Test
  void theOriginalIsLeftAsItWas() {
    Attributes original = instance(INSTANCE_A, INSTANCE_B);
    Attributes before = new Attributes(original, false);
    basic.deidentify(original);
    assertThat(Differences.first(before, original)).isNull();
  }

  // ---- consistency ----------------------------------------------------------------------------

  @Test
  void twoInstancesOfOneStudyKeepOneStudyAndSeriesAndTheirReferences() {
    Attributes a = basic.deidentify(instance(INSTANCE_A, INSTANCE_B));
    Attributes b = basic.deidentify(instance(INSTANCE_B, INSTANCE_A));
    assertThat(a.getString(Tag.StudyInstanceUID)).isEqualTo(b.getString(Tag.StudyInstanceUID));
    assertThat(a.getString(Tag.SeriesInstanceUID)).isEqualTo(b.getString(Tag.SeriesInstanceUID));
    assertThat(a.getString(Tag.SOPInstanceUID)).isNotEqualTo(b.getString(Tag.SOPInstanceUID));
    assertThat(
            b.getSequence(Tag.ReferencedImageSequence)
                .get(0)
                .getString(Tag.ReferencedSOPInstanceUID))
        .as("B's reference to A points at A's new UID")
        .isEqualTo(a.getString(Tag.SOPInstanceUID));
  }

  @Test
  void twoDeidentifiersWithOneSecretAgreeAndAnotherSecretDoesNot() {
    Deidentifier again =
        new Deidentifier(DeidentificationOptions.basic(SiteKey.of(SiteKeyTest.SECRET)));
    Attributes one = basic.deidentify(instance(INSTANCE_A, INSTANCE_B));
    Attributes two = again.deidentify(instance(INSTANCE_A, INSTANCE_B));
    assertThat(Differences.first(one, two)).isNull();

    Deidentifier otherSite =
        new Deidentifier(DeidentificationOptions.basic(SiteKey.of("another-site-secret-0123")));
    Attributes three = otherSite.deidentify(instance(INSTANCE_A, INSTANCE_B));
    for (int tag : new int[] {Tag.StudyInstanceUID, Tag.SeriesInstanceUID, Tag.SOPInstanceUID}) {
      assertThat(three.getString(tag)).isNotEqualTo(one.getString(tag));
    }
    assertThat(three.getString(Tag.PatientID)).isNotEqualTo(one.getString(Tag.PatientID));
  }

  // ---- options --------------------------------------------------------------------------------

  private static Attributes with(DeidentificationOptions.Builder b) {
    return new Deidentifier(b.build()).deidentify(instance(INSTANCE_A, INSTANCE_B));
  }

  @Test
  void retainUids() {
    Attributes out = with(DeidentificationOptions.builder(KEY).retainUids());
    assertThat(out.getString(Tag.SOPInstanceUID)).isEqualTo(INSTANCE_A);
    assertThat(out.getString(Tag.StudyInstanceUID)).isEqualTo(STUDY);
    assertThat(
            out.getSequence(Tag.ReferencedImageSequence)
                .get(0)
                .getString(Tag.ReferencedSOPInstanceUID))
        .isEqualTo(INSTANCE_B);
  }

  @Test
  void retainUidsStillRemovesTheReferencedPatientSequence() {
    Attributes ds = instance(INSTANCE_A, INSTANCE_B);
    ds.newSequence(Tag.ReferencedPatientSequence, 1)
        .addItem()
        .setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3");
    Attributes out =
        new Deidentifier(DeidentificationOptions.builder(KEY).retainUids().build()).deidentify(ds);
    assertThat(out.contains(Tag.ReferencedPatientSequence)).isFalse();
  }

  @Test
  void retainDeviceIdentity() {
    Attributes out = with(DeidentificationOptions.builder(KEY).retainDeviceIdentity());
    assertThat(out.getString(Tag.DeviceSerialNumber)).isEqualTo("SN-42");
    assertThat(out.getString(Tag.StationName)).isEqualTo("CT-ROOM-3");
    assertThat(out.getString(Tag.DeviceUID)).isEqualTo("1.2.826.0.1.3680043.9.7433.9.1");
    assertThat(out.getString(Tag.SOPInstanceUID)).isEqualTo(KEY.uid(INSTANCE_A));
  }

  @Test
  void retainInstitutionIdentity() {
    Attributes out = with(DeidentificationOptions.builder(KEY).retainInstitutionIdentity());
    assertThat(out.getString(Tag.InstitutionName)).isEqualTo("Hôpital Saint-Louis");
    assertThat(out.getString(Tag.InstitutionAddress)).startsWith("1 avenue");
  }

  @Test
  void retainPatientCharacteristics() {
    Attributes out = with(DeidentificationOptions.builder(KEY).retainPatientCharacteristics());
    assertThat(out.getString(Tag.PatientSex)).isEqualTo("M");
    assertThat(out.getString(Tag.PatientAge)).isEqualTo("064Y");
    assertThat(out.getString(Tag.PatientWeight)).isEqualTo("72.5");
    assertThat(out.getString(Tag.Allergies)).as("C: kept").isEqualTo("penicillin");
    assertThat(out.getBytes(Tag.PatientBirthDate)).as("not a characteristic").isEmpty();
  }

  @Test
  void retainLongitudinalFullDates() {
    Attributes out = with(DeidentificationOptions.builder(KEY).retainLongitudinalFullDates());
    assertThat(out.getString(Tag.StudyDate)).isEqualTo("20240229");
    assertThat(out.getString(Tag.SeriesDate)).isEqualTo("20240229");
    assertThat(out.getString(Tag.AcquisitionDateTime)).isEqualTo("20240229101500");
    assertThat(out.getBytes(Tag.PatientBirthDate)).isEmpty();
    assertThat(out.getString(Tag.LongitudinalTemporalInformationModified)).isEqualTo("UNMODIFIED");
  }

  @Test
  void cleanDescriptors() {
    Attributes out = with(DeidentificationOptions.builder(KEY).cleanDescriptors());
    assertThat(out.getString(Tag.SeriesDescription)).isEqualTo("Lung 1mm");
    assertThat(out.getString(Tag.ProtocolName)).isEqualTo("Thorax Dupont");
    assertThat(out.contains(Tag.InstitutionAddress)).isFalse();
  }

  @Test
  void retainSafePrivateKeepsOnlyTheSafeCreatorsBlocks() {
    Attributes out =
        with(DeidentificationOptions.builder(KEY).retainSafePrivate(List.of("SAFE CREATOR")));
    assertThat(out.getString(PRIVATE_CREATOR)).isEqualTo("SAFE CREATOR");
    assertThat(out.getString(PRIVATE_VALUE)).isEqualTo("kept when safe");
    assertThat(out.contains(OTHER_CREATOR)).isFalse();
    assertThat(out.contains(OTHER_VALUE)).isFalse();
    assertThat(out.contains(0x00090000)).as("group length").isFalse();
  }

  @Test
  void retainSafePrivateDeidentifiesTheItemsOfAKeptPrivateSequence() {
    Attributes ds = instance(INSTANCE_A, INSTANCE_B);
    Attributes item = ds.newSequence(0x00091002, 1).addItem();
    item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, INSTANCE_B);
    item.setString(Tag.OperatorsName, VR.PN, "Chase^Robert");
    Attributes out =
        new Deidentifier(
                DeidentificationOptions.builder(KEY)
                    .retainSafePrivate(List.of("SAFE CREATOR"))
                    .build())
            .deidentify(ds);
    Attributes kept = out.getSequence(0x00091002).get(0);
    assertThat(kept.getString(Tag.ReferencedSOPInstanceUID)).isEqualTo(KEY.uid(INSTANCE_B));
    assertThat(kept.getString(Tag.OperatorsName)).isEqualTo("ANONYMOUS");
  }

  @Test
  void optionsAreCheckedWhenBuilt() {
    assertThatThrownBy(
            () -> DeidentificationOptions.builder(KEY).option(ProfileOption.CLEAN_GRAPHICS).build())
        .hasMessageContaining("Clean Graphics Option is not implemented");
    assertThatThrownBy(
            () ->
                DeidentificationOptions.builder(KEY)
                    .option(ProfileOption.RETAIN_SAFE_PRIVATE)
                    .build())
        .hasMessageContaining("private creators");
  }

  // ---- what was done --------------------------------------------------------------------------

  @Test
  void recordsTheMethodAndTheCodesOfTheOptionsUsed() {
    Attributes out = with(DeidentificationOptions.builder(KEY).retainUids().retainDeviceIdentity());
    assertThat(out.getString(Tag.PatientIdentityRemoved)).isEqualTo("YES");
    assertThat(out.getStrings(Tag.DeidentificationMethod))
        .containsExactly("Roentgen PS3.15 2021b Table E.1-1");
    Sequence codes = out.getSequence(Tag.DeidentificationMethodCodeSequence);
    assertThat(codes)
        .extracting(c -> c.getString(Tag.CodeValue))
        .containsExactly("113100", "113110", "113109");
    assertThat(codes).extracting(c -> c.getString(Tag.CodingSchemeDesignator)).containsOnly("DCM");
    assertThat(codes.get(0).getString(Tag.CodeMeaning))
        .isEqualTo("Basic Application Confidentiality Profile");
    assertThat(out.getString(Tag.LongitudinalTemporalInformationModified)).isEqualTo("REMOVED");
  }

  @Test
  void aSecondPassAddsToTheRecordOfTheFirst() {
    Attributes twice = basic.deidentify(basic.deidentify(instance(INSTANCE_A, INSTANCE_B)));
    assertThat(twice.getStrings(Tag.DeidentificationMethod)).hasSize(2);
    assertThat(twice.getSequence(Tag.DeidentificationMethodCodeSequence)).hasSize(2);
  }

  // ---- Part 10 --------------------------------------------------------------------------------

  @Test
  void aFileGetsMetaInformationThatFollowsTheNewSopInstanceUid(@TempDir Path tmp) throws Exception {
    String ts = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
    Attributes meta = DicomOutputStream.createFileMetaInformation(CT_IMAGE, INSTANCE_A, ts);
    meta.setString(Tag.SourceApplicationEntityTitle, VR.AE, "HOSPITAL_CT");
    DicomFile original =
        new DicomFile(
            meta, instance(INSTANCE_A, INSTANCE_B), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, null);
    DicomFile out = basic.deidentify(original);
    assertThat(out.fileMeta().getString(Tag.MediaStorageSOPInstanceUID))
        .isEqualTo(KEY.uid(INSTANCE_A))
        .isEqualTo(out.dataset().getString(Tag.SOPInstanceUID));
    assertThat(out.fileMeta().getString(Tag.MediaStorageSOPClassUID)).isEqualTo(CT_IMAGE);
    assertThat(out.fileMeta().contains(Tag.SourceApplicationEntityTitle)).isFalse();
    Path f = tmp.resolve("deid.dcm");
    out.write(f);
    DicomFile read = DicomFile.read(f);
    assertThat(Differences.first(out.dataset(), read.dataset())).isNull();
    assertThat(read.fileMeta().getString(Tag.MediaStorageSOPInstanceUID))
        .isEqualTo(KEY.uid(INSTANCE_A));
  }
}
