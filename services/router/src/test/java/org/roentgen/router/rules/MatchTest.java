package org.roentgen.router.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.InstanceQc;
import org.roentgen.contracts.InstanceValidated;

/** Each match condition of the rule file format, against events built with the toolkit. */
class MatchTest {

  /** True when a rule with this {@code match} body (indented six spaces) matches. */
  private static boolean matches(String match, Events events) {
    return matches(match, events, Events.NOW);
  }

  private static boolean matches(String match, Events events, Instant now) {
    return matchesWith("", match, events, now);
  }

  private static boolean matchesWith(String defaults, String match, Events events, Instant now) {
    String indented = match.strip().indent(6);
    RuleSet rules =
        Events.rules(
            defaults
                + "rules:\n  - id: r\n    match:\n"
                + indented
                + "    actions:\n      sendTo: orthanc\n");
    return rules.decide(events.event(), now).matchedRules().contains("r");
  }

  @Nested
  class Attributes {
    @Test
    void aScalarIsEqualsAndAListIsIn() {
      Events cr = Events.instance().with("Modality", "CR");
      assertThat(matches("Modality: CR", cr)).isTrue();
      assertThat(matches("Modality: DX", cr)).isFalse();
      assertThat(matches("Modality: [DX, CR]", cr)).isTrue();
      assertThat(matches("Modality: [DX, MG]", cr)).isFalse();
    }

    @Test
    void equalsAndInOperators() {
      Events cr = Events.instance().with("Modality", "CR");
      assertThat(matches("Modality: {equals: CR}", cr)).isTrue();
      assertThat(matches("Modality: {in: [MG, CR]}", cr)).isTrue();
      assertThat(matches("Modality: {in: [MG]}", cr)).isFalse();
    }

    @Test
    void regexMatchesTheWholeValue() {
      Events e = Events.instance().with("StationName", "CR-ROOM-2");
      assertThat(matches("StationName: {regex: 'CR-.*'}", e)).isTrue();
      assertThat(matches("StationName: {regex: 'ROOM'}", e)).isFalse();
      assertThat(matches("StationName: {regex: '.*ROOM.*'}", e)).isTrue();
    }

    @Test
    void operatorsOfOneAttributeAllHold() {
      Events e = Events.instance().with("StationName", "CR-ROOM-2");
      assertThat(matches("StationName: {regex: 'CR-.*', in: [CR-ROOM-2, X]}", e)).isTrue();
      assertThat(matches("StationName: {regex: 'CR-.*', equals: CR-ROOM-3}", e)).isFalse();
    }

    @Test
    void existsNeedsAValue() {
      Events e = Events.instance().with("AccessionNumber", "A1").with("PatientComments");
      assertThat(matches("AccessionNumber: {exists: true}", e)).isTrue();
      assertThat(matches("AccessionNumber: {exists: false}", e)).isFalse();
      assertThat(matches("PatientComments: {exists: true}", e)).isFalse();
      assertThat(matches("PatientComments: {exists: false}", e)).isTrue();
      assertThat(matches("StudyID: {exists: false}", e)).isTrue();
    }

    @Test
    void anAbsentAttributeMatchesNoValueTest() {
      Events e = Events.instance();
      assertThat(matches("Modality: CR", e)).isFalse();
      assertThat(matches("Modality: {regex: '.*'}", e)).isFalse();
    }

    @Test
    void numericRangeIsInclusiveOnNumbersAndDecimalStrings() {
      Events e = Events.instance().with("KVP", "80.5").with("Rows", "512");
      assertThat(matches("KVP: {min: 80, max: 81}", e)).isTrue();
      assertThat(matches("KVP: {min: 80.5}", e)).isTrue();
      assertThat(matches("KVP: {max: 80.5}", e)).isTrue();
      assertThat(matches("KVP: {min: 80.6}", e)).isFalse();
      assertThat(matches("Rows: {min: 256, max: 512}", e)).isTrue();
      assertThat(matches("Rows: {max: 511}", e)).isFalse();
    }

    @Test
    void equalsOnANumericVrComparesNumbers() {
      Events e = Events.instance().with("KVP", "80.0").with("Rows", "512");
      assertThat(matches("KVP: 80", e)).isTrue();
      assertThat(matches("Rows: [256, 512.0]", e)).isTrue();
      assertThat(matches("Rows: 513", e)).isFalse();
    }

    @Test
    void dateRangeOnDaIsInclusiveInEitherWriting() {
      Events e = Events.instance().with("StudyDate", "20240131");
      assertThat(matches("StudyDate: {from: 2024-01-01, to: 2024-01-31}", e)).isTrue();
      assertThat(matches("StudyDate: {from: '20240131'}", e)).isTrue();
      assertThat(matches("StudyDate: {to: '20240130'}", e)).isFalse();
      assertThat(matches("StudyDate: {from: 2024-02-01}", e)).isFalse();
    }

    @Test
    void dateRangeOnDtWithFractionAndOffset() {
      Events e = Events.instance().with("AcquisitionDateTime", "20240131235959.123456+0100");
      assertThat(matches("AcquisitionDateTime: {from: 2024-01-31, to: 2024-01-31}", e)).isTrue();
      assertThat(matches("AcquisitionDateTime: {to: '2024-01-31T23:59:59'}", e)).isFalse();
      assertThat(matches("AcquisitionDateTime: {from: '2024-01-31T23:00'}", e)).isTrue();
      assertThat(matches("AcquisitionDateTime: {from: 2024-02-01}", e)).isFalse();
    }

    @Test
    void personNamesMatchTheirAlphabeticGroup() {
      Events e = Events.instance().with("ReferringPhysicianName", "Curie^Marie");
      assertThat(matches("ReferringPhysicianName: Curie^Marie", e)).isTrue();
      assertThat(matches("ReferringPhysicianName: {regex: 'Curie\\^.*'}", e)).isTrue();
    }

    @Test
    void aMultiValuedAttributeMatchesWhenOneValueDoes() {
      Events e = Events.instance().with("ImageType", "ORIGINAL", "PRIMARY", "LOCALIZER");
      assertThat(matches("ImageType: LOCALIZER", e)).isTrue();
      assertThat(matches("ImageType: {in: [DERIVED, SECONDARY]}", e)).isFalse();
    }

    @Test
    void aPathReachesIntoEverySequenceItem() {
      Events e =
          Events.instance()
              .item("RequestAttributesSequence", "RequestedProcedureID", "RP1")
              .item("RequestAttributesSequence", "RequestedProcedureID", "RP2");
      assertThat(matches("RequestAttributesSequence.RequestedProcedureID: RP2", e)).isTrue();
      assertThat(matches("RequestAttributesSequence.RequestedProcedureID: RP3", e)).isFalse();
      assertThat(matches("RequestAttributesSequence: {exists: true}", e)).isTrue();
    }

    @Test
    void aTagNamesAnAttributeToo() {
      Events e = Events.instance().with("Modality", "DX");
      assertThat(matches("'(0008,0060)': DX", e)).isTrue();
      assertThat(matches("'00080060': DX", e)).isTrue();
    }
  }

  @Nested
  class Source {
    @Test
    void callingAndCalledAeTitles() {
      Events e = Events.instance().calling("ED-CR1").called("ROUTER");
      assertThat(matches("callingAe: ED-CR1", e)).isTrue();
      assertThat(matches("callingAe: [X, ED-CR1]", e)).isTrue();
      assertThat(matches("callingAe: {regex: 'ED-.*'}", e)).isTrue();
      assertThat(matches("callingAe: {in: [X]}", e)).isFalse();
      assertThat(matches("calledAe: ROUTER", e)).isTrue();
      assertThat(matches("calledAe: {equals: ED-CR1}", e)).isFalse();
    }

    @Test
    void stowRsHasNoAeTitleToMatch() {
      Events e = Events.instance().calling(null).called(null);
      assertThat(matches("callingAe: {regex: '.*'}", e)).isFalse();
      assertThat(matches("not: {callingAe: {regex: '.*'}}", e)).isTrue();
    }
  }

  @Nested
  class Verdicts {
    @Test
    void verdictsOfEitherBlock() {
      Events e =
          Events.instance()
              .validation(InstanceValidated.Verdict.WARN, "laterality.missing")
              .qc(InstanceQc.Verdict.NOT_ANALYSED);
      assertThat(matches("validationVerdict: WARN", e)).isTrue();
      assertThat(matches("validationVerdict: [PASS, FAIL]", e)).isFalse();
      assertThat(matches("qcVerdict: [NOT_ANALYSED]", e)).isTrue();
      assertThat(matches("qcVerdict: PASS", e)).isFalse();
    }

    @Test
    void absentStandsForAMissingBlock() {
      Events received = Events.instance();
      assertThat(matches("validationVerdict: ABSENT", received)).isTrue();
      assertThat(matches("qcVerdict: [PASS, ABSENT]", received)).isTrue();
      assertThat(matches("qcVerdict: PASS", received)).isFalse();
      Events validated = Events.instance().validation(InstanceValidated.Verdict.PASS);
      assertThat(matches("validationVerdict: ABSENT", validated)).isFalse();
      assertThat(matches("qcVerdict: ABSENT", validated)).isTrue();
    }

    @Test
    void findingsOfEitherBlock() {
      Events e =
          Events.instance()
              .validation(InstanceValidated.Verdict.WARN, "laterality.missing")
              .qc(InstanceQc.Verdict.WARN, "blur");
      assertThat(matches("findings: [blur]", e)).isTrue();
      assertThat(matches("findings: laterality.missing", e)).isTrue();
      assertThat(matches("findings: [noise, view.missing]", e)).isFalse();
      assertThat(matches("findings: [noise]", Events.instance())).isFalse();
    }
  }

  @Nested
  class Groups {
    private final Events cr = Events.instance().with("Modality", "CR").calling("ED-1");

    @Test
    void anyHoldsWhenOneDoes() {
      assertThat(matches("any:\n  - Modality: DX\n  - callingAe: ED-1", cr)).isTrue();
      assertThat(matches("any:\n  - Modality: DX\n  - callingAe: ED-2", cr)).isFalse();
    }

    @Test
    void allHoldsWhenEachDoes() {
      assertThat(matches("all:\n  - Modality: CR\n  - callingAe: ED-1", cr)).isTrue();
      assertThat(matches("all:\n  - Modality: CR\n  - callingAe: ED-2", cr)).isFalse();
    }

    @Test
    void notNegates() {
      assertThat(matches("not: {Modality: CR}", cr)).isFalse();
      assertThat(matches("not: {Modality: DX}", cr)).isTrue();
    }

    @Test
    void theKeysOfOneMappingAllHold() {
      assertThat(matches("Modality: CR\ncallingAe: ED-1", cr)).isTrue();
      assertThat(matches("Modality: CR\ncallingAe: ED-2", cr)).isFalse();
    }

    @Test
    void groupsNest() {
      String m =
          "any:\n  - all:\n      - Modality: CR\n      - not: {callingAe: ED-1}\n  - Modality: DX";
      assertThat(matches(m, cr)).isFalse();
      assertThat(matches(m, Events.instance().with("Modality", "CR").calling("X"))).isTrue();
    }

    @Test
    void noMatchMatchesEverything() {
      RuleSet rules = Events.rules("rules:\n  - id: all\n    actions: {sendTo: orthanc}\n");
      assertThat(rules.decide(Events.instance().event(), Events.NOW).matchedRules())
          .containsExactly("all");
    }
  }

  @Nested
  class TimeWindows {
    private final Events e = Events.instance();

    // 2024-05-17 is a Friday.
    @Test
    void daysAndHours() {
      String w = "timeWindow: {days: [MON-FRI], hours: '08:00-17:00'}";
      assertThat(matches(w, e, Instant.parse("2024-05-17T08:00:00Z"))).isTrue();
      assertThat(matches(w, e, Instant.parse("2024-05-17T16:59:59Z"))).isTrue();
      assertThat(matches(w, e, Instant.parse("2024-05-17T17:00:00Z"))).isFalse();
      assertThat(matches(w, e, Instant.parse("2024-05-18T10:00:00Z"))).isFalse();
    }

    @Test
    void aWindowThatWrapsMidnightBelongsToTheDayItStarts() {
      String w = "timeWindow: {days: [FRIDAY], hours: '22:00-06:00'}";
      assertThat(matches(w, e, Instant.parse("2024-05-17T23:30:00Z"))).isTrue();
      assertThat(matches(w, e, Instant.parse("2024-05-18T03:00:00Z"))).isTrue();
      assertThat(matches(w, e, Instant.parse("2024-05-18T06:00:00Z"))).isFalse();
      assertThat(matches(w, e, Instant.parse("2024-05-17T03:00:00Z"))).isFalse();
      assertThat(matches(w, e, Instant.parse("2024-05-18T23:00:00Z"))).isFalse();
    }

    @Test
    void hoursAloneApplyEveryDay() {
      String w = "timeWindow: {hours: '18:00-00:00'}";
      assertThat(matches(w, e, Instant.parse("2024-05-19T18:00:00Z"))).isTrue();
      assertThat(matches(w, e, Instant.parse("2024-05-19T23:59:00Z"))).isTrue();
      assertThat(matches(w, e, Instant.parse("2024-05-20T00:00:00Z"))).isFalse();
    }

    @Test
    void daysAloneCoverTheWholeDay() {
      String w = "timeWindow: {days: [sat, Sun]}";
      assertThat(matches(w, e, Instant.parse("2024-05-18T00:00:00Z"))).isTrue();
      assertThat(matches(w, e, Instant.parse("2024-05-19T23:59:59Z"))).isTrue();
      assertThat(matches(w, e, Instant.parse("2024-05-20T00:00:00Z"))).isFalse();
    }

    @Test
    void theWindowsZoneWithDaylightSaving() {
      // 06:30 UTC is 08:30 in Berlin in May (CEST) and 07:30 in January (CET).
      String w = "timeWindow: {hours: '08:00-17:00', zone: Europe/Berlin}";
      assertThat(matches(w, e, Instant.parse("2024-05-17T06:30:00Z"))).isTrue();
      assertThat(matches(w, e, Instant.parse("2024-01-17T06:30:00Z"))).isFalse();
    }

    @Test
    void theDayIsTheZonesDay() {
      // Friday 23:30 UTC is Saturday 01:30 in Berlin.
      String w = "timeWindow: {days: [SAT], zone: Europe/Berlin}";
      assertThat(matches(w, e, Instant.parse("2024-05-17T23:30:00Z"))).isTrue();
    }

    @Test
    void theFilesDefaultZone() {
      String w = "timeWindow: {hours: '08:00-17:00'}";
      String defaults = "defaults: {timeZone: America/New_York}\n";
      // 12:30 UTC is 08:30 in New York (EDT).
      assertThat(matchesWith(defaults, w, e, Instant.parse("2024-05-17T12:30:00Z"))).isTrue();
      assertThat(matchesWith(defaults, w, e, Instant.parse("2024-05-17T11:30:00Z"))).isFalse();
    }
  }
}
