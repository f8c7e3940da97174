package org.roentgen.dicom.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registered UIDs of DICOM PS3.6 table A-1: transfer syntaxes, SOP classes, well-known
 * instances, coding schemes... Entries come from the generated {@link UidDictionaryData}; constants
 * are in {@link UID}.
 */
public final class UidDictionary {

  private static final String SOURCE = "UidDictionaryData";
  private static final int FIELDS = 5;

  private static final List<UidEntry> ENTRIES;
  private static final Map<String, UidEntry> BY_UID = new HashMap<>();
  private static final Map<String, UidEntry> BY_KEYWORD = new HashMap<>();

  static {
    String[] chunks = UidDictionaryData.chunks();
    List<UidEntry> entries = new ArrayList<>(UidDictionaryData.ENTRY_COUNT);
    for (String chunk : chunks) {
      for (int start = 0; start < chunk.length(); ) {
        int end = PackedEntries.lineEnd(chunk, start);
        entries.add(entry(PackedEntries.fields(chunk, start, end, FIELDS, SOURCE)));
        start = end + 1;
      }
    }
    PackedEntries.checkCount(entries.size(), UidDictionaryData.ENTRY_COUNT, SOURCE);
    for (UidEntry entry : entries) {
      BY_UID.put(entry.uid(), entry);
      if (!entry.keyword().isEmpty()) {
        BY_KEYWORD.put(entry.keyword(), entry);
      }
    }
    ENTRIES = Collections.unmodifiableList(entries);
  }

  /** Fields: UID, type, flag, keyword, name. */
  private static UidEntry entry(String[] fields) {
    UidType type = UidType.ofLabel(fields[1]);
    if (type == null) {
      throw new IllegalStateException(SOURCE + ": unknown UID type " + fields[1]);
    }
    return new UidEntry(
        fields[0], fields[4], type, fields[3], fields[2].equals(PackedEntries.RETIRED_FLAG));
  }

  private UidDictionary() {}

  /** The entry of a registered UID, or {@code null} for any other UID. */
  public static UidEntry lookup(String uid) {
    return BY_UID.get(uid);
  }

  /** The entry with a PS3.6 keyword, such as "CTImageStorage", or {@code null}. */
  public static UidEntry lookupKeyword(String keyword) {
    return BY_KEYWORD.get(keyword);
  }

  /** The PS3.6 name of a registered UID, or {@code null}. */
  public static String nameOf(String uid) {
    UidEntry entry = lookup(uid);
    return entry == null ? null : entry.name();
  }

  /** The PS3.6 keyword of a registered UID, or {@code null} when unknown or without keyword. */
  public static String keywordOf(String uid) {
    UidEntry entry = lookup(uid);
    return entry == null || entry.keyword().isEmpty() ? null : entry.keyword();
  }

  /** The type of a registered UID, or {@code null}. */
  public static UidType typeOf(String uid) {
    UidEntry entry = lookup(uid);
    return entry == null ? null : entry.type();
  }

  /** True for a registered transfer syntax UID. */
  public static boolean isTransferSyntax(String uid) {
    return typeOf(uid) == UidType.TRANSFER_SYNTAX;
  }

  /**
   * True for a registered storage SOP class, retired ones included; see {@link
   * UidEntry#isStorageSopClass()} for the rule. A private SOP class is unknown here and gives
   * false.
   */
  public static boolean isStorageSopClass(String uid) {
    UidEntry entry = lookup(uid);
    return entry != null && entry.isStorageSopClass();
  }

  /** Every entry, ordered by UID component values. */
  public static List<UidEntry> entries() {
    return ENTRIES;
  }
}
