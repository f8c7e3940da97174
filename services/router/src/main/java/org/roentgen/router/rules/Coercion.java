package org.roentgen.router.rules;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.roentgen.dicom.data.VR;

/**
 * One attribute coercion of a rule's {@code coerce} list, applied to the data set sent to a
 * destination by {@link CoercionApplier}, in the order the rules list them. Each names its
 * attribute by keyword (top level of the data set) and carries its tag.
 */
public sealed interface Coercion {
  /** The keyword of the attribute the coercion writes. */
  String keyword();

  /**
   * {@code set}: gives the attribute these values (none: an empty value), replacing any.
   *
   * @param vr the VR to write when the data set does not have the attribute yet
   */
  record SetValue(String keyword, int tag, VR vr, List<String> values) implements Coercion {
    public SetValue {
      Objects.requireNonNull(keyword, "keyword");
      Objects.requireNonNull(vr, "vr");
      values = List.copyOf(values);
    }
  }

  /** {@code remove}: removes the attribute when present. */
  record Remove(String keyword, int tag) implements Coercion {
    public Remove {
      Objects.requireNonNull(keyword, "keyword");
    }
  }

  /**
   * {@code copy}: copies the value of {@code from} into the attribute; nothing happens when {@code
   * from} is absent.
   *
   * @param vr the VR of the target when the data set does not have it yet
   */
  record Copy(String fromKeyword, int fromTag, String keyword, int tag, VR vr) implements Coercion {
    public Copy {
      Objects.requireNonNull(fromKeyword, "fromKeyword");
      Objects.requireNonNull(keyword, "keyword");
      Objects.requireNonNull(vr, "vr");
    }
  }

  /**
   * {@code replace}: replaces every match of {@code pattern} in each value of the attribute by
   * {@code replacement} ({@code $1} refers to a group); nothing happens when it is absent.
   */
  record Replace(String keyword, int tag, Pattern pattern, String replacement) implements Coercion {
    public Replace {
      Objects.requireNonNull(keyword, "keyword");
      Objects.requireNonNull(pattern, "pattern");
      Objects.requireNonNull(replacement, "replacement");
    }
  }
}
