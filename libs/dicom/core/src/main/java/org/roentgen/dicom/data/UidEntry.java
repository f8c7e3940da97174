package org.roentgen.dicom.data;

/**
 * One registered UID of DICOM PS3.6 table A-1.
 *
 * @param uid the UID
 * @param name the PS3.6 name, e.g. "CT Image Storage"; empty for the two retired SOP classes PS3.6
 *     lists without a name
 * @param type what the UID identifies
 * @param keyword the PS3.6 keyword, e.g. "CTImageStorage"; empty when PS3.6 gives none
 * @param retired whether PS3.6 marks the UID retired
 */
public record UidEntry(String uid, String name, UidType type, String keyword, boolean retired) {

  private static final String STORAGE_SUFFIX = " Storage";
  private static final String QUALIFIED_STORAGE = " Storage - ";

  /**
   * True for a SOP class of the Storage Service Class (PS3.4 annex B), retired ones included: a SOP
   * Class whose name is "... Storage" or "... Storage - qualifier" (as in "Digital X-Ray Image
   * Storage - For Presentation" or "Waveform Storage - Trial"). This excludes Storage Commitment
   * and the print management "... Storage SOP Class" UIDs, and gives the same set as pydicom's
   * storage SOP class list plus the retired storage classes.
   */
  public boolean isStorageSopClass() {
    return type == UidType.SOP_CLASS
        && (name.endsWith(STORAGE_SUFFIX) || name.contains(QUALIFIED_STORAGE));
  }
}
