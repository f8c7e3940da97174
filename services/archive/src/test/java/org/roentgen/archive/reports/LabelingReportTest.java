package org.roentgen.archive.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.roentgen.archive.reports.LabelingReport.Finding;

class LabelingReportTest {
  @Test
  void perStationAndRuleTheInstancesWithAFailOrWarnFindingOverTheValidated() {
    Map<String, Long> validated = new HashMap<>();
    validated.put("R1", 10L);
    validated.put("R2", 4L);
    validated.put(null, 2L);
    List<Finding> findings =
        List.of(
            new Finding("R1", "a", "laterality.contradiction", "FAIL"),
            new Finding("R1", "a", "order.mismatch", "WARN"),
            new Finding("R1", "b", "order.mismatch", "WARN"),
            new Finding("R1", "b", "order.mismatch", "FAIL"),
            new Finding("R1", "c", "view.missing", "WARN"),
            new Finding("R1", "c", "view.missing", "INFO"),
            new Finding("R1", "d", "pregnancy.status-unknown", "INFO"));
    Table t = LabelingReport.table(validated, findings);
    assertThat(t.columns()).isEqualTo(LabelingReport.COLUMNS);
    assertThat(t.rows())
        .containsExactly(
            Arrays.asList("R1", "ALL", 10L, 2L, 1L, 3L, 0.3),
            Arrays.asList("R1", "laterality.contradiction", 10L, 1L, 0L, 1L, 0.1),
            Arrays.asList("R1", "order.mismatch", 10L, 1L, 1L, 2L, 0.2),
            Arrays.asList("R1", "view.missing", 10L, 0L, 1L, 1L, 0.1),
            Arrays.asList("R2", "ALL", 4L, 0L, 0L, 0L, 0.0),
            Arrays.asList(null, "ALL", 2L, 0L, 0L, 0L, 0.0));
  }
}
