package org.roentgen.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TagsTest {

  @Test
  void splitsAndJoinsGroupAndElement() {
    assertThat(Tags.group(0x7FE00010)).isEqualTo(0x7FE0);
    assertThat(Tags.element(0x7FE00010)).isEqualTo(0x0010);
    assertThat(Tags.group(0xFFFEE000)).isEqualTo(0xFFFE);
    assertThat(Tags.element(0xFFFEE000)).isEqualTo(0xE000);
    assertThat(Tags.of(0xFFFE, 0xE0DD)).isEqualTo(0xFFFEE0DD);
  }

  @Test
  void formats() {
    assertThat(Tags.toString(0x00100010)).isEqualTo("(0010,0010)");
    assertThat(Tags.toString(0xFFFEE0DD)).isEqualTo("(FFFE,E0DD)");
    assertThat(Tags.toHex(0x7fe00010)).isEqualTo("7FE00010");
    assertThat(Tags.toHex(0)).isEqualTo("00000000");
  }

  @Test
  void parsesBothNotations() {
    assertThat(Tags.parse("(0010,0010)")).isEqualTo(0x00100010);
    assertThat(Tags.parse("00100010")).isEqualTo(0x00100010);
    assertThat(Tags.parse("0010,0010")).isEqualTo(0x00100010);
    assertThat(Tags.parse(" (fffe,e0dd) ")).isEqualTo(0xFFFEE0DD);
    assertThat(Tags.parse(Tags.toString(0xFFFFFFFF))).isEqualTo(0xFFFFFFFF);
  }

  @Test
  void rejectsMalformedTagsNamingTheText() {
    for (String bad : new String[] {"", "(0010,001)", "0010001G", "(0010;0010)", "+0010010"}) {
      assertThatThrownBy(() -> Tags.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("\"" + bad + "\"");
    }
  }

  @Test
  void privateTagsAreOddGroupsExceptTheReservedOnes() {
    assertThat(Tags.isPrivate(0x00090010)).isTrue();
    assertThat(Tags.isPrivate(0x00291010)).isTrue();
    assertThat(Tags.isPrivate(0x00100010)).isFalse();
    assertThat(Tags.isPrivate(0x00010010)).isFalse();
    assertThat(Tags.isPrivate(0x00070010)).isFalse();
    assertThat(Tags.isPrivate(0xFFFF0010)).isFalse();
  }

  @Test
  void privateCreatorsAreElements10ToFf() {
    assertThat(Tags.isPrivateCreator(0x00090010)).isTrue();
    assertThat(Tags.isPrivateCreator(0x000900FF)).isTrue();
    assertThat(Tags.isPrivateCreator(0x0009000F)).isFalse();
    assertThat(Tags.isPrivateCreator(0x00090100)).isFalse();
    assertThat(Tags.isPrivateCreator(0x00100010)).isFalse();
  }

  @Test
  void creatorOfAPrivateDataElement() {
    assertThat(Tags.creatorTagOf(0x00291010)).isEqualTo(0x00290010);
    assertThat(Tags.creatorTagOf(0x0029FFFF)).isEqualTo(0x002900FF);
    assertThatThrownBy(() -> Tags.creatorTagOf(0x00290010))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(0029,0010)");
    assertThatThrownBy(() -> Tags.creatorTagOf(0x00101010))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void groupLength() {
    assertThat(Tags.isGroupLength(0x00080000)).isTrue();
    assertThat(Tags.isGroupLength(0x00080001)).isFalse();
  }
}
