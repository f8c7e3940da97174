package org.roentgen.router.rules;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One operator of a match condition, applied to one value as text (an attribute value, an AE
 * title). A value that does not parse as the operator needs (a number, a date) does not match.
 */
public sealed interface ValueTest {
  boolean test(String value);

  /**
   * The value equals {@code text}; when {@code number} is not null (the attribute's VR is numeric)
   * the comparison is numeric, so 1.0 equals 1.
   */
  record Equals(String text, BigDecimal number) implements ValueTest {
    public Equals {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public boolean test(String value) {
      if (number == null) {
        return text.equals(value.strip());
      }
      BigDecimal v = Numbers.parse(value);
      return v != null && v.compareTo(number) == 0;
    }
  }

  /** The value equals one of {@code options}. */
  record In(List<Equals> options) implements ValueTest {
    public In {
      options = List.copyOf(options);
    }

    @Override
    public boolean test(String value) {
      for (Equals e : options) {
        if (e.test(value)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * The whole value matches the regular expression (as {@link java.util.regex.Matcher#matches}).
   */
  record Regex(Pattern pattern) implements ValueTest {
    public Regex {
      Objects.requireNonNull(pattern, "pattern");
    }

    @Override
    public boolean test(String value) {
      return pattern.matcher(value).matches();
    }
  }

  /** {@code min <= value <= max}; either bound may be null (open). */
  record NumberRange(BigDecimal min, BigDecimal max) implements ValueTest {
    @Override
    public boolean test(String value) {
      BigDecimal v = Numbers.parse(value);
      return v != null
          && (min == null || v.compareTo(min) >= 0)
          && (max == null || v.compareTo(max) <= 0);
    }
  }

  /**
   * A DA or DT value at or after {@code from} and before {@code until}; either bound may be null.
   * Offsets of DT values are ignored (local date and time as written).
   *
   * @param until exclusive: the day after a date bound, the instant after a date-time bound
   */
  record DateRange(LocalDateTime from, LocalDateTime until) implements ValueTest {
    @Override
    public boolean test(String value) {
      LocalDateTime v = DicomDates.parse(value);
      return v != null
          && (from == null || !v.isBefore(from))
          && (until == null || v.isBefore(until));
    }
  }

  /** Number parsing shared by the operators. */
  final class Numbers {
    private Numbers() {}

    /** The value as a number, or null when it is not one. */
    static BigDecimal parse(String value) {
      try {
        return new BigDecimal(value.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }
}
