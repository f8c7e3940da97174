package org.roentgen.archive.reports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A report's rows under named columns: what both renderings (JSON objects keyed by the column
 * names, CSV with the names as its header row) are made of. A cell is a String, a Long, a Double or
 * null (not known, not applicable).
 */
public record Table(List<String> columns, List<List<Object>> rows) {
  public Table {
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(
            "a row of " + row.size() + " cells under " + columns.size() + " columns");
      }
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copy);
  }

  /** Builds a table row by row. */
  public static Builder builder(String... columns) {
    return new Builder(List.of(columns));
  }

  /** Collects rows for a {@link Table}. */
  public static final class Builder {
    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    private Builder(List<String> columns) {
      this.columns = columns;
    }

    /** Adds a row; its cells in the order of the columns. */
    public Builder row(Object... cells) {
      if (cells.length != columns.size()) {
        throw new IllegalArgumentException(
            "a row of " + cells.length + " cells under " + columns.size() + " columns");
      }
      rows.add(Arrays.asList(cells));
      return this;
    }

    public Table build() {
      return new Table(columns, rows);
    }
  }
}
