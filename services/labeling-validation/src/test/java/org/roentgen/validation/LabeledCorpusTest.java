package org.roentgen.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.ContractSchemas;
import org.roentgen.contracts.EventJson;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.contracts.Topics;
import org.roentgen.validation.domain.InMemoryStudyIdentities;
import org.roentgen.validation.domain.RuleBookLoader;
import org.roentgen.validation.domain.ScheduledStep;
import org.roentgen.validation.domain.Validator;
import org.roentgen.validation.domain.Worklist;
import org.roentgen.validation.domain.WorklistUnavailableException;

/**
 * The labeled corpus through the validator with the worklist in memory: every rule at precision and
 * recall 1.0. (MwlWorklist's own test proves the worklist over DICOM; the service IT runs the
 * corpus through Kafka with DCMTK's worklist SCP.)
 */
class LabeledCorpusTest {
  @Test
  void everyRuleIsExactOnTheCorpus() throws Exception {
    List<LabeledCase> cases = LabeledCorpus.cases();
    Map<String, List<ScheduledStep>> orders = new HashMap<>();
    Set<String> down = new HashSet<>();
    for (LabeledCase c : cases) {
      c.orders()
          .forEach(
              o ->
                  orders
                      .computeIfAbsent(o.accessionNumber(), k -> new java.util.ArrayList<>())
                      .add(o));
      if (c.worklistDown() && c.dataset() != null) {
        down.add(c.dataset().getString(org.roentgen.dicom.data.Tag.AccessionNumber));
      }
    }
    Worklist worklist =
        accession -> {
          if (down.contains(accession)) {
            throw new WorklistUnavailableException("WORKLIST@127.0.0.1:1 refused", null);
          }
          return orders.getOrDefault(accession, List.of());
        };
    Validator validator =
        new Validator(
            RuleBookLoader::defaults,
            worklist,
            new InMemoryStudyIdentities(1000, 1000),
            Clock.fixed(Instant.parse("2026-11-20T10:17:00Z"), ZoneOffset.UTC),
            "test");
    CorpusScore score = new CorpusScore();
    int n = 0;
    for (LabeledCase c : cases) {
      InstanceValidated v = validator.validate(CorpusEvents.event(c, ++n));
      String json = EventJson.mapper().writeValueAsString(v);
      assertThat(ContractSchemas.violations(Topics.INSTANCE_VALIDATED, json))
          .as(c.name())
          .isEmpty();
      score.score(c, v.validation().findings());
    }
    System.out.println("Labeled corpus, " + cases.size() + " images, in-memory worklist:");
    System.out.println(score.report());
    assertThat(score.errors()).isEmpty();
    assertThat(score.imperfect()).isEmpty();
  }
}
