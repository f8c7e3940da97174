package org.roentgen.dicom.data;

import java.util.HexFormat;

/**
 * Operations on data element tags held as an {@code int}: group number in the high 16 bits, element
 * number in the low 16 bits (PS3.5 section 7.1.1).
 */
public final class Tags {

  private static final int GROUP_SHIFT = 16;
  private static final int ELEMENT_MASK = 0xFFFF;
  private static final int HEX_DIGITS = 8;
  private static final int HEX_RADIX = 16;
  private static final int BYTE_SHIFT = 8;

  /** The element of the group length tag, (gggg,0000), PS3.5 section 7.2. */
  public static final int GROUP_LENGTH_ELEMENT = 0x0000;

  /** The first and last elements that may reserve a private block, PS3.5 section 7.8.1. */
  public static final int FIRST_PRIVATE_CREATOR_ELEMENT = 0x0010;

  public static final int LAST_PRIVATE_CREATOR_ELEMENT = 0x00FF;

  /**
   * The first element of a private block: (gggg,xx00-xxFF) belongs to creator (gggg,00xx), PS3.5
   * section 7.8.1.
   */
  public static final int FIRST_PRIVATE_DATA_ELEMENT = 0x1000;

  /** The odd groups that are not private but reserved, PS3.5 section 7.8.1. */
  private static final int[] RESERVED_ODD_GROUPS = {0x0001, 0x0003, 0x0005, 0x0007, 0xFFFF};

  private Tags() {}

  /** Returns the tag (group,element). */
  public static int of(int group, int element) {
    return (group << GROUP_SHIFT) | (element & ELEMENT_MASK);
  }

  /** The group number, 0 to 0xFFFF. */
  public static int group(int tag) {
    return tag >>> GROUP_SHIFT;
  }

  /** The element number, 0 to 0xFFFF. */
  public static int element(int tag) {
    return tag & ELEMENT_MASK;
  }

  /** The tag as PS3 writes it, upper-case: {@code "(0010,0010)"}. */
  public static String toString(int tag) {
    String hex = toHex(tag);
    return "(" + hex.substring(0, 4) + "," + hex.substring(4) + ")";
  }

  /** The tag as eight upper-case hex digits: {@code "00100010"}. */
  public static String toHex(int tag) {
    return HexFormat.of().withUpperCase().toHexDigits(tag);
  }

  /**
   * Parses {@code "(gggg,eeee)"}, {@code "gggg,eeee"} or {@code "ggggeeee"} in either case.
   *
   * @throws IllegalArgumentException naming the text when it is none of these
   */
  public static int parse(String text) {
    String digits = text.strip();
    if (digits.startsWith("(") && digits.endsWith(")")) {
      digits = digits.substring(1, digits.length() - 1);
    }
    if (digits.length() == HEX_DIGITS + 1 && digits.charAt(4) == ',') {
      digits = digits.substring(0, 4) + digits.substring(5);
    }
    if (digits.length() != HEX_DIGITS || !digits.chars().allMatch(HexFormat::isHexDigit)) {
      throw new IllegalArgumentException(
          "not a tag: \"" + text + "\" (expected (gggg,eeee) or ggggeeee in hex)");
    }
    return Integer.parseUnsignedInt(digits, HEX_RADIX);
  }

  /**
   * True for a private data element or private creator: an odd group other than 0001, 0003, 0005,
   * 0007 and FFFF (PS3.5 section 7.8.1).
   */
  public static boolean isPrivate(int tag) {
    int group = group(tag);
    if ((group & 1) == 0) {
      return false;
    }
    for (int reserved : RESERVED_ODD_GROUPS) {
      if (group == reserved) {
        return false;
      }
    }
    return true;
  }

  /** True for a private creator data element, (gggg,0010-00FF) with gggg private. */
  public static boolean isPrivateCreator(int tag) {
    int element = element(tag);
    return isPrivate(tag)
        && element >= FIRST_PRIVATE_CREATOR_ELEMENT
        && element <= LAST_PRIVATE_CREATOR_ELEMENT;
  }

  /** True for a group length tag, (gggg,0000). */
  public static boolean isGroupLength(int tag) {
    return element(tag) == GROUP_LENGTH_ELEMENT;
  }

  /**
   * The private creator that reserves the block of a private data element: (gggg,00xx) for
   * (gggg,xxee), PS3.5 section 7.8.1.
   *
   * @throws IllegalArgumentException when {@code privateTag} is not a private data element, that
   *     is, not private or below (gggg,1000)
   */
  public static int creatorTagOf(int privateTag) {
    if (!isPrivate(privateTag) || element(privateTag) < FIRST_PRIVATE_DATA_ELEMENT) {
      throw new IllegalArgumentException(
          "not a private data element, so it has no private creator: " + toString(privateTag));
    }
    return of(group(privateTag), element(privateTag) >>> BYTE_SHIFT);
  }
}
