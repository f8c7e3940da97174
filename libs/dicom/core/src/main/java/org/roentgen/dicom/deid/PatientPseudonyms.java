package org.roentgen.dicom.deid;

import java.util.Objects;

/**
 * Chooses what replaces Patient's Name (0010,0010) and Patient ID (0010,0020), which Table E.1-1
 * empties (Z) and PS3.15 E.1.1 allows to replace with a dummy value instead: a pseudonym lets the
 * receiver tell one patient's studies from another's without knowing who the patient is.
 *
 * <p>{@link #derived()} is the default; a site with a pseudonym register (a research study's
 * subject IDs) supplies its own.
 */
@FunctionalInterface
public interface PatientPseudonyms {
  /** The replacement values; neither may be null. */
  record Pseudonym(String patientName, String patientId) {
    public Pseudonym {
      Objects.requireNonNull(patientName, "patientName");
      Objects.requireNonNull(patientId, "patientId");
    }
  }

  /**
   * The pseudonym of the patient whose original values these are (either may be null when absent),
   * or null to leave both attributes empty as Z says.
   *
   * @param key the site key, for pseudonyms derived by hashing
   */
  Pseudonym pseudonymFor(String patientId, String patientName, SiteKey key);

  /** Number of hex digits of a derived pseudonym: 64 bits. */
  int DERIVED_HEX_DIGITS = 16;

  /** Prefix of a derived pseudonym. */
  String DERIVED_PREFIX = "ANON";

  /**
   * {@code ANON} and 16 hex digits of the HMAC of the original Patient ID (of the name when there
   * is no ID), used for both name and ID: one patient keeps one pseudonym across instances, studies
   * and restarts. Empty when the patient has neither.
   */
  static PatientPseudonyms derived() {
    return (id, name, key) -> {
      String original = id != null && !id.isEmpty() ? id : name;
      if (original == null || original.isEmpty()) {
        return null;
      }
      String p = DERIVED_PREFIX + key.token("patient", original, DERIVED_HEX_DIGITS);
      return new Pseudonym(p, p);
    };
  }

  /** No pseudonyms: Patient's Name and Patient ID are emptied (Z). */
  static PatientPseudonyms none() {
    return (id, name, key) -> null;
  }
}
