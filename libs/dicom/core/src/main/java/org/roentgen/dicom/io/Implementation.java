package org.roentgen.dicom.io;

/**
 * How this toolkit names itself in file meta information and association negotiation (PS3.7
 * D.3.3.2): the Implementation Class UID and Version Name. The one place to change them.
 */
public final class Implementation {
  private Implementation() {}

  /** Implementation Class UID (a placeholder root until the project registers its own). */
  public static final String CLASS_UID = "1.2.826.0.1.3680043.9.7433.1.1";

  /** Implementation Version Name (at most 16 characters). */
  public static final String VERSION_NAME = "ROENTGEN_010";
}
