package org.roentgen.validation.domain;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.contracts.InstanceValidated.Order;
import org.roentgen.contracts.InstanceValidated.OrderStatus;
import org.roentgen.contracts.InstanceValidated.Validation;
import org.roentgen.contracts.InstanceValidated.Verdict;
import org.roentgen.dicom.data.ElementDictionary;
import org.roentgen.dicom.data.Tag;

/**
 * Checks one instance against the rules in force: conformance, identity (of the image and across
 * its study), the order in the worklist, laterality and view, pregnancy screening and the exposure
 * record. Decisions only: no Kafka, no HTTP; the rules, the worklist and the identity store are
 * given.
 */
public final class Validator {
  /** A verdict and what the service counts beside it. */
  public record Result(Validation validation, PregnancyCheck.Outcome pregnancy) {}

  private final Supplier<RuleBook> rules;
  private final Worklist worklist;
  private final StudyIdentities identities;
  private final Clock clock;
  private final String name;

  /**
   * @param worklist the worklist, or null when none is configured (orders are not checked)
   * @param name this instance's name, recorded in every verdict
   */
  public Validator(
      Supplier<RuleBook> rules,
      Worklist worklist,
      StudyIdentities identities,
      Clock clock,
      String name) {
    this.rules = rules;
    this.worklist = worklist;
    this.identities = identities;
    this.clock = clock;
    this.name = name;
  }

  /** Validates a received instance, remembering its patient for the study-wide checks. */
  public InstanceValidated validate(InstanceReceived event) {
    return new InstanceValidated(event, validateEvent(event).validation());
  }

  /** As {@link #validate}, with the pregnancy outcome for the alert metric. */
  public Result validateEvent(InstanceReceived event) {
    RuleBook book = rules.get();
    HeaderReader.Read read;
    try {
      read = HeaderReader.fromJson(event.header());
    } catch (IOException | RuntimeException e) {
      Findings out = new Findings(book);
      out.add(
          RuleIds.HEADER_UNREADABLE,
          Findings.NO_TAG,
          "DICOM JSON (PS3.18 Annex F)",
          null,
          "the header cannot be read: " + e.getMessage());
      return result(
          book, out, Order.of(OrderStatus.NOT_CHECKED), PregnancyCheck.Outcome.NOT_APPLICABLE);
    }
    return check(
        book, event.sopClassUid(), new Header(read.dataset()), read.charsetAssumed(), true);
  }

  /**
   * Validates a header alone (POST /validate): no study state is read or written, so trying a file
   * changes nothing.
   */
  public Result validateHeader(HeaderReader.Read read) {
    Header h = new Header(read.dataset());
    String sopClass = h.string(Tag.SOPClassUID);
    return check(rules.get(), sopClass, h, read.charsetAssumed(), false);
  }

  private Result check(
      RuleBook book, String sopClassUid, Header h, boolean charsetAssumed, boolean remember) {
    Findings out = new Findings(book);
    LocalDate studyDate = studyDate(h);
    ConformanceCheck.check(sopClassUid, h, charsetAssumed, out);
    IdentityCheck.check(h, studyDate, out);
    if (remember) {
      studyIdentity(h, out);
    }
    OrderCheck.Result order = OrderCheck.check(h, worklist, out);
    LateralityCheck.check(h, order.descriptions(), out);
    PregnancyCheck.Outcome pregnancy = PregnancyCheck.check(h, studyDate, out);
    ExposureCheck.check(h, out);
    return result(book, out, order.order(), pregnancy);
  }

  private void studyIdentity(Header h, Findings out) {
    String study = h.string(Tag.StudyInstanceUID);
    String sop = h.string(Tag.SOPInstanceUID);
    if (study == null || sop == null) {
      return;
    }
    PatientIdentity identity = PatientIdentity.of(h);
    StudyIdentities.Seen seen = identities.remember(study, sop, identity);
    if (seen.studyFirst() != null) {
      for (int tag : identity.differences(seen.studyFirst())) {
        out.add(
            RuleIds.IDENTITY_STUDY_MISMATCH,
            tag,
            seen.studyFirst().value(tag),
            identity.value(tag),
            "differs from the study's first instance");
      }
    }
    if (seen.instanceBefore() != null) {
      out.add(
          RuleIds.IDENTITY_INSTANCE_REUSE,
          Tag.SOPInstanceUID,
          null,
          sop,
          "this SOP Instance UID was seen before with another patient ("
              + String.join(
                  ", ",
                  identity.differences(seen.instanceBefore()).stream()
                      .map(ElementDictionary::keywordOf)
                      .toList())
              + " differ)");
    }
  }

  private Result result(
      RuleBook book, Findings out, Order order, PregnancyCheck.Outcome pregnancy) {
    List<InstanceValidated.Finding> findings = out.list();
    return new Result(
        new Validation(Verdict.of(findings), findings, order, book.sha256(), clock.instant(), name),
        pregnancy);
  }

  /** The study date (or today, when the header has none): birth dates and ages are against it. */
  private LocalDate studyDate(Header h) {
    LocalDate d = ValueFormats.parseDate(h.string(Tag.StudyDate));
    return d != null ? d : LocalDate.ofInstant(clock.instant(), ZoneId.systemDefault());
  }
}
