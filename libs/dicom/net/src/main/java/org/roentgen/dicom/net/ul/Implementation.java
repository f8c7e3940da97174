package org.roentgen.dicom.net.ul;

/**
 * The identity of this implementation sent in every A-ASSOCIATE-RQ/AC (PS3.7 Annex D.3.3.2). The
 * one place to change when the project obtains its own UID root.
 */
public final class Implementation {

  /**
   * Implementation Class UID (52H). Placeholder under a demonstration root until Roentgen has a
   * registered one; it must change before any release to a site.
   */
  public static final String CLASS_UID = "1.2.826.0.1.3680043.9.7433.1.1";

  /** Implementation Version Name (55H): at most 16 characters of the default repertoire. */
  public static final String VERSION_NAME = "ROENTGEN_010";

  private Implementation() {}
}
