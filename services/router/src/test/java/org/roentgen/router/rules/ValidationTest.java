package org.roentgen.router.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of problem in a rule file is reported with its line and column, all at once. */
class ValidationTest {

  private static RuleError only(String yaml) {
    List<RuleError> errors = Events.errors(yaml);
    assertThat(errors).as("errors of%n%s", yaml).hasSize(1);
    return errors.get(0);
  }

  private static final String HEAD = "rules:\n  - id: r\n";

  @Test
  void unknownKeyWithTheNearestSuggested() {
    RuleError e = only(HEAD + "    actions:\n      sendto: [orthanc]\n");
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.column()).isEqualTo(7);
    assertThat(e.message()).contains("unknown key 'sendto'").contains("did you mean 'sendTo'");
  }

  @Test
  void unknownTopLevelAndRuleKeys() {
    List<RuleError> errors =
        Events.errors(
            "defaults: {quarantineOnFial: true}\nrule:\n  - id: x\nrules:\n  - id: r\n"
                + "    finl: true\n    actions: {sendTo: orthanc}\n");
    assertThat(errors)
        .extracting(RuleError::line, RuleError::message)
        .anySatisfy(
            t -> {
              assertThat(t.toList().get(0)).isEqualTo(1);
              assertThat((String) t.toList().get(1)).contains("did you mean 'quarantineOnFail'");
            })
        .anySatisfy(
            t -> {
              assertThat(t.toList().get(0)).isEqualTo(2);
              assertThat((String) t.toList().get(1)).contains("did you mean 'rules'");
            })
        .anySatisfy(
            t -> {
              assertThat(t.toList().get(0)).isEqualTo(6);
              assertThat((String) t.toList().get(1)).contains("did you mean 'final'");
            });
  }

  @Test
  void unknownKeywordWithTheNearestSuggested() {
    RuleError e = only(HEAD + "    match:\n      Modalty: CR\n    actions: {sendTo: orthanc}\n");
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.message())
        .contains("unknown DICOM keyword 'Modalty'")
        .contains("did you mean 'Modality'");
  }

  @Test
  void aLowerCaseKeyIsSuggestedItsKeywordOrMatchKey() {
    List<RuleError> errors =
        Events.errors(
            HEAD
                + "    match:\n      modality: CR\n      callingAE: X\n    actions: {sendTo: ai}\n");
    assertThat(errors).extracting(RuleError::line).containsExactly(4, 5);
    assertThat(errors.get(0).message()).contains("did you mean 'Modality'");
    assertThat(errors.get(1).message()).contains("did you mean 'callingAe'");
  }

  @Test
  void aPathThroughSomethingThatIsNotASequence() {
    RuleError e =
        only(HEAD + "    match:\n      Modality.StationName: CR\n    actions: {sendTo: ai}\n");
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.message()).contains("'Modality' is not a sequence");
  }

  @Test
  void wrongTypes() {
    List<RuleError> errors =
        Events.errors(
            """
            defaults:
              quarantineOnFail: maybe
            rules:
              - id: r
                final: [true]
                match:
                  any: {Modality: CR}
                actions:
                  sendTo: {orthanc: 1}
                  holdForStudyCompletion: soon
            """);
    assertThat(errors).extracting(RuleError::line).containsExactly(2, 5, 7, 9, 10);
    assertThat(errors.get(0).message()).contains("quarantineOnFail must be true or false");
    assertThat(errors.get(1).message()).contains("final must be a single value, not a list");
    assertThat(errors.get(2).message()).contains("any must be a non-empty list");
    assertThat(errors.get(3).message()).contains("sendTo must be a list");
    assertThat(errors.get(4).message()).contains("whole number from 1 to 604800");
  }

  @Test
  void badRegexWithTheRegexError() {
    RuleError e =
        only(
            HEAD + "    match:\n      StationName: {regex: 'CR-(.*'}\n    actions: {sendTo: ai}\n");
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.column()).isEqualTo(28);
    assertThat(e.message()).contains("bad regex").contains("Unclosed group").contains("CR-(.*");
  }

  @Test
  void unknownDestinationWithTheNearestSuggested() {
    RuleError e = only(HEAD + "    actions:\n      sendTo: [archive-scp, orthnc]\n");
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.column()).isEqualTo(29);
    assertThat(e.message())
        .contains("unknown destination 'orthnc'")
        .contains("did you mean 'orthanc'")
        .contains("known: ai, archive-scp, orthanc, research");
  }

  @Test
  void unknownDestinationsInCoerceAndDeidentify() {
    List<RuleError> errors =
        Events.errors(
            HEAD
                + "    actions:\n      sendTo: ai\n      coerce:\n        pacs: []\n"
                + "      deidentify:\n        researh: true\n");
    assertThat(errors).extracting(RuleError::line).containsExactly(6, 8);
    assertThat(errors.get(1).message()).contains("did you mean 'research'");
  }

  @Test
  void unknownVerdict() {
    List<RuleError> errors =
        Events.errors(
            HEAD
                + "    match:\n      validationVerdict: [PASS, FAILED]\n"
                + "      qcVerdict: NOT_ANALYZED\n    actions: {sendTo: ai}\n");
    assertThat(errors).extracting(RuleError::line).containsExactly(4, 5);
    assertThat(errors.get(0).message())
        .contains("unknown verdict 'FAILED'")
        .contains("did you mean 'FAIL'");
    assertThat(errors.get(1).message()).contains("did you mean 'NOT_ANALYSED'");
  }

  @Test
  void badTimeWindows() {
    List<RuleError> errors =
        Events.errors(
            """
            rules:
              - id: r
                match:
                  any:
                    - timeWindow: {hours: '8-17'}
                    - timeWindow: {hours: '25:00-07:00'}
                    - timeWindow: {hours: '07:00-07:00'}
                    - timeWindow: {days: [MON-FRY]}
                    - timeWindow: {zone: Europe/Berln, days: MON}
                    - timeWindow: {zone: UTC}
                actions: {sendTo: ai}
            """);
    assertThat(errors).extracting(RuleError::line).containsExactly(5, 6, 7, 8, 9, 10);
    assertThat(errors.get(0).message()).contains("bad time window '8-17'");
    assertThat(errors.get(1).message()).contains("bad time window '25:00-07:00'");
    assertThat(errors.get(2).message()).contains("starts where it ends");
    assertThat(errors.get(3).message()).contains("bad day 'MON-FRY'");
    assertThat(errors.get(4).message())
        .contains("unknown time zone 'Europe/Berln'")
        .contains("did you mean 'Europe/Berlin'");
    assertThat(errors.get(5).message()).contains("needs days, hours or both");
  }

  @Test
  void duplicateRuleIdNamesTheFirst() {
    RuleError e =
        only(
            """
            rules:
              - id: a
                actions: {sendTo: ai}
              - id: a
                actions: {sendTo: orthanc}
            """);
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.message()).contains("duplicate rule id 'a' (first at line 2)");
  }

  @Test
  void duplicateKeyNamesTheFirst() {
    RuleError e = only(HEAD + "    actions:\n      sendTo: ai\n      sendTo: orthanc\n");
    assertThat(e.line()).isEqualTo(5);
    assertThat(e.message()).contains("duplicate key 'sendTo'").contains("first at line 4");
  }

  @Test
  void badRuleIdsAndMissingParts() {
    List<RuleError> errors =
        Events.errors(
            """
            rules:
              - id: has space
                actions: {sendTo: ai}
              - description: no id
                actions: {sendTo: ai}
              - id: no-actions
              - id: empty-actions
                actions: {}
            """);
    assertThat(errors).extracting(RuleError::line).containsExactly(2, 4, 6, 8);
    assertThat(errors.get(0).message()).contains("must be 1 to 64 letters");
    assertThat(errors.get(1).message()).contains("needs an id");
    assertThat(errors.get(2).message()).contains("rule 'no-actions' has no actions");
    assertThat(errors.get(3).message()).contains("actions is empty");
  }

  @Test
  void operatorsThatDoNotFitTheVr() {
    List<RuleError> errors =
        Events.errors(
            """
            rules:
              - id: r
                match:
                  PatientName: {min: 3}
                  Modality: {from: 2024-01-01}
                  Rows: abc
                  KVP: {min: 90, max: 80}
                  StudyDate: {from: 2024-02-01, to: 2024-01-31}
                  InstitutionName: {exists: false, equals: X}
                  StudyID: {}
                actions: {sendTo: ai}
            """);
    assertThat(errors).extracting(RuleError::line).containsExactly(4, 5, 6, 7, 8, 9, 10);
    assertThat(errors.get(0).message()).contains("min and max compare numbers").contains("PN");
    assertThat(errors.get(1).message()).contains("from and to compare dates").contains("CS");
    assertThat(errors.get(2).message()).contains("'abc' is not a number");
    assertThat(errors.get(3).message()).contains("max is below min");
    assertThat(errors.get(4).message()).contains("to is before from");
    assertThat(errors.get(5).message()).contains("exists: false cannot be combined");
    assertThat(errors.get(6).message()).contains("StudyID needs a test");
  }

  @Test
  void badActions() {
    List<RuleError> errors =
        Events.errors(
            """
            rules:
              - id: r
                actions:
                  sendTo: [ai, ai]
                  priority: URGENT
              - id: q
                actions:
                  sendTo: ai
                  quarantine: held
              - id: d
                actions:
                  sendTo: research
                  deidentify:
                    research: {retainUid: true}
                    ai: false
            """);
    assertThat(errors).extracting(RuleError::line).containsExactly(4, 5, 9, 14, 15);
    assertThat(errors.get(0).message()).contains("'ai' is listed twice");
    assertThat(errors.get(1).message()).contains("STAT or ROUTINE");
    assertThat(errors.get(2).message()).contains("quarantine cannot be combined with sendTo");
    assertThat(errors.get(3).message()).contains("did you mean 'retainUids'");
    assertThat(errors.get(4).message()).contains("leave the destination out instead of false");
  }

  @Test
  void badCoercions() {
    List<RuleError> errors =
        Events.errors(
            """
            rules:
              - id: r
                actions:
                  sendTo: ai
                  coerce:
                    - set: {keyword: StudyDate, value: 31.01.2024}
                    - set: {keyword: PixelData, value: x}
                    - set: {keyword: SpecificCharacterSet, value: ISO_IR 100}
                    - remove: PatientNme
                    - copy: {from: AccessionNumber, to: ReferencedImageSequence}
                    - replace: {keyword: StationName, regex: 'A(', replacement: B}
                    - replace: {keyword: StationName, regex: 'A', replacement: '$1'}
                    - replace: {keyword: Rows, regex: '1', replacement: '2'}
                    - set: {value: x}
                    - set: {keyword: Modality, value: x}
                      remove: Modality
                    - rename: {from: A, to: B}
                    - set: {keyword: ImageComments, value: [a, b]}
                    - set: {keyword: Rows, value: many}
            """);
    assertThat(errors)
        .extracting(RuleError::line)
        .containsExactly(6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 18, 19);
    assertThat(errors.get(0).message())
        .contains("'31.01.2024' is not a valid DA value for StudyDate");
    assertThat(errors.get(1).message()).contains("PixelData cannot be coerced");
    assertThat(errors.get(2).message()).contains("SpecificCharacterSet cannot be coerced");
    assertThat(errors.get(3).message()).contains("did you mean 'PatientName'");
    assertThat(errors.get(4).message()).contains("copy from AccessionNumber");
    assertThat(errors.get(5).message()).contains("bad regex");
    assertThat(errors.get(6).message()).contains("$1 refers to group 1, and the regex has 0");
    assertThat(errors.get(7).message()).contains("replace edits text");
    assertThat(errors.get(8).message()).contains("set needs keyword");
    assertThat(errors.get(9).message()).contains("exactly one of set, remove, copy, replace");
    assertThat(errors.get(10).message()).contains("unknown key 'rename'");
    assertThat(errors.get(11).message()).contains("LT, which holds one value");
    assertThat(errors.get(12).message()).contains("'many' is not a valid US value");
  }

  @Test
  void everyErrorOfTheFileIsReportedInLineOrder() {
    List<RuleError> errors =
        Events.errors(
            """
            rules:
              - id: a
                match: {Modalty: CR}
                actions: {sendTo: nowhere}
              - id: b
                match: {qcVerdict: GOOD}
                actions: {priority: HIGH}
            """);
    assertThat(errors).extracting(RuleError::line).containsExactly(3, 4, 6, 7);
  }

  @Test
  void yamlSyntaxErrorsNameTheirLine() {
    RuleError e = only("rules:\n  - id: a\n    actions: {sendTo: [ai}\n");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.message()).startsWith("not valid YAML");
  }

  @Test
  void emptyAndNonMappingFiles() {
    assertThat(only("").message()).contains("empty");
    assertThat(only("- a\n- b\n").message()).contains("the rule file must be a mapping");
    assertThat(only("defaults: {}\n").message()).contains("needs a rules list");
  }

  @Test
  void notUtf8() {
    byte[] bytes = "rules: []\n# \u00e9".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> Events.parser().parse(bytes, "latin1.yaml"))
        .isInstanceOf(RuleFileException.class)
        .hasMessageContaining("not UTF-8");
  }

  @Test
  void theExceptionMessageListsEveryErrorWithItsLine() {
    assertThatThrownBy(
            () ->
                Events.parser()
                    .parse(
                        "rules:\n  - id: a\n    actions: {sendTo: x, priority: y}\n"
                            .getBytes(StandardCharsets.UTF_8),
                        "rules.yaml"))
        .isInstanceOf(RuleFileException.class)
        .hasMessageContaining("rules.yaml: 2 errors")
        .hasMessageContaining("line 3, column 23: unknown destination 'x'")
        .hasMessageContaining("line 3, column 36: priority must be STAT or ROUTINE");
  }

  @Test
  void anEmptyRuleListIsValid() {
    assertThat(Events.rules("rules: []\n").size()).isZero();
  }
}
