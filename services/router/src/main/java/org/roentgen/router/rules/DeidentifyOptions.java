package org.roentgen.router.rules;

/**
 * De-identification for one destination: the PS3.15 annex E Basic Application Level Confidentiality
 * Profile with these options of table E.1-1 (all false: the basic profile alone). The rules only
 * carry them; the de-identifier applies them.
 *
 * @param retainUids Retain UIDs Option
 * @param retainDeviceIdentity Retain Device Identity Option
 * @param retainInstitutionIdentity Retain Institution Identity Option
 * @param retainPatientCharacteristics Retain Patient Characteristics Option
 * @param retainLongitudinalFullDates Retain Longitudinal Temporal Information with Full Dates
 *     Option
 * @param cleanDescriptors Clean Descriptors Option
 * @param retainSafePrivate Retain Safe Private Option
 */
public record DeidentifyOptions(
    boolean retainUids,
    boolean retainDeviceIdentity,
    boolean retainInstitutionIdentity,
    boolean retainPatientCharacteristics,
    boolean retainLongitudinalFullDates,
    boolean cleanDescriptors,
    boolean retainSafePrivate) {

  /** The basic profile, no option. */
  public static final DeidentifyOptions BASIC =
      new DeidentifyOptions(false, false, false, false, false, false, false);

  /**
   * The options of two rules that both de-identify for a destination: a retain option only when
   * both retain (the stricter wins), Clean Descriptors when either cleans.
   */
  public DeidentifyOptions strictest(DeidentifyOptions o) {
    return new DeidentifyOptions(
        retainUids && o.retainUids,
        retainDeviceIdentity && o.retainDeviceIdentity,
        retainInstitutionIdentity && o.retainInstitutionIdentity,
        retainPatientCharacteristics && o.retainPatientCharacteristics,
        retainLongitudinalFullDates && o.retainLongitudinalFullDates,
        cleanDescriptors || o.cleanDescriptors,
        retainSafePrivate && o.retainSafePrivate);
  }
}
