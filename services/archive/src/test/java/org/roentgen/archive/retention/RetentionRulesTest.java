package org.roentgen.archive.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionRulesTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
  private static final RetentionPolicy CR = policy(1, "CR", 365);
  private static final RetentionPolicy MG = policy(2, "MG", 3650);
  private static final RetentionPolicy ANY = policy(3, null, 730);

  private static RetentionPolicy policy(long id, String modality, int days) {
    return new RetentionPolicy(id, modality, days, null, Instant.EPOCH, "admin");
  }

  @Test
  void aPolicyDeletesItsModalityOnceTheMinimumAgeIsReached() {
    RetentionRules rules = new RetentionRules(List.of(CR));
    LocalDate yearAgo = TODAY.minusDays(365);
    assertThat(rules.due(List.of("CR"), yearAgo, TODAY)).contains(CR);
    assertThat(rules.due(List.of("CR"), yearAgo.plusDays(1), TODAY)).isEmpty();
    assertThat(rules.due(List.of("DX"), yearAgo.minusYears(5), TODAY)).isEmpty();
    assertThat(rules.due(List.of("cr "), yearAgo, TODAY)).as("normalised").contains(CR);
  }

  @Test
  void aModalitysOwnPolicyWinsOverTheOneForAnyModality() {
    RetentionRules rules = new RetentionRules(List.of(CR, MG, ANY));
    LocalDate threeYears = TODAY.minusYears(3);
    assertThat(rules.due(List.of("MG"), threeYears, TODAY)).as("MG keeps 10 years").isEmpty();
    assertThat(rules.due(List.of("DX"), threeYears, TODAY)).contains(ANY);
    assertThat(rules.due(List.of(RetentionRules.NO_MODALITY), threeYears, TODAY)).contains(ANY);
    assertThat(rules.due(List.of("CR"), threeYears, TODAY)).contains(CR);
  }

  @Test
  void aStudyOfSeveralModalitiesFollowsTheLongestAndOneWithoutPolicyIsKept() {
    RetentionRules withAny = new RetentionRules(List.of(CR, ANY));
    assertThat(withAny.governing(List.of("CR", "SR"))).contains(ANY);
    assertThat(withAny.due(List.of("CR", "SR"), TODAY.minusDays(400), TODAY)).isEmpty();
    assertThat(withAny.due(List.of("CR", "SR"), TODAY.minusDays(730), TODAY)).contains(ANY);
    RetentionRules crOnly = new RetentionRules(List.of(CR));
    assertThat(crOnly.due(List.of("CR", "SR"), TODAY.minusYears(30), TODAY)).isEmpty();
  }

  @Test
  void withoutPoliciesNothingIsDue() {
    RetentionRules rules = new RetentionRules(List.of());
    assertThat(rules.none()).isTrue();
    assertThat(rules.earliestCutoff(TODAY)).isEmpty();
    assertThat(rules.due(List.of("CR"), TODAY.minusYears(50), TODAY)).isEmpty();
    assertThat(new RetentionRules(List.of(CR, MG)).earliestCutoff(TODAY))
        .contains(TODAY.minusDays(365));
  }

  @Test
  void twoPoliciesForOneModalityAreRefused() {
    assertThatThrownBy(() -> new RetentionRules(List.of(CR, policy(9, "CR", 10))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetentionRules(List.of(ANY, policy(9, null, 10))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theAgeCountsFromStudyDateElseTheFirstReceipt() {
    ZoneId zone = ZoneOffset.ofHours(1);
    Instant received = Instant.parse("2025-03-01T23:30:00Z");
    assertThat(RetentionRules.studyDay("20240115", received, zone))
        .isEqualTo(LocalDate.of(2024, 1, 15));
    // No date, an impossible one, or another format: the receipt's day where the archive is.
    assertThat(RetentionRules.studyDay(null, received, zone)).isEqualTo(LocalDate.of(2025, 3, 2));
    assertThat(RetentionRules.studyDay("20240230", received, zone))
        .isEqualTo(LocalDate.of(2025, 3, 2));
    assertThat(RetentionRules.studyDay("2024.01.15", received, zone))
        .isEqualTo(LocalDate.of(2025, 3, 2));
    assertThat(RetentionRules.studyDay(null, null, zone)).isNull();
    assertThat(new RetentionRules(List.of(ANY)).due(List.of("CR"), null, TODAY)).isEmpty();
    // A StudyDate in the future is never old enough.
    assertThat(new RetentionRules(List.of(CR)).due(List.of("CR"), TODAY.plusDays(3), TODAY))
        .isEmpty();
  }

  @Test
  void modalitiesAreCodeStrings() {
    assertThat(RetentionRules.validModality("CR")).isTrue();
    assertThat(RetentionRules.validModality("OPT")).isTrue();
    assertThat(RetentionRules.validModality("")).isFalse();
    assertThat(RetentionRules.validModality("cr")).isFalse();
    assertThat(RetentionRules.validModality("X".repeat(17))).isFalse();
    assertThat(RetentionRules.validModality("C\\R")).isFalse();
  }
}
