package org.roentgen.dicom.data;

/** Interim stand-in (replaced by the dictionary branch's helper on merge). */
public final class Tags {
  private Tags() {}

  public static int group(int tag) {
    return tag >>> 16;
  }

  public static int element(int tag) {
    return tag & 0xFFFF;
  }

  public static String toString(int tag) {
    return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
  }

  public static String toHex(int tag) {
    return String.format("%08X", tag);
  }

  public static boolean isPrivate(int tag) {
    return (tag & 0x00010000) != 0;
  }

  public static boolean isPrivateCreator(int tag) {
    int e = tag & 0xFFFF;
    return isPrivate(tag) && e >= 0x0010 && e <= 0x00FF;
  }

  public static boolean isGroupLength(int tag) {
    return (tag & 0xFFFF) == 0;
  }
}
