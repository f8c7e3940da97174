package org.roentgen.validation.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.roentgen.contracts.InstanceValidated.Finding;
import org.roentgen.dicom.data.ElementDictionary;

/**
 * The findings of one instance as the checks report them: a finding of a rule that is switched off
 * is dropped, the others get the severity the rule file gives their rule.
 */
public final class Findings {
  /** No attribute: a finding about the instance as a whole. */
  public static final int NO_TAG = -1;

  private final RuleBook book;
  private final List<Finding> found = new ArrayList<>();

  public Findings(RuleBook book) {
    this.book = book;
  }

  public RuleBook book() {
    return book;
  }

  public RuleSettings settings() {
    return book.settings();
  }

  /** Whether a check need look for this rule at all. */
  public boolean enabled(String ruleId) {
    return book.enabled(ruleId);
  }

  /**
   * Reports a finding of {@code ruleId} about the attribute {@code tag} (or {@link #NO_TAG}).
   *
   * @param expected what was expected, or null
   * @param value what the image carries, or null when absent
   */
  public void add(String ruleId, int tag, String expected, String value, String message) {
    RuleSpec rule = book.rule(ruleId);
    if (!rule.enabled()) {
      return;
    }
    String keyword = tag == NO_TAG ? null : ElementDictionary.keywordOf(tag);
    found.add(
        new Finding(
            ruleId,
            rule.severity(),
            keyword == null || keyword.isEmpty() ? null : keyword,
            tag == NO_TAG ? null : String.format(Locale.ROOT, "%08X", tag),
            expected,
            value,
            message));
  }

  /** What has been found so far, in the order it was reported. */
  public List<Finding> list() {
    return List.copyOf(found);
  }

  /** Whether a finding of that rule was reported. */
  public boolean has(String ruleId) {
    return found.stream().anyMatch(f -> f.ruleId().equals(ruleId));
  }
}
