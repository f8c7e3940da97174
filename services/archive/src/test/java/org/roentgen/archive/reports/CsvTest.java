package org.roentgen.archive.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void aHeaderRowThenOneRecordPerRowEachEndedByCrLf() {
    Table t = Table.builder("station", "exposures", "share").row("ROOM1", 3L, 0.5).build();
    assertThat(Csv.write(t)).isEqualTo("station,exposures,share\r\nROOM1,3,0.5\r\n");
  }

  @Test
  void fieldsWithCommasQuotesOrLineBreaksAreQuotedAndQuotesDoubled() {
    assertThat(Csv.field("DX \"R2\", EAST")).isEqualTo("\"DX \"\"R2\"\", EAST\"");
    assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
    assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(Csv.field("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
    assertThat(Csv.field("line\nbreak")).isEqualTo("\"line\nbreak\"");
    assertThat(Csv.field("plain text")).isEqualTo("plain text");
    assertThat(Csv.field(" spaced ")).isEqualTo(" spaced ");
    assertThat(Csv.field("")).isEqualTo("");
  }

  @Test
  void missingValuesAreEmptyFields() {
    Table t = Table.builder("a", "b", "c").row(null, "x", null).build();
    assertThat(Csv.write(t)).isEqualTo("a,b,c\r\n,x,\r\n");
  }

  @Test
  void numbersArePlainDecimalsThatReadBackTheSame() {
    assertThat(Csv.field(70.0)).isEqualTo("70");
    assertThat(Csv.field(3.2)).isEqualTo("3.2");
    assertThat(Csv.field(-3.5)).isEqualTo("-3.5");
    assertThat(Csv.field(0.0)).isEqualTo("0");
    assertThat(Csv.field(-0.0)).isEqualTo("0");
    assertThat(Csv.field(1e-5)).isEqualTo("0.00001");
    assertThat(Csv.field(1.5e7)).isEqualTo("15000000");
    assertThat(Csv.field(12L)).isEqualTo("12");
    double third = 1.0 / 3;
    assertThat(Double.parseDouble(Csv.field(third))).isEqualTo(third);
    assertThat(Csv.field(Double.NaN)).isEqualTo("");
  }

  @Test
  void textThatASpreadsheetWouldRunAsAFormulaIsDefused() {
    assertThat(Csv.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(Csv.field("+1")).isEqualTo("'+1");
    assertThat(Csv.field("-1")).isEqualTo("'-1");
    assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(Csv.field(-1.0)).isEqualTo("-1");
  }

  @Test
  void theHeaderRowIsQuotedLikeAnyOther() {
    Table t = Table.builder("a,b").row("x").build();
    assertThat(Csv.write(t)).isEqualTo("\"a,b\"\r\nx\r\n");
  }
}
