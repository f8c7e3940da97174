package org.roentgen.dicom.deid;

/**
 * The option columns of PS3.15 Table E.1-1 (sections E.3.3 to E.3.11), each with its code of CID
 * 7050 "De-identification Method" (coding scheme DCM) and the column name of {@code
 * basic-profile.tsv}.
 *
 * <p>{@link Deidentifier} applies the options {@link #isSupported() supported}; the others are kept
 * in the table so that it stays a faithful copy of the standard.
 */
public enum ProfileOption {
  /** E.3.10: keep the private attributes known to be safe. */
  RETAIN_SAFE_PRIVATE("safe_private", "113111", "Retain Safe Private Option", true),
  /** E.3.9: keep UIDs. */
  RETAIN_UIDS("uids", "113110", "Retain UIDs Option", true),
  /** E.3.8: keep device identity (serial numbers, station names...). */
  RETAIN_DEVICE_IDENTITY("device", "113109", "Retain Device Identity Option", true),
  /** E.3.11: keep institution identity. */
  RETAIN_INSTITUTION_IDENTITY("institution", "113112", "Retain Institution Identity Option", true),
  /** E.3.7: keep patient characteristics (sex, age, size, weight...). */
  RETAIN_PATIENT_CHARACTERISTICS(
      "patient", "113108", "Retain Patient Characteristics Option", true),
  /** E.3.6: keep dates and times unmodified. */
  RETAIN_LONGITUDINAL_FULL_DATES(
      "full_dates", "113106", "Retain Longitudinal Temporal Information Full Dates Option", true),
  /** E.3.6: shift dates and times (not applied: needs a per-patient offset). */
  RETAIN_LONGITUDINAL_MODIFIED_DATES(
      "modified_dates",
      "113107",
      "Retain Longitudinal Temporal Information Modified Dates Option",
      false),
  /** E.3.5: keep descriptions after cleaning. */
  CLEAN_DESCRIPTORS("descriptors", "113105", "Clean Descriptors Option", true),
  /** E.3.4: clean structured content (not applied). */
  CLEAN_STRUCTURED_CONTENT(
      "structured_content", "113104", "Clean Structured Content Option", false),
  /** E.3.3: clean graphics (not applied). */
  CLEAN_GRAPHICS("graphics", "113103", "Clean Graphics Option", false);

  /** The coding scheme of CID 7050's codes. */
  public static final String CODING_SCHEME = "DCM";

  private final String column;
  private final String codeValue;
  private final String codeMeaning;
  private final boolean supported;

  ProfileOption(String column, String codeValue, String codeMeaning, boolean supported) {
    this.column = column;
    this.codeValue = codeValue;
    this.codeMeaning = codeMeaning;
    this.supported = supported;
  }

  /** The column of this option in {@code basic-profile.tsv}. */
  public String column() {
    return column;
  }

  /** The CID 7050 code value, e.g. {@code "113110"}. */
  public String codeValue() {
    return codeValue;
  }

  /** The CID 7050 code meaning, e.g. {@code "Retain UIDs Option"}. */
  public String codeMeaning() {
    return codeMeaning;
  }

  /** True when {@link Deidentifier} applies this option. */
  public boolean isSupported() {
    return supported;
  }
}
