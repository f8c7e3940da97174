package org.roentgen.router.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.InstanceDelivery.Priority;
import org.roentgen.contracts.InstanceQc;
import org.roentgen.contracts.InstanceValidated;

/** The example rule file the local stack runs with is valid and routes as its comments say. */
class ExampleRulesTest {
  private static final String RESOURCE = "/rules/example-rules.yaml";
  private static final Set<String> STACK = Set.of("orthanc", "archive-scp");

  private static String text() throws Exception {
    try (InputStream in = ExampleRulesTest.class.getResourceAsStream(RESOURCE)) {
      assertThat(in).as(RESOURCE).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static RuleSet parse(String text, Set<String> destinations) throws Exception {
    return new RuleFileParser(destinations, ZoneOffset.UTC)
        .parse(text.getBytes(StandardCharsets.UTF_8), RESOURCE);
  }

  private static RoutingDecision decide(RuleSet rules, Events e) {
    return rules.decide(e.event(), Events.NOW);
  }

  @Test
  void radiographyGoesToThePacsAndEverythingToTheArchive() throws Exception {
    RuleSet rules = parse(text(), STACK);
    RoutingDecision.Deliver dx =
        (RoutingDecision.Deliver) decide(rules, Events.instance().with("Modality", "DX"));
    assertThat(dx.destinations())
        .extracting(DestinationPlan::destination)
        .containsExactly("orthanc", "archive-scp");
    assertThat(dx.destinations()).allSatisfy(p -> assertThat(p.coercions()).isEmpty());
    RoutingDecision.Deliver ct =
        (RoutingDecision.Deliver) decide(rules, Events.instance().with("Modality", "CT"));
    assertThat(ct.destinations())
        .extracting(DestinationPlan::destination)
        .containsExactly("archive-scp");
  }

  @Test
  void failIsQuarantinedAndTheEmergencyDepartmentGoesFirst() throws Exception {
    RuleSet rules = parse(text(), STACK);
    Events failed = Events.instance().with("Modality", "CR").qc(InstanceQc.Verdict.FAIL, "blank");
    assertThat(decide(rules, failed)).isInstanceOf(RoutingDecision.Quarantine.class);
    Events ed =
        Events.instance()
            .with("Modality", "CR")
            .calling("ED-CR1")
            .validation(InstanceValidated.Verdict.WARN, "view.missing");
    RoutingDecision.Deliver d = (RoutingDecision.Deliver) decide(rules, ed);
    assertThat(d.destinations()).allSatisfy(p -> assertThat(p.priority()).isEqualTo(Priority.STAT));
  }

  @Test
  void theResearchBlockIsValidOnceUncommented() throws Exception {
    String text = uncomment(text(), "research");
    RuleSet rules = parse(text, Set.of("orthanc", "archive-scp", "research"));
    Events adultChest =
        Events.instance()
            .with("Modality", "DX")
            .with("BodyPartExamined", "CHEST")
            .with("PatientAge", "045Y")
            .qc(InstanceQc.Verdict.PASS);
    RoutingDecision.Deliver d = (RoutingDecision.Deliver) decide(rules, adultChest);
    DestinationPlan research = d.plan("research");
    assertThat(research).isNotNull();
    assertThat(research.deidentify())
        .isEqualTo(new DeidentifyOptions(false, false, false, true, false, true, false));
    assertThat(research.holdSeconds()).isEqualTo(120);
    assertThat(d.plan("orthanc").deidentified()).isFalse();

    Events child =
        Events.instance()
            .with("Modality", "DX")
            .with("BodyPartExamined", "CHEST")
            .with("PatientAge", "009Y")
            .qc(InstanceQc.Verdict.PASS);
    assertThat(((RoutingDecision.Deliver) decide(rules, child)).plan("research")).isNull();
  }

  @Test
  void theCoercionBlockIsValidOnceUncommented() throws Exception {
    RuleSet rules = parse(uncomment(text(), "pacs-coercions"), STACK);
    RoutingDecision.Deliver d =
        (RoutingDecision.Deliver) decide(rules, Events.instance().with("Modality", "CR"));
    assertThat(d.plan("orthanc").coercions())
        .extracting(Coercion::keyword)
        .containsExactly("InstitutionName", "PatientComments");
    assertThat(d.plan("archive-scp").coercions()).isEmpty();
  }

  /** Removes the "# " of the lines between "# NAME-begin" and "# NAME-end". */
  private static String uncomment(String text, String name) {
    StringBuilder out = new StringBuilder();
    boolean inside = false;
    for (String line : text.split("\n", -1)) {
      if (line.strip().equals("# " + name + "-begin")) {
        inside = true;
        continue;
      }
      if (line.strip().equals("# " + name + "-end")) {
        inside = false;
        continue;
      }
      out.append(inside ? line.replaceFirst(Pattern.quote("# "), "") : line).append('\n');
    }
    return out.toString();
  }
}
