package org.roentgen.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UidDictionaryTest {

  @Test
  void loadsEveryGeneratedEntry() {
    assertThat(UidDictionary.entries()).hasSize(UidDictionaryData.ENTRY_COUNT);
  }

  @Test
  void transferSyntaxes() {
    assertThat(UID.ImplicitVRLittleEndian).isEqualTo("1.2.840.10008.1.2");
    UidEntry entry = UidDictionary.lookup("1.2.840.10008.1.2");
    assertThat(entry.name()).isEqualTo("Implicit VR Little Endian");
    assertThat(entry.type()).isEqualTo(UidType.TRANSFER_SYNTAX);
    assertThat(entry.keyword()).isEqualTo("ImplicitVRLittleEndian");
    assertThat(entry.retired()).isFalse();
    assertThat(UidDictionary.isTransferSyntax(UID.ExplicitVRLittleEndian)).isTrue();
    assertThat(UidDictionary.lookup(UID.ExplicitVRBigEndian).retired()).isTrue();
    assertThat(UidDictionary.isTransferSyntax(UID.CTImageStorage)).isFalse();
  }

  @Test
  void sopClassesAndNames() {
    assertThat(UID.Verification).isEqualTo("1.2.840.10008.1.1");
    assertThat(UidDictionary.nameOf(UID.Verification)).isEqualTo("Verification SOP Class");
    assertThat(UidDictionary.keywordOf("1.2.840.10008.5.1.4.1.1.2")).isEqualTo("CTImageStorage");
    assertThat(UidDictionary.typeOf(UID.CTImageStorage)).isEqualTo(UidType.SOP_CLASS);
    assertThat(UidDictionary.lookupKeyword("CTImageStorage").uid())
        .isEqualTo("1.2.840.10008.5.1.4.1.1.2");
  }

  @Test
  void unknownUids() {
    assertThat(UidDictionary.lookup("1.2.3.4")).isNull();
    assertThat(UidDictionary.nameOf("1.2.3.4")).isNull();
    assertThat(UidDictionary.keywordOf("1.2.3.4")).isNull();
    assertThat(UidDictionary.typeOf("1.2.3.4")).isNull();
    assertThat(UidDictionary.isStorageSopClass("1.2.3.4")).isFalse();
    assertThat(UidDictionary.isTransferSyntax("1.2.3.4")).isFalse();
  }

  @Test
  void storageSopClasses() {
    assertThat(UidDictionary.isStorageSopClass(UID.CTImageStorage)).isTrue();
    assertThat(UidDictionary.isStorageSopClass(UID.DigitalXRayImageStorageForPresentation))
        .isTrue();
    assertThat(UidDictionary.isStorageSopClass(UID.EncapsulatedPDFStorage)).isTrue();
    assertThat(UidDictionary.isStorageSopClass(UID.MediaStorageDirectoryStorage)).isTrue();
    // Retired storage classes still arrive from old modalities.
    assertThat(UidDictionary.isStorageSopClass(UID.UltrasoundImageStorageRetired)).isTrue();
    assertThat(UidDictionary.isStorageSopClass(UID.Verification)).isFalse();
    assertThat(UidDictionary.isStorageSopClass(UID.StorageCommitmentPushModel)).isFalse();
    assertThat(UidDictionary.isStorageSopClass(UID.HardcopyGrayscaleImageStorage)).isFalse();
    assertThat(UidDictionary.isStorageSopClass(UID.StudyRootQueryRetrieveInformationModelFind))
        .isFalse();
    assertThat(UidDictionary.isStorageSopClass(UID.ImplicitVRLittleEndian)).isFalse();
    // pydicom 2.3.1 lists 175 (non-retired) storage SOP classes in pydicom.uid.
    long current =
        UidDictionary.entries().stream().filter(e -> e.isStorageSopClass() && !e.retired()).count();
    assertThat(current).isEqualTo(175);
  }

  @Test
  void everyUidConstantNamesItsEntry() throws IllegalAccessException {
    List<String> failures = new ArrayList<>();
    int constants = 0;
    for (Field field : UID.class.getDeclaredFields()) {
      if (!Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      constants++;
      String uid = (String) field.get(null);
      if (!field.getName().equals(UidDictionary.keywordOf(uid))) {
        failures.add(field.getName() + " = " + uid);
      }
    }
    assertThat(failures).isEmpty();
    assertThat(constants)
        .isEqualTo(UidDictionary.entries().stream().filter(e -> !e.keyword().isEmpty()).count());
  }

  @Test
  void everyTypeIsKnown() {
    assertThat(UidDictionary.entries()).allSatisfy(e -> assertThat(e.type()).isNotNull());
    assertThat(UidType.ofLabel("Transfer Syntax")).isEqualTo(UidType.TRANSFER_SYNTAX);
    assertThat(UidType.ofLabel("nonsense")).isNull();
  }
}
