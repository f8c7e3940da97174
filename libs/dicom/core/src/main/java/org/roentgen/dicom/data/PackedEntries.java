package org.roentgen.dicom.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the packed String chunks of the generated {@code *DictionaryData} classes into lines and
 * fields. The data is generated and checked by the generator, so a malformed line is a bug in the
 * generator and fails class initialisation with the line in the message.
 */
final class PackedEntries {

  private static final String LINE_SEPARATOR = "\n";
  private static final String FIELD_SEPARATOR = "\\|";
  private static final int KEEP_TRAILING_EMPTY_FIELDS = -1;

  /** The flag field of a retired entry. */
  static final String RETIRED_FLAG = "RET";

  private PackedEntries() {}

  /** Returns the fields of every line, checking each has {@code fieldCount} fields. */
  static List<String[]> parse(String[] chunks, int fieldCount, int expectedLines, String source) {
    List<String[]> lines = new ArrayList<>(expectedLines);
    for (String chunk : chunks) {
      for (String line : chunk.split(LINE_SEPARATOR)) {
        String[] fields = line.split(FIELD_SEPARATOR, KEEP_TRAILING_EMPTY_FIELDS);
        if (fields.length != fieldCount) {
          throw new IllegalStateException(
              source + ": expected " + fieldCount + " fields in line \"" + line + "\"");
        }
        lines.add(fields);
      }
    }
    if (lines.size() != expectedLines) {
      throw new IllegalStateException(
          source + ": expected " + expectedLines + " entries, found " + lines.size());
    }
    return lines;
  }
}
