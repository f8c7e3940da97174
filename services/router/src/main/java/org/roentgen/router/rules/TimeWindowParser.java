package org.roentgen.router.rules;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code timeWindow: {days: [MON-FRI, SUN], hours: "18:00-07:00", zone: Europe/Berlin}}: days
 * by three-letter or full English name or as a range, hours as {@code HH:MM-HH:MM} (wrapping
 * midnight when the start is later), the zone as an IANA zone id. Days or hours may be left out.
 */
final class TimeWindowParser {
  private static final List<String> KEYS = List.of("days", "hours", "zone");
  private static final Pattern HOURS =
      Pattern.compile("(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})");
  private static final int SHORT_NAME = 3;
  private static final int HOURS_PER_DAY = 24;
  private static final int MINUTES_PER_HOUR = 60;

  private final YamlNodes y;
  private final ZoneId defaultZone;

  TimeWindowParser(YamlNodes y, ZoneId defaultZone) {
    this.y = y;
    this.defaultZone = defaultZone;
  }

  TimeWindow parse(Node node) {
    Map<String, YamlNodes.Entry> e = y.mapping(node, "timeWindow", KEYS);
    if (e == null) {
      return null;
    }
    if (!e.containsKey("days") && !e.containsKey("hours")) {
      y.error(node, "timeWindow needs days, hours or both");
      return null;
    }
    Set<DayOfWeek> days = e.containsKey("days") ? days(e.get("days").value()) : Set.of();
    LocalTime[] hours = e.containsKey("hours") ? hours(e.get("hours").value()) : new LocalTime[2];
    ZoneId zone = e.containsKey("zone") ? zone(e.get("zone").value(), y) : defaultZone;
    if (days == null || hours == null || zone == null) {
      return null;
    }
    return new TimeWindow(days, hours[0], hours[1], zone);
  }

  private Set<DayOfWeek> days(Node node) {
    List<Node> items = y.list(node, "days", true);
    if (items == null) {
      return null;
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    boolean ok = true;
    for (Node item : items) {
      String s = y.text(item, "a day");
      if (s == null) {
        ok = false;
        continue;
      }
      int dash = s.indexOf('-');
      DayOfWeek first = day(dash < 0 ? s : s.substring(0, dash));
      DayOfWeek last = dash < 0 ? first : day(s.substring(dash + 1));
      if (first == null || last == null) {
        y.error(
            item, "bad day '" + s + "': expected MON..SUN, a full day name, or a range MON-FRI");
        ok = false;
        continue;
      }
      for (DayOfWeek d = first; ; d = d.plus(1)) {
        days.add(d);
        if (d == last) {
          break;
        }
      }
    }
    return ok ? days : null;
  }

  private static DayOfWeek day(String text) {
    String s = text.strip().toUpperCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().equals(s) || d.name().substring(0, SHORT_NAME).equals(s)) {
        return d;
      }
    }
    return null;
  }

  private LocalTime[] hours(Node node) {
    String s = y.text(node, "hours");
    if (s == null) {
      return null;
    }
    Matcher m = HOURS.matcher(s);
    if (m.matches()) {
      LocalTime from = time(m.group(1), m.group(2));
      LocalTime to = time(m.group(3), m.group(4));
      if (from != null && to != null && !from.equals(to)) {
        return new LocalTime[] {from, to};
      }
      if (from != null && from.equals(to)) {
        y.error(
            node,
            "bad time window '"
                + s
                + "': it starts where it ends (leave out hours for"
                + " the whole day)");
        return null;
      }
    }
    y.error(node, "bad time window '" + s + "': expected HH:MM-HH:MM, 00:00 to 23:59");
    return null;
  }

  private static LocalTime time(String h, String m) {
    int hour = Integer.parseInt(h);
    int minute = Integer.parseInt(m);
    return hour < HOURS_PER_DAY && minute < MINUTES_PER_HOUR ? LocalTime.of(hour, minute) : null;
  }

  /** An IANA zone id; null when unknown (reported). */
  static ZoneId zone(Node node, YamlNodes y) {
    String s = y.text(node, "zone");
    if (s == null) {
      return null;
    }
    try {
      return ZoneId.of(s);
    } catch (DateTimeException e) {
      y.error(
          node,
          "unknown time zone '" + s + "'" + Suggestions.hint(s, ZoneId.getAvailableZoneIds()));
      return null;
    }
  }
}
