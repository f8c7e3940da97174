package org.roentgen.ingest.domain;

import java.util.regex.Pattern;

/**
 * Where an instance lies in the bucket: {@code
 * studies/<StudyUID>/series/<SeriesUID>/instances/<SOPInstanceUID>.dcm} for the first content
 * stored under its SOP Instance UID, {@code ...<SOPInstanceUID>-v<N>.dcm} for later, different
 * content. UIDs only: no patient data in keys.
 */
public final class ObjectKeys {
  private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

  private ObjectKeys() {}

  /** True for a syntactically valid UID (PS3.5 9.1): digits and dots, at most 64 characters. */
  public static boolean isUid(String s) {
    return s != null && s.length() <= 64 && UID.matcher(s).matches();
  }

  /** The key of version {@code version} (1 for the first). */
  public static String of(String study, String series, String instance, int version) {
    if (!isUid(study) || !isUid(series) || !isUid(instance)) {
      throw new IllegalArgumentException("not UIDs: " + study + ", " + series + ", " + instance);
    }
    if (version < 1) {
      throw new IllegalArgumentException("version " + version);
    }
    return "studies/"
        + study
        + "/series/"
        + series
        + "/instances/"
        + instance
        + (version == 1 ? "" : "-v" + version)
        + ".dcm";
  }
}
