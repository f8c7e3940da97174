package org.roentgen.router.rules;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A condition on a DICOM attribute of the event's header, named by keyword (or a path of keywords
 * through sequences, {@code RequestAttributesSequence.RequestedProcedureID}, any item matching).
 *
 * <p>{@code exists} (when not null) says whether the attribute must be present with a value. The
 * other tests hold when one value of the attribute passes all of them (a multi-valued attribute
 * such as ImageType matches when any of its values does); an absent attribute passes none.
 *
 * @param name the key as the rule file wrote it
 * @param path the tags from the top-level dataset to the attribute
 */
public record AttributeCondition(String name, int[] path, Boolean exists, List<ValueTest> tests)
    implements Condition {
  public AttributeCondition {
    Objects.requireNonNull(name, "name");
    path = path.clone();
    tests = List.copyOf(tests);
  }

  @Override
  public int[] path() {
    return path.clone();
  }

  @Override
  public boolean test(RoutingEvent event, Instant now) {
    if (exists != null && HeaderValues.hasValue(event.header(), path) != exists) {
      return false;
    }
    if (tests.isEmpty()) {
      return true;
    }
    for (String value : HeaderValues.texts(event.header(), path)) {
      if (passesAll(value)) {
        return true;
      }
    }
    return false;
  }

  private boolean passesAll(String value) {
    for (ValueTest t : tests) {
      if (!t.test(value)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AttributeCondition a
        && name.equals(a.name)
        && Arrays.equals(path, a.path)
        && Objects.equals(exists, a.exists)
        && tests.equals(a.tests);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(path), exists, tests);
  }

  @Override
  public String toString() {
    return "AttributeCondition[" + name + ", exists=" + exists + ", tests=" + tests + "]";
  }
}
