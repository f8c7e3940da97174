package org.roentgen.archive.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which policy governs a study, and whether the study is old enough to go: the decision alone, no
 * database. Each modality in the study follows its own policy, else the policy for any modality,
 * else none; a study with a modality that no policy covers is kept. Of its modalities' policies the
 * one with the longest minimum age governs, so that no modality's retention is cut short. A study
 * is old enough when whole days from its day to today reach that minimum age.
 */
public final class RetentionRules {
  /** The modality of a series without one; only the policy for any modality covers it. */
  public static final String NO_MODALITY = "";

  private static final Pattern DA = Pattern.compile("[0-9]{8}");
  private static final Pattern CS = Pattern.compile("[A-Z0-9_ ]{1,16}");

  private final RetentionPolicy any;
  private final Map<String, RetentionPolicy> byModality = new HashMap<>();
  private final int shortest;

  /**
   * @throws IllegalArgumentException when two policies name the same modality (or two are for any)
   */
  public RetentionRules(Collection<RetentionPolicy> policies) {
    RetentionPolicy anyPolicy = null;
    int min = Integer.MAX_VALUE;
    for (RetentionPolicy p : policies) {
      if (p.modality() == null) {
        if (anyPolicy != null) {
          throw new IllegalArgumentException("two policies for any modality");
        }
        anyPolicy = p;
      } else if (byModality.put(p.modality(), p) != null) {
        throw new IllegalArgumentException("two policies for modality " + p.modality());
      }
      min = Math.min(min, p.minimumAgeDays());
    }
    this.any = anyPolicy;
    this.shortest = min;
  }

  /** True when no policy is set: nothing is ever deleted. */
  public boolean none() {
    return shortest == Integer.MAX_VALUE;
  }

  /**
   * The latest day a study may have and still be old enough under the shortest policy; empty when
   * there is no policy. Studies after it need not be looked at.
   */
  public Optional<LocalDate> earliestCutoff(LocalDate today) {
    return none() ? Optional.empty() : Optional.of(today.minusDays(shortest));
  }

  /** The policy that governs a study of these modalities, or empty: the study is kept. */
  public Optional<RetentionPolicy> governing(Collection<String> modalities) {
    RetentionPolicy longest = null;
    for (String m : modalities.isEmpty() ? List.of(NO_MODALITY) : modalities) {
      RetentionPolicy p = byModality.getOrDefault(normalise(m), any);
      if (p == null) {
        return Optional.empty();
      }
      if (longest == null || p.minimumAgeDays() > longest.minimumAgeDays()) {
        longest = p;
      }
    }
    return Optional.ofNullable(longest);
  }

  /**
   * The policy under which a study of these modalities and this day is to be deleted today, or
   * empty: it is kept (too young, no day, or a modality no policy covers).
   */
  public Optional<RetentionPolicy> due(
      Collection<String> modalities, LocalDate day, LocalDate today) {
    if (day == null) {
      return Optional.empty();
    }
    return governing(modalities)
        .filter(p -> ChronoUnit.DAYS.between(day, today) >= p.minimumAgeDays());
  }

  /**
   * The day a study's age is counted from: its StudyDate (DA, YYYYMMDD) when that is a valid date,
   * else the day of its first receipt in {@code zone}, else null.
   */
  public static LocalDate studyDay(String studyDate, Instant firstReceived, ZoneId zone) {
    if (studyDate != null && DA.matcher(studyDate).matches()) {
      try {
        return LocalDate.parse(studyDate, DateTimeFormatter.BASIC_ISO_DATE);
      } catch (DateTimeParseException e) {
        // not a date: the receipt counts
      }
    }
    return firstReceived == null ? null : LocalDate.ofInstant(firstReceived, zone);
  }

  /**
   * A modality as policies and series name it: upper case, trimmed; null is {@link #NO_MODALITY}.
   */
  public static String normalise(String modality) {
    return modality == null ? NO_MODALITY : modality.strip().toUpperCase(Locale.ROOT);
  }

  /** True for a Modality (0008,0060) value: a CS of at most 16 upper-case letters and digits. */
  public static boolean validModality(String modality) {
    return modality != null && CS.matcher(modality).matches();
  }
}
