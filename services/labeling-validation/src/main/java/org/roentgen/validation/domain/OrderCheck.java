package org.roentgen.validation.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.roentgen.contracts.InstanceValidated.Order;
import org.roentgen.contracts.InstanceValidated.OrderStatus;
import org.roentgen.dicom.data.Tag;

/**
 * Rule group 3, order reconciliation: the image's AccessionNumber must name a scheduled procedure
 * step of the modality worklist whose patient ID, name, birth date, sex and modality are the
 * image's. Each differing attribute is its own finding; a name that matches only with tolerance
 * ({@link PersonNames}) is reported as such.
 */
public final class OrderCheck {
  /** The outcome and the order's procedure descriptions (for the laterality words). */
  public record Result(Order order, List<String> descriptions) {}

  private OrderCheck() {}

  /**
   * @param worklist the worklist, or null when none is configured
   */
  public static Result check(Header h, Worklist worklist, Findings out) {
    if (worklist == null
        || !out.enabled(RuleIds.ORDER_NOT_FOUND)
            && !out.enabled(RuleIds.ORDER_MISMATCH)
            && !out.enabled(RuleIds.ORDER_UNCHECKED)) {
      return new Result(Order.of(OrderStatus.DISABLED), List.of());
    }
    String accession = h.string(Tag.AccessionNumber);
    if (accession == null) {
      out.add(
          RuleIds.ORDER_NOT_FOUND,
          Tag.AccessionNumber,
          "an accession number of a scheduled order",
          null,
          "the image has no AccessionNumber, so no order can be found for it");
      return new Result(Order.of(OrderStatus.NOT_FOUND), List.of());
    }
    List<ScheduledStep> steps;
    try {
      steps = worklist.byAccession(accession);
    } catch (WorklistUnavailableException e) {
      out.add(
          RuleIds.ORDER_UNCHECKED,
          Tag.AccessionNumber,
          null,
          accession,
          "the order could not be checked: " + e.getMessage());
      return new Result(new Order(OrderStatus.NOT_CHECKED, e.getMessage(), null), List.of());
    }
    if (steps.isEmpty()) {
      out.add(
          RuleIds.ORDER_NOT_FOUND,
          Tag.AccessionNumber,
          "an accession number of a scheduled order",
          accession,
          "no scheduled procedure step has this AccessionNumber");
      return new Result(Order.of(OrderStatus.NOT_FOUND), List.of());
    }
    String modality = h.upper(Tag.Modality);
    ScheduledStep step =
        steps.stream()
            .filter(s -> s.modality() != null && s.modality().equalsIgnoreCase(modality))
            .findFirst()
            .orElse(steps.get(0));
    boolean mismatched = compare(Tag.PatientID, step.patientId(), h.string(Tag.PatientID), out);
    String name = h.string(Tag.PatientName);
    if (step.patientName() != null) {
      PersonNames.Match m = PersonNames.compare(name, step.patientName());
      if (m == PersonNames.Match.DIFFERENT) {
        mismatch(Tag.PatientName, step.patientName(), name, out);
        mismatched = true;
      } else if (m == PersonNames.Match.TOLERANT) {
        out.add(
            RuleIds.ORDER_NAME_TOLERANCE,
            Tag.PatientName,
            step.patientName(),
            name,
            "PatientName matches the order only when case, accents, spacing and the order of the"
                + " name components are ignored");
      }
    }
    mismatched |=
        compare(Tag.PatientBirthDate, step.patientBirthDate(), h.string(Tag.PatientBirthDate), out);
    mismatched |= compare(Tag.PatientSex, step.patientSex(), h.upper(Tag.PatientSex), out);
    mismatched |= compare(Tag.Modality, step.modality(), modality, out);
    List<String> descriptions = new ArrayList<>();
    if (step.requestedProcedureDescription() != null) {
      descriptions.add(step.requestedProcedureDescription());
    }
    if (step.stepDescription() != null) {
      descriptions.add(step.stepDescription());
    }
    return new Result(
        Order.of(mismatched ? OrderStatus.MISMATCH : OrderStatus.MATCHED), descriptions);
  }

  /** Reports a difference between the order's value and the image's; true when they differ. */
  private static boolean compare(int tag, String ordered, String found, Findings out) {
    if (ordered == null || ordered.isBlank()) {
      return false; // the worklist does not say: nothing to compare
    }
    if (!Objects.equals(ordered.trim(), found)) {
      mismatch(tag, ordered.trim(), found, out);
      return true;
    }
    return false;
  }

  private static void mismatch(int tag, String ordered, String found, Findings out) {
    out.add(
        RuleIds.ORDER_MISMATCH,
        tag,
        ordered,
        found,
        "differs from the order (AccessionNumber's scheduled procedure step)");
  }
}
