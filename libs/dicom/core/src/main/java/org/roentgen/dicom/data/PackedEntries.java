package org.roentgen.dicom.data;

/**
 * Reads the packed String chunks of the generated {@code *DictionaryData} classes: one entry per
 * line, fields separated by {@code '|'}. Plain {@code indexOf} scanning, no regular expressions,
 * keeps class initialisation fast. The data is generated and checked by the generator, so a
 * malformed line is a generator bug and fails with the line in the message.
 */
final class PackedEntries {

  static final char LINE_SEPARATOR = '\n';
  static final char FIELD_SEPARATOR = '|';

  /** The flag field of a retired entry. */
  static final String RETIRED_FLAG = "RET";

  private PackedEntries() {}

  /** The end (index of the line separator) of the line starting at {@code start}. */
  static int lineEnd(String chunk, int start) {
    int end = chunk.indexOf(LINE_SEPARATOR, start);
    return end < 0 ? chunk.length() : end;
  }

  /** Splits the line {@code chunk[start, end)} into exactly {@code count} fields. */
  static String[] fields(String chunk, int start, int end, int count, String source) {
    String[] fields = new String[count];
    int from = start;
    for (int i = 0; i < count - 1; i++) {
      int separator = chunk.indexOf(FIELD_SEPARATOR, from);
      if (separator < 0 || separator >= end) {
        throw malformed(chunk, start, end, count, source);
      }
      fields[i] = chunk.substring(from, separator);
      from = separator + 1;
    }
    int last = chunk.indexOf(FIELD_SEPARATOR, from);
    if (last >= 0 && last < end) {
      throw malformed(chunk, start, end, count, source);
    }
    fields[count - 1] = chunk.substring(from, end);
    return fields;
  }

  /** Fails when {@code found} differs from the entry count the generator wrote. */
  static void checkCount(int found, int expected, String source) {
    if (found != expected) {
      throw new IllegalStateException(
          source + ": expected " + expected + " entries, found " + found);
    }
  }

  private static IllegalStateException malformed(
      String chunk, int start, int end, int count, String source) {
    return new IllegalStateException(
        source + ": expected " + count + " fields in line \"" + chunk.substring(start, end) + "\"");
  }
}
