package org.roentgen.validation.domain;

import java.util.List;

/**
 * The rules this service implements, by id. A rule file configures them (severity, on or off,
 * description) and may not name any other; every one of them must appear in it, so that the file in
 * force always says what is checked.
 */
public final class RuleIds {
  public static final String HEADER_UNREADABLE = "header.unreadable";

  public static final String CONFORMANCE_TYPE1 = "conformance.type1-missing";
  public static final String CONFORMANCE_TYPE2 = "conformance.type2-missing";
  public static final String CONFORMANCE_VALUE_FORMAT = "conformance.value-format";
  public static final String CONFORMANCE_VALUE_MULTIPLICITY = "conformance.value-multiplicity";
  public static final String CONFORMANCE_CHARSET = "conformance.charset-undeclared";

  public static final String IDENTITY_EMPTY = "identity.empty-identifier";
  public static final String IDENTITY_DEMOGRAPHICS = "identity.missing-demographics";
  public static final String IDENTITY_MALFORMED = "identity.malformed";
  public static final String IDENTITY_STUDY_MISMATCH = "identity.study-mismatch";
  public static final String IDENTITY_INSTANCE_REUSE = "identity.instance-reuse";

  public static final String ORDER_NOT_FOUND = "order.not-found";
  public static final String ORDER_MISMATCH = "order.mismatch";
  public static final String ORDER_NAME_TOLERANCE = "order.name-tolerance";
  public static final String ORDER_UNCHECKED = "order.unchecked";

  public static final String LATERALITY_MISSING = "laterality.missing";
  public static final String LATERALITY_CONTRADICTION = "laterality.contradiction";
  public static final String VIEW_MISSING = "view.missing";
  public static final String VIEW_UNDEFINED = "view.undefined-term";

  public static final String PREGNANCY_UNKNOWN = "pregnancy.status-unknown";
  public static final String PREGNANCY_EXPOSED = "pregnancy.exposed";

  public static final String EXPOSURE_MISSING = "exposure.missing-field";
  public static final String EXPOSURE_DI = "exposure.deviation-index";
  public static final String EXPOSURE_DI_ACTION = "exposure.deviation-index-action";
  public static final String EXPOSURE_DI_INCONSISTENT = "exposure.deviation-index-inconsistent";

  /** Every rule id, in the order the shipped rule file lists them. */
  public static final List<String> ALL =
      List.of(
          HEADER_UNREADABLE,
          CONFORMANCE_TYPE1,
          CONFORMANCE_TYPE2,
          CONFORMANCE_VALUE_FORMAT,
          CONFORMANCE_VALUE_MULTIPLICITY,
          CONFORMANCE_CHARSET,
          IDENTITY_EMPTY,
          IDENTITY_DEMOGRAPHICS,
          IDENTITY_MALFORMED,
          IDENTITY_STUDY_MISMATCH,
          IDENTITY_INSTANCE_REUSE,
          ORDER_NOT_FOUND,
          ORDER_MISMATCH,
          ORDER_NAME_TOLERANCE,
          ORDER_UNCHECKED,
          LATERALITY_MISSING,
          LATERALITY_CONTRADICTION,
          VIEW_MISSING,
          VIEW_UNDEFINED,
          PREGNANCY_UNKNOWN,
          PREGNANCY_EXPOSED,
          EXPOSURE_MISSING,
          EXPOSURE_DI,
          EXPOSURE_DI_ACTION,
          EXPOSURE_DI_INCONSISTENT);

  private RuleIds() {}
}
