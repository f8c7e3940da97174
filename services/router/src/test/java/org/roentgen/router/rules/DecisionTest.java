package org.roentgen.router.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.InstanceDelivery.Priority;
import org.roentgen.contracts.InstanceQc;
import org.roentgen.contracts.InstanceValidated;

/** Evaluation order, merging of several rules, default priority and the FAIL default. */
class DecisionTest {

  private static RoutingDecision decide(String yaml, Events events) {
    return Events.rules(yaml).decide(events.event(), Events.NOW);
  }

  private static RoutingDecision.Deliver deliver(String yaml, Events events) {
    RoutingDecision d = decide(yaml, events);
    assertThat(d).isInstanceOf(RoutingDecision.Deliver.class);
    return (RoutingDecision.Deliver) d;
  }

  @Test
  void rulesAreEvaluatedInOrderAndAFinalRuleStops() {
    String yaml =
        """
        rules:
          - id: cr
            match: {Modality: CR}
            actions: {sendTo: orthanc}
            final: true
          - id: all
            actions: {sendTo: archive-scp}
        """;
    RoutingDecision.Deliver cr = deliver(yaml, Events.instance().with("Modality", "CR"));
    assertThat(cr.matchedRules()).containsExactly("cr");
    assertThat(cr.destinations())
        .extracting(DestinationPlan::destination)
        .containsExactly("orthanc");
    RoutingDecision.Deliver ct = deliver(yaml, Events.instance().with("Modality", "CT"));
    assertThat(ct.matchedRules()).containsExactly("all");
  }

  @Test
  void destinationsAreTheUnionInOrderOfFirstMention() {
    String yaml =
        """
        rules:
          - id: a
            actions: {sendTo: [orthanc, archive-scp]}
          - id: b
            actions: {sendTo: [archive-scp, ai]}
        """;
    RoutingDecision.Deliver d = deliver(yaml, Events.instance());
    assertThat(d.destinations())
        .extracting(DestinationPlan::destination)
        .containsExactly("orthanc", "archive-scp", "ai");
    assertThat(d.plan("archive-scp").rules()).containsExactly("a", "b");
    assertThat(d.plan("orthanc").rules()).containsExactly("a");
  }

  @Test
  void nothingMatchedIsNoRouteAndSaysSo() {
    String yaml = "rules:\n  - id: cr\n    match: {Modality: CR}\n    actions: {sendTo: orthanc}\n";
    RoutingDecision d = decide(yaml, Events.instance().with("Modality", "CT"));
    assertThat(d).isInstanceOf(RoutingDecision.NoRoute.class);
    assertThat(((RoutingDecision.NoRoute) d).reason()).isEqualTo("no rule matched");
  }

  @Test
  void aFinalRuleWithoutActionsStopsWithNoRoute() {
    String yaml =
        """
        rules:
          - id: drop-sr
            match: {Modality: SR}
            final: true
          - id: all
            actions: {sendTo: archive-scp}
        """;
    RoutingDecision d = decide(yaml, Events.instance().with("Modality", "SR"));
    assertThat(d).isInstanceOf(RoutingDecision.NoRoute.class);
    assertThat(d.matchedRules()).containsExactly("drop-sr");
    assertThat(((RoutingDecision.NoRoute) d).reason()).contains("drop-sr");
  }

  @Test
  void defaultPriorityIsStatFromRequestedProcedurePriority() {
    String yaml = "rules:\n  - id: all\n    actions: {sendTo: orthanc}\n";
    assertThat(deliver(yaml, Events.instance()).plan("orthanc").priority())
        .isEqualTo(Priority.ROUTINE);
    assertThat(
            deliver(yaml, Events.instance().with("RequestedProcedurePriority", "STAT"))
                .plan("orthanc")
                .priority())
        .isEqualTo(Priority.STAT);
    assertThat(
            deliver(yaml, Events.instance().with("RequestedProcedurePriority", "HIGH"))
                .plan("orthanc")
                .priority())
        .isEqualTo(Priority.ROUTINE);
  }

  @Test
  void defaultPriorityIsStatFromTheRequestAttributesSequence() {
    String yaml = "rules:\n  - id: all\n    actions: {sendTo: orthanc}\n";
    Events e =
        Events.instance()
            .item("RequestAttributesSequence", "RequestedProcedurePriority", "ROUTINE")
            .item("RequestAttributesSequence", "RequestedProcedurePriority", "STAT");
    assertThat(deliver(yaml, e).plan("orthanc").priority()).isEqualTo(Priority.STAT);
  }

  @Test
  void anExplicitPriorityOverridesTheHeaderAndTheHighestExplicitWins() {
    String yaml =
        """
        rules:
          - id: research-routine
            actions: {sendTo: research, priority: ROUTINE}
          - id: pacs
            actions: {sendTo: [orthanc, ai], priority: ROUTINE}
          - id: ed-stat
            match: {callingAe: ED-1}
            actions: {sendTo: orthanc, priority: STAT}
        """;
    Events stat = Events.instance().with("RequestedProcedurePriority", "STAT").calling("ED-1");
    RoutingDecision.Deliver d = deliver(yaml, stat);
    assertThat(d.plan("research").priority()).isEqualTo(Priority.ROUTINE);
    assertThat(d.plan("orthanc").priority()).isEqualTo(Priority.STAT);
    assertThat(d.plan("ai").priority()).isEqualTo(Priority.ROUTINE);
  }

  @Test
  void aRuleWithoutSendToModifiesEveryDestinationChosen() {
    String yaml =
        """
        rules:
          - id: ed-stat
            match: {callingAe: ED-1}
            actions:
              priority: STAT
              holdForStudyCompletion: 30
              coerce:
                - set: {keyword: InstitutionName, value: ED}
          - id: all
            actions: {sendTo: [orthanc, archive-scp]}
        """;
    RoutingDecision.Deliver d = deliver(yaml, Events.instance().calling("ED-1"));
    for (DestinationPlan p : d.destinations()) {
      assertThat(p.priority()).isEqualTo(Priority.STAT);
      assertThat(p.holdSeconds()).isEqualTo(30);
      assertThat(p.coercions()).extracting(Coercion::keyword).containsExactly("InstitutionName");
      assertThat(p.rules()).containsExactly("ed-stat", "all");
    }
  }

  @Test
  void coercionsFollowRuleOrderGeneralListBeforeTheDestinationsOwn() {
    String yaml =
        """
        rules:
          - id: a
            actions:
              sendTo: [orthanc, archive-scp]
              coerce:
                - set: {keyword: InstitutionName, value: A}
          - id: b
            actions:
              coerce:
                orthanc:
                  - remove: PatientComments
          - id: c
            actions:
              sendTo: orthanc
              coerce:
                - set: {keyword: StationName, value: C}
              deidentify:
                archive-scp: true
        """;
    RoutingDecision.Deliver d = deliver(yaml, Events.instance());
    assertThat(d.plan("orthanc").coercions())
        .extracting(Coercion::keyword)
        .containsExactly("InstitutionName", "PatientComments", "StationName");
    assertThat(d.plan("archive-scp").coercions())
        .extracting(Coercion::keyword)
        .containsExactly("InstitutionName");
    assertThat(d.plan("orthanc").deidentified()).isFalse();
    assertThat(d.plan("archive-scp").deidentify()).isEqualTo(DeidentifyOptions.BASIC);
    assertThat(d.plan("archive-scp").rules()).containsExactly("a", "c");
  }

  @Test
  void deidentifyWhenAnyRuleSaysSoWithTheStrictestOptions() {
    String yaml =
        """
        rules:
          - id: a
            actions:
              sendTo: research
              deidentify:
                research: {retainUids: true, retainPatientCharacteristics: true}
          - id: b
            actions:
              sendTo: research
              deidentify:
                research: {retainUids: true, cleanDescriptors: true}
        """;
    DeidentifyOptions o = deliver(yaml, Events.instance()).plan("research").deidentify();
    assertThat(o).isEqualTo(new DeidentifyOptions(true, false, false, false, false, true, false));
  }

  @Test
  void theLongestHoldWins() {
    String yaml =
        """
        rules:
          - id: a
            actions: {sendTo: [orthanc, ai], holdForStudyCompletion: 60}
          - id: b
            actions: {sendTo: orthanc, holdForStudyCompletion: 300}
          - id: c
            actions: {sendTo: archive-scp}
        """;
    RoutingDecision.Deliver d = deliver(yaml, Events.instance());
    assertThat(d.plan("orthanc").holdSeconds()).isEqualTo(300);
    assertThat(d.plan("ai").holdSeconds()).isEqualTo(60);
    assertThat(d.plan("archive-scp").holdSeconds()).isZero();
  }

  private static final String ALL = "rules:\n  - id: all\n    actions: {sendTo: orthanc}\n";

  @Test
  void aFailVerdictQuarantinesByDefaultWithItsFailingFindings() {
    Events e =
        Events.instance()
            .validation(InstanceValidated.Verdict.FAIL, "identity.empty-identifier")
            .qc(InstanceQc.Verdict.WARN, "blur");
    RoutingDecision d = decide(ALL, e);
    assertThat(d).isInstanceOf(RoutingDecision.Quarantine.class);
    RoutingDecision.Quarantine q = (RoutingDecision.Quarantine) d;
    assertThat(q.rule()).isNull();
    assertThat(q.reason()).isEqualTo("validation verdict FAIL");
    assertThat(q.findings()).containsExactly("identity.empty-identifier");
    assertThat(q.matchedRules()).containsExactly("all");
  }

  @Test
  void aQcFailQuarantinesToo() {
    Events e = Events.instance().qc(InstanceQc.Verdict.FAIL, "blank");
    RoutingDecision.Quarantine q = (RoutingDecision.Quarantine) decide(ALL, e);
    assertThat(q.reason()).isEqualTo("QC verdict FAIL");
    assertThat(q.findings()).containsExactly("blank");
  }

  @Test
  void deliverDespiteFailOverridesTheDefault() {
    String yaml =
        """
        rules:
          - id: all
            actions: {sendTo: orthanc}
          - id: qa-sees-failures
            match: {qcVerdict: FAIL}
            actions: {sendTo: ai, deliverDespiteFail: true}
        """;
    Events e = Events.instance().qc(InstanceQc.Verdict.FAIL, "blank");
    assertThat(deliver(yaml, e).destinations())
        .extracting(DestinationPlan::destination)
        .containsExactly("orthanc", "ai");
  }

  @Test
  void theDefaultCanBeTurnedOff() {
    String yaml = "defaults: {quarantineOnFail: false}\n" + ALL;
    Events e = Events.instance().validation(InstanceValidated.Verdict.FAIL, "x");
    assertThat(decide(yaml, e)).isInstanceOf(RoutingDecision.Deliver.class);
  }

  @Test
  void warnAndAbsentVerdictsDoNotQuarantine() {
    assertThat(decide(ALL, Events.instance().validation(InstanceValidated.Verdict.WARN, "w")))
        .isInstanceOf(RoutingDecision.Deliver.class);
    assertThat(decide(ALL, Events.instance())).isInstanceOf(RoutingDecision.Deliver.class);
  }

  @Test
  void aQuarantineRuleWinsOverEverySendWithItsReason() {
    String yaml =
        """
        rules:
          - id: all
            actions: {sendTo: orthanc}
          - id: hold-blur
            match: {findings: [blur]}
            actions: {quarantine: "blurred: repeat the exposure?"}
          - id: also
            actions: {sendTo: archive-scp, deliverDespiteFail: true}
        """;
    Events e =
        Events.instance()
            .validation(InstanceValidated.Verdict.WARN, "view.missing")
            .qc(InstanceQc.Verdict.WARN, "blur");
    RoutingDecision.Quarantine q = (RoutingDecision.Quarantine) decide(yaml, e);
    assertThat(q.rule()).isEqualTo("hold-blur");
    assertThat(q.reason()).isEqualTo("blurred: repeat the exposure?");
    assertThat(q.findings()).containsExactly("view.missing", "blur");
    assertThat(q.matchedRules()).containsExactly("all", "hold-blur", "also");
  }

  @Test
  void noDestinationWithAFailVerdictIsStillQuarantined() {
    Events e = Events.instance().validation(InstanceValidated.Verdict.FAIL, "x");
    String yaml = "rules:\n  - id: cr\n    match: {Modality: CR}\n    actions: {sendTo: orthanc}\n";
    assertThat(decide(yaml, e)).isInstanceOf(RoutingDecision.Quarantine.class);
    assertThat(decide(yaml, e).matchedRules()).isEqualTo(List.of());
  }

  @Test
  void aReleasedInstanceIsRoutedDespiteItsFailAndTheQuarantineRules() {
    String yaml =
        """
        rules:
          - id: hold-blank
            match: {findings: [blank]}
            actions: {quarantine: "blank image"}
            final: true
          - id: all
            actions: {sendTo: orthanc}
        """;
    Events e = Events.instance().qc(InstanceQc.Verdict.FAIL, "blank");
    RuleSet rules = Events.rules(yaml);
    assertThat(rules.decide(e.event(), Events.NOW)).isInstanceOf(RoutingDecision.Quarantine.class);
    RoutingDecision released = rules.decideReleased(e.event(), Events.NOW);
    assertThat(released).isInstanceOf(RoutingDecision.Deliver.class);
    assertThat(released.matchedRules()).containsExactly("all");
  }
}
