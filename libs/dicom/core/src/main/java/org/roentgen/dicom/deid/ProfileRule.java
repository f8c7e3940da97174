package org.roentgen.dicom.deid;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.roentgen.dicom.data.Tags;

/**
 * One row of PS3.15 Table E.1-1: an attribute, its Basic Profile action and the actions of the
 * option columns that are not blank.
 *
 * @param tag the tag; for a repeating row such as (60xx,3000), its pattern with x as 0
 * @param mask the bits of a tag that must equal those of {@code tag}: all for an ordinary row,
 *     {@code 0xFF00FFFF} for (60xx,3000), {@code 0xFF000000} for (50xx,xxxx)
 * @param keyword the PS3.6 keyword
 * @param basic the Basic Profile action
 * @param options the action of each option column that has one
 */
public record ProfileRule(
    int tag, int mask, String keyword, Action basic, Map<ProfileOption, Action> options) {

  /** The mask of a row that stands for one tag. */
  public static final int EXACT = 0xFFFFFFFF;

  public ProfileRule {
    Map<ProfileOption, Action> copy = new EnumMap<>(ProfileOption.class);
    copy.putAll(options);
    options = Collections.unmodifiableMap(copy);
  }

  /** True for a row of repeating groups, like (60xx,3000). */
  public boolean isRepeating() {
    return mask != EXACT;
  }

  /**
   * True when {@code candidate} is this row's attribute; a repeating row matches even groups only
   * (odd groups are private, PS3.5 section 7.8).
   */
  public boolean matches(int candidate) {
    if (!isRepeating()) {
      return candidate == tag;
    }
    return (candidate & mask) == (tag & mask) && (Tags.group(candidate) & 1) == 0;
  }

  /**
   * The action of this row under the {@code selected} options: the Basic Profile action, or that of
   * a selected option whose column has one (PS3.15 E.3: an option's action replaces the Basic
   * Profile's). When several selected options have an action for the row, K wins over C and C over
   * the others, so that every option keeps what it promises to keep: Device UID is K under both
   * Retain UIDs and Retain Device Identity, Allergies C under both Retain Patient Characteristics
   * and Clean Descriptors.
   */
  public Action action(Set<ProfileOption> selected) {
    Action chosen = null;
    for (ProfileOption option : selected) {
      Action a = options.get(option);
      if (a != null && (chosen == null || rank(a) > rank(chosen))) {
        chosen = a;
      }
    }
    return chosen == null ? basic : chosen;
  }

  private static int rank(Action a) {
    return switch (a) {
      case K -> 2;
      case C -> 1;
      default -> 0;
    };
  }

  @Override
  public String toString() {
    return keyword + " " + Tags.toString(tag) + " " + basic.code();
  }
}
