package org.roentgen.router.rules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * {@code timeWindow}: the time of evaluation, in {@code zone}, falls on one of {@code days} and
 * within {@code [from, to)}. A window whose {@code from} is after its {@code to} wraps midnight and
 * belongs to the day it starts on: FRI 22:00-06:00 holds from Friday 22:00 to Saturday 06:00.
 *
 * @param days the days of the week (all seven when the file names none)
 * @param from start of the window, inclusive; null with {@code to} for the whole day
 * @param to end of the window, exclusive; null with {@code from} for the whole day
 */
public record TimeWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone)
    implements Condition {
  public TimeWindow {
    days = days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
    Objects.requireNonNull(zone, "zone");
    if ((from == null) != (to == null) || (from != null && from.equals(to))) {
      throw new IllegalArgumentException("from and to are both set and differ, or both null");
    }
  }

  @Override
  public Set<DayOfWeek> days() {
    return EnumSet.copyOf(days);
  }

  @Override
  public boolean test(RoutingEvent event, Instant now) {
    return contains(now);
  }

  /** True when {@code instant} lies in the window. */
  public boolean contains(Instant instant) {
    ZonedDateTime at = instant.atZone(zone);
    DayOfWeek day = at.getDayOfWeek();
    if (from == null) {
      return days.contains(day);
    }
    LocalTime t = at.toLocalTime();
    if (from.isBefore(to)) {
      return days.contains(day) && !t.isBefore(from) && t.isBefore(to);
    }
    if (!t.isBefore(from)) {
      return days.contains(day);
    }
    return t.isBefore(to) && days.contains(day.minus(1));
  }
}
