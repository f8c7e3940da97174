package org.roentgen.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElementDictionaryTest {

  @Test
  void loadsEveryGeneratedEntry() {
    assertThat(ElementDictionary.entries()).hasSize(ElementDictionaryData.ENTRY_COUNT);
    assertThat(ElementDictionary.entries().size()).isGreaterThan(4_900);
  }

  @Test
  void looksUpAnOrdinaryElement() {
    DictionaryEntry entry = ElementDictionary.lookup(Tag.PatientName);
    assertThat(entry.tag()).isEqualTo(0x00100010);
    assertThat(entry.mask()).isEqualTo(DictionaryEntry.EXACT);
    assertThat(entry.keyword()).isEqualTo("PatientName");
    assertThat(entry.name()).isEqualTo("Patient's Name");
    assertThat(entry.vrs()).containsExactly(VR.PN);
    assertThat(entry.vm()).isEqualTo("1");
    assertThat(entry.retired()).isFalse();
    assertThat(entry.isRepeating()).isFalse();
    assertThat(ElementDictionary.keywordOf(0x00100010)).isEqualTo("PatientName");
    assertThat(ElementDictionary.nameOf(0x00100010)).isEqualTo("Patient's Name");
    assertThat(ElementDictionary.vrOf(0x00100010)).isEqualTo(VR.PN);
    assertThat(ElementDictionary.tagOf("PatientName")).isEqualTo(0x00100010);
  }

  @Test
  void matchesOverlayAndCurveRepeatingGroups() {
    assertThat(Tag.OverlayData).isEqualTo(0x60003000);
    assertThat(ElementDictionary.keywordOf(0x60003000)).isEqualTo("OverlayData");
    assertThat(ElementDictionary.keywordOf(0x60023000)).isEqualTo("OverlayData");
    assertThat(ElementDictionary.keywordOf(0x601E3000)).isEqualTo("OverlayData");
    assertThat(ElementDictionary.lookup(0x60023000).mask()).isEqualTo(0xFF00FFFF);
    assertThat(ElementDictionary.lookup(0x60023000).isRepeating()).isTrue();
    assertThat(ElementDictionary.vrOf(0x60023000)).isEqualTo(VR.OW);
    assertThat(ElementDictionary.keywordOf(0x60020010)).isEqualTo("OverlayRows");
    DictionaryEntry curve = ElementDictionary.lookup(0x50100010);
    assertThat(curve.keyword()).isEqualTo("NumberOfPoints");
    assertThat(curve.retired()).isTrue();
    assertThat(ElementDictionary.keywordOf(0x50103000)).isEqualTo("CurveData");
  }

  @Test
  void oddRepeatingGroupIsPrivateNotAnOverlay() {
    assertThat(ElementDictionary.lookup(0x60013000)).isNull();
    assertThat(ElementDictionary.vrOf(0x60013000)).isEqualTo(VR.UN);
    assertThat(ElementDictionary.vrOf(0x60010010)).isEqualTo(VR.LO);
  }

  @Test
  void exactEntryWinsOverRepeatingPattern() {
    assertThat(ElementDictionary.keywordOf(0x7FE00010)).isEqualTo("PixelData");
    assertThat(ElementDictionary.keywordOf(0x7F100010)).isEqualTo("VariablePixelData");
    assertThat(ElementDictionary.keywordOf(0x00280400)).isEqualTo("TransformLabel");
    assertThat(ElementDictionary.keywordOf(0x00280410)).isEqualTo("RowsForNthOrderCoefficients");
    assertThat(Tag.RowsForNthOrderCoefficients).isEqualTo(0x00280410);
  }

  @Test
  void matchesElementRanges() {
    assertThat(ElementDictionary.keywordOf(0x00203100)).isEqualTo("SourceImageIDs");
    assertThat(ElementDictionary.keywordOf(0x002031FF)).isEqualTo("SourceImageIDs");
    assertThat(ElementDictionary.keywordOf(0x10000010)).isEqualTo("EscapeTriplet");
    assertThat(ElementDictionary.keywordOf(0x10000AB5)).isEqualTo("ShiftTableTriplet");
    assertThat(ElementDictionary.keywordOf(0x10101234)).isEqualTo("ZonalMap");
  }

  @Test
  void groupLengthsAreUlAndOnlyCommandAndMetaOnesAreInTheDictionary() {
    assertThat(ElementDictionary.keywordOf(0x00000000)).isEqualTo("CommandGroupLength");
    assertThat(ElementDictionary.keywordOf(0x00020000)).isEqualTo("FileMetaInformationGroupLength");
    assertThat(ElementDictionary.lookup(0x00080000)).isNull();
    assertThat(ElementDictionary.lookup(0x60020000)).isNull();
    assertThat(ElementDictionary.lookup(0x10000000)).isNull();
    assertThat(ElementDictionary.vrOf(0x00080000)).isEqualTo(VR.UL);
    assertThat(ElementDictionary.vrOf(0x60020000)).isEqualTo(VR.UL);
    assertThat(ElementDictionary.vrOf(0x00090000)).isEqualTo(VR.UL);
  }

  @Test
  void privateTagsAreUnknownExceptCreatorsWhichAreLo() {
    assertThat(ElementDictionary.lookup(0x00090010)).isNull();
    assertThat(ElementDictionary.keywordOf(0x00291010)).isNull();
    assertThat(ElementDictionary.vrOf(0x00090010)).isEqualTo(VR.LO);
    assertThat(ElementDictionary.vrOf(0x000900FF)).isEqualTo(VR.LO);
    assertThat(ElementDictionary.vrOf(0x00091010)).isEqualTo(VR.UN);
    assertThat(ElementDictionary.vrOf(0x00090005)).isEqualTo(VR.UN);
  }

  @Test
  void unknownTagsAndKeywords() {
    assertThat(ElementDictionary.lookup(0x00100003)).isNull();
    assertThat(ElementDictionary.keywordOf(0x00100003)).isNull();
    assertThat(ElementDictionary.nameOf(0x00100003)).isNull();
    assertThat(ElementDictionary.vrOf(0x00100003)).isEqualTo(VR.UN);
    assertThat(ElementDictionary.tagOf("NoSuchKeyword")).isEqualTo(-1);
    assertThat(ElementDictionary.tagOf("")).isEqualTo(-1);
  }

  @Test
  void multiVrElementsReadAsTheFirstVrOrOwForObOrOw() {
    assertThat(ElementDictionary.lookup(Tag.PixelData).vrs()).containsExactly(VR.OB, VR.OW);
    assertThat(ElementDictionary.vrOf(Tag.PixelData)).isEqualTo(VR.OW);
    assertThat(ElementDictionary.lookup(Tag.SmallestImagePixelValue).vrs())
        .containsExactly(VR.US, VR.SS);
    assertThat(ElementDictionary.vrOf(Tag.SmallestImagePixelValue)).isEqualTo(VR.US);
    assertThat(ElementDictionary.lookup(Tag.GrayLookupTableData).vrs())
        .containsExactly(VR.US, VR.SS, VR.OW);
    assertThat(ElementDictionary.vrOf(Tag.LUTData)).isEqualTo(VR.US);
  }

  @Test
  void itemAndDelimitationTagsHaveNoVr() {
    assertThat(Tag.Item).isEqualTo(0xFFFEE000);
    assertThat(Tag.ItemDelimitationItem).isEqualTo(0xFFFEE00D);
    assertThat(Tag.SequenceDelimitationItem).isEqualTo(0xFFFEE0DD);
    assertThat(ElementDictionary.lookup(Tag.Item).vrs()).isEmpty();
    assertThat(ElementDictionary.vrOf(Tag.SequenceDelimitationItem)).isEqualTo(VR.UN);
  }

  @Test
  void unnamedRetiredEntriesKeepTheirVrButHaveNoKeyword() {
    DictionaryEntry entry = ElementDictionary.lookup(0x00180061);
    assertThat(entry.keyword()).isEmpty();
    assertThat(entry.retired()).isTrue();
    assertThat(ElementDictionary.keywordOf(0x00180061)).isNull();
    assertThat(ElementDictionary.vrOf(0x00180061)).isEqualTo(VR.DS);
  }

  @Test
  void everyKeywordRoundTripsAndEveryPatternMatchesItsInstances() {
    List<String> failures = new ArrayList<>();
    for (DictionaryEntry entry : ElementDictionary.entries()) {
      if (!entry.keyword().isEmpty() && ElementDictionary.tagOf(entry.keyword()) != entry.tag()) {
        failures.add(entry.keyword() + ": tagOf gives another tag");
      }
      if (ElementDictionary.lookup(entry.tag()) != entry) {
        failures.add(Tags.toString(entry.tag()) + " " + entry.keyword() + ": lookup differs");
      }
      if (entry.isRepeating()) {
        // Another instance: set some free bits, keeping the group even.
        int other = entry.tag() | (0x12121212 & ~entry.mask());
        if (ElementDictionary.lookup(other) != entry) {
          failures.add(Tags.toString(other) + " " + entry.keyword() + ": instance not matched");
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void everyTagConstantNamesItsEntry() throws IllegalAccessException {
    List<String> failures = new ArrayList<>();
    int constants = 0;
    for (Field field : Tag.class.getDeclaredFields()) {
      if (!Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      constants++;
      int tag = field.getInt(null);
      if (!field.getName().equals(ElementDictionary.keywordOf(tag))
          || ElementDictionary.tagOf(field.getName()) != tag) {
        failures.add(field.getName() + " = " + Tags.toString(tag));
      }
    }
    assertThat(failures).isEmpty();
    long keywords =
        ElementDictionary.entries().stream().filter(e -> !e.keyword().isEmpty()).count();
    assertThat(constants).isEqualTo(keywords);
  }
}
