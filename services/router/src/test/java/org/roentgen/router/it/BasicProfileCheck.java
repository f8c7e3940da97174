package org.roentgen.router.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tags;
import org.roentgen.dicom.deid.Action;
import org.roentgen.dicom.deid.BasicProfile;
import org.roentgen.dicom.deid.ProfileRule;

/**
 * Checks a de-identified data set against its original attribute by attribute, with the toolkit's
 * copy of PS3.15 Table E.1-1 ({@link BasicProfile}), the Basic Profile without options: X absent, Z
 * empty or replaced (a dummy or pseudonym), D and U replaced, and a combined code any of its
 * alternatives (X/Z absent or empty...); private attributes absent. The top level of the data set
 * only: the test's instances have no sequences.
 */
final class BasicProfileCheck {
  private BasicProfileCheck() {}

  /**
   * Asserts that {@code got} is {@code original} as the Basic Profile allows.
   *
   * @return how many attributes of the table were checked
   */
  static int assertDeidentified(Attributes original, Attributes got) {
    BasicProfile profile = BasicProfile.standard();
    Set<Integer> tags = new TreeSet<>();
    Arrays.stream(original.tags()).forEach(tags::add);
    Arrays.stream(got.tags()).forEach(tags::add);
    int checked = 0;
    for (int tag : tags) {
      if (Tags.isPrivate(tag)) {
        assertThat(got.contains(tag)).as("private %s removed", Tags.toString(tag)).isFalse();
        continue;
      }
      ProfileRule rule = profile.rule(tag);
      if (rule == null) {
        continue;
      }
      if (!original.contains(tag)) {
        assertThat(rule.action(Set.of()))
            .as("%s added by de-identification", rule)
            .isNotEqualTo(Action.X);
        continue;
      }
      assertAllowed(tag, rule, original, got);
      checked++;
    }
    return checked;
  }

  private static void assertAllowed(
      int tag, ProfileRule rule, Attributes original, Attributes got) {
    boolean absent = !got.contains(tag);
    boolean empty = !absent && !got.containsValue(tag);
    boolean replaced = !absent && !empty && !sameValue(original, got, tag);
    Action a = rule.action(Set.of());
    boolean ok =
        switch (a) {
          case X -> absent;
          case Z, Z_D -> empty || replaced;
          case D, U -> replaced;
          case X_Z -> absent || empty;
          case X_D -> absent || replaced;
          case X_Z_D, X_Z_U -> absent || empty || replaced;
          case K, C -> true;
        };
    assertThat(ok)
        .as(
            "%s (%s): %s, found %s",
            rule,
            Tags.toString(tag),
            a.code(),
            absent ? "absent" : empty ? "empty" : replaced ? "replaced" : "the original value")
        .isTrue();
  }

  private static boolean sameValue(Attributes a, Attributes b, int tag) {
    Object va = a.getValue(tag);
    Object vb = b.getValue(tag);
    if (va instanceof byte[] || vb instanceof byte[]) {
      return Objects.deepEquals(va, vb);
    }
    return Arrays.equals(a.getStrings(tag), b.getStrings(tag));
  }
}
