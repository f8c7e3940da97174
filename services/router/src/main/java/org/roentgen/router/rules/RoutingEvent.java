package org.roentgen.router.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.roentgen.contracts.InstanceQc;
import org.roentgen.contracts.InstanceQc.Qc;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.contracts.InstanceValidated.Severity;
import org.roentgen.contracts.InstanceValidated.Validation;

/**
 * What the rules look at: one instance as the router's input topic carries it. The validation and
 * QC blocks are null when the input topic comes before the stage that adds them (the router can run
 * straight after ingest or after labeling validation).
 *
 * @param validation the labeling check's block, or null
 * @param qc the image-quality block, or null
 */
public record RoutingEvent(InstanceReceived instance, Validation validation, Qc qc) {
  public RoutingEvent {
    Objects.requireNonNull(instance, "instance");
  }

  public static RoutingEvent of(InstanceReceived received) {
    return new RoutingEvent(received, null, null);
  }

  public static RoutingEvent of(InstanceValidated validated) {
    return new RoutingEvent(validated.instance(), validated.validation(), null);
  }

  public static RoutingEvent of(InstanceQc qc) {
    return new RoutingEvent(qc.instance(), qc.validation(), qc.qc());
  }

  /** The header as DICOM JSON (PS3.18 annex F), keyed by 8-hex-digit tags. */
  public JsonNode header() {
    return instance.header();
  }

  /** The sender's AE title, or null (STOW-RS). */
  public String callingAeTitle() {
    return instance.source().callingAeTitle();
  }

  /** The AE title the sender called, or null (STOW-RS). */
  public String calledAeTitle() {
    return instance.source().calledAeTitle();
  }

  /** The validation verdict's name, or null when the event has no validation block. */
  public String validationVerdict() {
    return validation == null ? null : validation.verdict().name();
  }

  /** The QC verdict's name, or null when the event has no QC block. */
  public String qcVerdict() {
    return qc == null ? null : qc.verdict().name();
  }

  /** The rule ids of the validation findings and the check ids of the QC findings, distinct. */
  public Set<String> findingIds() {
    return findingIds(Set.of(Severity.values()));
  }

  /**
   * The finding ids whose severity is one of {@code severities}: validation findings first, then QC
   * findings, each id once.
   */
  public Set<String> findingIds(Set<Severity> severities) {
    Set<String> ids = new LinkedHashSet<>();
    if (validation != null) {
      for (InstanceValidated.Finding f : validation.findings()) {
        if (severities.contains(f.severity())) {
          ids.add(f.ruleId());
        }
      }
    }
    if (qc != null) {
      for (InstanceQc.Finding f : qc.findings()) {
        if (severities.contains(f.severity())) {
          ids.add(f.checkId());
        }
      }
    }
    return ids;
  }

  /** The blocks whose verdict is FAIL, by name: "validation", "QC". */
  public List<String> failedBlocks() {
    List<String> failed = new ArrayList<>(2);
    if (validation != null && validation.verdict() == InstanceValidated.Verdict.FAIL) {
      failed.add("validation");
    }
    if (qc != null && qc.verdict() == InstanceQc.Verdict.FAIL) {
      failed.add("QC");
    }
    return failed;
  }
}
