package org.roentgen.dicom.deid;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link Deidentifier} does beyond the Basic Profile: the PS3.15 options selected, the private
 * creators whose blocks are safe to keep, and how patients are pseudonymized. Immutable; build with
 * {@link #basic(SiteKey)} or {@link #builder(SiteKey)}.
 *
 * @param siteKey the key every replacement UID and derived pseudonym comes from
 * @param options the options selected; only {@link ProfileOption#isSupported() supported} ones
 * @param safePrivateCreators the private creators (values of (gggg,00xx)) whose blocks the Retain
 *     Safe Private option keeps; empty unless that option is selected, and then not empty
 * @param pseudonyms what replaces Patient's Name and Patient ID
 */
public record DeidentificationOptions(
    SiteKey siteKey,
    Set<ProfileOption> options,
    Set<String> safePrivateCreators,
    PatientPseudonyms pseudonyms) {

  public DeidentificationOptions {
    Objects.requireNonNull(siteKey, "siteKey");
    Objects.requireNonNull(pseudonyms, "pseudonyms");
    EnumSet<ProfileOption> copy = EnumSet.noneOf(ProfileOption.class);
    copy.addAll(options);
    for (ProfileOption o : copy) {
      if (!o.isSupported()) {
        throw new IllegalArgumentException(o.codeMeaning() + " is not implemented");
      }
    }
    options = Collections.unmodifiableSet(copy);
    safePrivateCreators = Set.copyOf(safePrivateCreators);
    if (options.contains(ProfileOption.RETAIN_SAFE_PRIVATE) == safePrivateCreators.isEmpty()) {
      throw new IllegalArgumentException(
          "Retain Safe Private needs the private creators to keep, and they need the option");
    }
  }

  /** The Basic Profile alone, with derived pseudonyms. */
  public static DeidentificationOptions basic(SiteKey siteKey) {
    return builder(siteKey).build();
  }

  public static Builder builder(SiteKey siteKey) {
    return new Builder(siteKey);
  }

  /** True when {@code option} is selected. */
  public boolean has(ProfileOption option) {
    return options.contains(option);
  }

  /** Collects options; {@link #build()} checks them. */
  public static final class Builder {
    private final SiteKey siteKey;
    private final EnumSet<ProfileOption> options = EnumSet.noneOf(ProfileOption.class);
    private final List<String> safePrivateCreators = new ArrayList<>();
    private PatientPseudonyms pseudonyms = PatientPseudonyms.derived();

    private Builder(SiteKey siteKey) {
      this.siteKey = siteKey;
    }

    /** Selects an option by its enum constant. */
    public Builder option(ProfileOption option) {
      options.add(option);
      return this;
    }

    /** Retain UIDs Option (113110): UIDs are kept, not replaced. */
    public Builder retainUids() {
      return option(ProfileOption.RETAIN_UIDS);
    }

    /** Retain Device Identity Option (113109). */
    public Builder retainDeviceIdentity() {
      return option(ProfileOption.RETAIN_DEVICE_IDENTITY);
    }

    /** Retain Institution Identity Option (113112). */
    public Builder retainInstitutionIdentity() {
      return option(ProfileOption.RETAIN_INSTITUTION_IDENTITY);
    }

    /** Retain Patient Characteristics Option (113108). */
    public Builder retainPatientCharacteristics() {
      return option(ProfileOption.RETAIN_PATIENT_CHARACTERISTICS);
    }

    /** Retain Longitudinal Temporal Information with Full Dates Option (113106). */
    public Builder retainLongitudinalFullDates() {
      return option(ProfileOption.RETAIN_LONGITUDINAL_FULL_DATES);
    }

    /**
     * Clean Descriptors Option (113105): descriptions, labels and comments that the option's column
     * marks C are kept. The de-identifier does not rewrite free text; select this only where the
     * site controls what these attributes contain (protocol and series naming rules).
     */
    public Builder cleanDescriptors() {
      return option(ProfileOption.CLEAN_DESCRIPTORS);
    }

    /**
     * Retain Safe Private Option (113111): the private blocks of these private creators (the exact
     * values of their (gggg,00xx) elements) are kept; every other private element is removed.
     */
    public Builder retainSafePrivate(Collection<String> privateCreators) {
      safePrivateCreators.addAll(privateCreators);
      return option(ProfileOption.RETAIN_SAFE_PRIVATE);
    }

    /**
     * What replaces Patient's Name and Patient ID (default {@link PatientPseudonyms#derived()}).
     */
    public Builder pseudonyms(PatientPseudonyms pseudonyms) {
      this.pseudonyms = pseudonyms;
      return this;
    }

    public DeidentificationOptions build() {
      return new DeidentificationOptions(
          siteKey, options, Set.copyOf(safePrivateCreators), pseudonyms);
    }
  }
}
