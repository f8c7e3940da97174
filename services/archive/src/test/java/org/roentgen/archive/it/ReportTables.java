package org.roentgen.archive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Compares a report's JSON rows and CSV records with the rows expected. */
final class ReportTables {
  private ReportTables() {}

  static void assertTable(
      String what, JsonNode json, String csv, List<String> columns, List<List<Object>> expected) {
    assertRows(what + " (JSON)", json.path("rows"), columns, expected);
    List<List<String>> records = parseCsv(csv);
    assertThat(records.get(0)).as(what + " (CSV header)").isEqualTo(columns);
    assertThat(records.subList(1, records.size()))
        .as(what + " (CSV rows)")
        .hasSize(expected.size());
    for (int r = 0; r < expected.size(); r++) {
      List<String> record = records.get(r + 1);
      assertThat(record).as(what + " CSV row " + r).hasSize(columns.size());
      for (int c = 0; c < columns.size(); c++) {
        String where = what + " CSV row " + r + " " + columns.get(c);
        Object want = expected.get(r).get(c);
        String got = record.get(c);
        if (want == null) {
          assertThat(got).as(where).isEmpty();
        } else if (want instanceof Double d) {
          assertThat(Double.parseDouble(got)).as(where).isCloseTo(d, within(1e-9));
        } else if (want instanceof Long l) {
          assertThat(Long.parseLong(got)).as(where).isEqualTo(l);
        } else {
          assertThat(got).as(where).isEqualTo(want);
        }
      }
    }
  }

  static void assertRows(
      String what, JsonNode rows, List<String> columns, List<List<Object>> expected) {
    assertThat(rows.isArray()).as(what).isTrue();
    assertThat(rows).as(what + " rows").hasSize(expected.size());
    for (int r = 0; r < expected.size(); r++) {
      JsonNode row = rows.get(r);
      assertThat(row.size()).as(what + " row " + r).isEqualTo(columns.size());
      for (int c = 0; c < columns.size(); c++) {
        String where = what + " row " + r + " " + columns.get(c);
        JsonNode got = row.get(columns.get(c));
        assertThat(got).as(where).isNotNull();
        Object want = expected.get(r).get(c);
        if (want == null) {
          assertThat(got.isNull()).as(where + " is null, not " + got).isTrue();
        } else if (want instanceof Double d) {
          assertThat(got.isNumber()).as(where + " " + got).isTrue();
          assertThat(got.asDouble()).as(where).isCloseTo(d, within(1e-9));
        } else if (want instanceof Long l) {
          assertThat(got.isIntegralNumber()).as(where + " " + got).isTrue();
          assertThat(got.asLong()).as(where).isEqualTo(l);
        } else {
          assertThat(got.asText()).as(where).isEqualTo(want);
        }
      }
    }
  }

  /** RFC 4180, strictly: CRLF after every record, quoted fields with doubled quotes. */
  static List<List<String>> parseCsv(String csv) {
    assertThat(csv).endsWith("\r\n");
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (i < csv.length()) {
      char ch = csv.charAt(i);
      if (ch == '"' && field.length() == 0) {
        i++;
        while (true) {
          char q = csv.charAt(i++);
          if (q == '"') {
            if (i < csv.length() && csv.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              break;
            }
          } else {
            field.append(q);
          }
        }
        continue;
      }
      if (ch == ',') {
        record.add(field.toString());
        field.setLength(0);
        i++;
      } else if (ch == '\r') {
        assertThat(csv.charAt(i + 1)).as("CR is followed by LF").isEqualTo('\n');
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
        record = new ArrayList<>();
        i += 2;
      } else {
        assertThat(ch).as("a bare LF or a quote inside an unquoted field").isNotIn('\n', '"');
        field.append(ch);
        i++;
      }
    }
    return records;
  }
}
