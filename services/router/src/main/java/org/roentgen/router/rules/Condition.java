package org.roentgen.router.rules;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A rule's {@code match}: a predicate over an event and the time of evaluation. The conditions of
 * one {@code match} mapping must all hold; {@code any}, {@code all} and {@code not} group them.
 */
public sealed interface Condition
    permits Condition.Always,
        Condition.AllOf,
        Condition.AnyOf,
        Condition.Not,
        Condition.Ae,
        Condition.Verdict,
        Condition.Findings,
        AttributeCondition,
        TimeWindow {

  boolean test(RoutingEvent event, Instant now);

  /** An absent or empty {@code match}: every event. */
  record Always() implements Condition {
    @Override
    public boolean test(RoutingEvent event, Instant now) {
      return true;
    }
  }

  /** Every condition holds ({@code all:}, and the keys of one {@code match} mapping). */
  record AllOf(List<Condition> conditions) implements Condition {
    public AllOf {
      conditions = List.copyOf(conditions);
    }

    @Override
    public boolean test(RoutingEvent event, Instant now) {
      for (Condition c : conditions) {
        if (!c.test(event, now)) {
          return false;
        }
      }
      return true;
    }
  }

  /** At least one condition holds ({@code any:}). */
  record AnyOf(List<Condition> conditions) implements Condition {
    public AnyOf {
      conditions = List.copyOf(conditions);
    }

    @Override
    public boolean test(RoutingEvent event, Instant now) {
      for (Condition c : conditions) {
        if (c.test(event, now)) {
          return true;
        }
      }
      return false;
    }
  }

  /** The condition does not hold ({@code not:}). */
  record Not(Condition condition) implements Condition {
    public Not {
      Objects.requireNonNull(condition, "condition");
    }

    @Override
    public boolean test(RoutingEvent event, Instant now) {
      return !condition.test(event, now);
    }
  }

  /** Which AE title of the association an {@link Ae} condition reads. */
  enum AeSide {
    CALLING,
    CALLED
  }

  /**
   * {@code callingAe} / {@code calledAe}: the AE title passes every test. An instance received by
   * STOW-RS has no AE titles and never matches.
   */
  record Ae(AeSide side, List<ValueTest> tests) implements Condition {
    public Ae {
      Objects.requireNonNull(side, "side");
      tests = List.copyOf(tests);
    }

    @Override
    public boolean test(RoutingEvent event, Instant now) {
      String title = side == AeSide.CALLING ? event.callingAeTitle() : event.calledAeTitle();
      if (title == null) {
        return false;
      }
      for (ValueTest t : tests) {
        if (!t.test(title)) {
          return false;
        }
      }
      return true;
    }
  }

  /** Which block a {@link Verdict} condition reads. */
  enum Block {
    VALIDATION,
    QC
  }

  /** The pseudo-verdict of an event that has no such block (its stage did not run). */
  String ABSENT = "ABSENT";

  /**
   * {@code validationVerdict} / {@code qcVerdict}: the block's verdict is one of {@code verdicts};
   * {@code ABSENT} stands for an event without the block.
   */
  record Verdict(Block block, Set<String> verdicts) implements Condition {
    public Verdict {
      Objects.requireNonNull(block, "block");
      verdicts = Set.copyOf(verdicts);
    }

    @Override
    public boolean test(RoutingEvent event, Instant now) {
      String v = block == Block.VALIDATION ? event.validationVerdict() : event.qcVerdict();
      return verdicts.contains(v == null ? ABSENT : v);
    }
  }

  /**
   * {@code findings}: at least one of {@code ids} is among the rule ids of the validation findings
   * or the check ids of the QC findings, of any severity.
   */
  record Findings(Set<String> ids) implements Condition {
    public Findings {
      ids = Set.copyOf(ids);
    }

    @Override
    public boolean test(RoutingEvent event, Instant now) {
      for (String id : event.findingIds()) {
        if (ids.contains(id)) {
          return true;
        }
      }
      return false;
    }
  }
}
