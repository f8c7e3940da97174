package org.roentgen.dicom.data;

import java.util.regex.Pattern;

/**
 * One registered UID of DICOM PS3.6 table A-1.
 *
 * @param uid the UID
 * @param name the PS3.6 name, e.g. "CT Image Storage"; empty for the two retired SOP classes
 *     PS3.6 lists without a name
 * @param type what the UID identifies
 * @param keyword the PS3.6 keyword, e.g. "CTImageStorage"; empty when PS3.6 gives none
 * @param retired whether PS3.6 marks the UID retired
 */
public record UidEntry(String uid, String name, UidType type, String keyword, boolean retired) {

  /**
   * The names of storage SOP classes: "... Storage", optionally qualified as in "Digital X-Ray
   * Image Storage - For Presentation" or "Waveform Storage - Trial".
   */
  private static final Pattern STORAGE_NAME = Pattern.compile(".* Storage( - .+)?");

  /**
   * True for a SOP class of the Storage Service Class (PS3.4 annex B), retired ones included: a
   * SOP Class whose name is "... Storage" or "... Storage - qualifier". This excludes Storage
   * Commitment and the print management "... Storage SOP Class" UIDs, and gives the same set as
   * pydicom's storage SOP class list plus the retired storage classes.
   */
  public boolean isStorageSopClass() {
    return type == UidType.SOP_CLASS && STORAGE_NAME.matcher(name).matches();
  }
}
