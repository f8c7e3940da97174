package org.roentgen.dicom.net.pdu;

/**
 * Asynchronous Operations Window sub-item (51H... 53H), PS3.7 Annex D.3.3.3, Table D.3-7/D.3-8. A
 * value of 0 means unlimited.
 */
public record AsyncOperationsWindow(int maxOperationsInvoked, int maxOperationsPerformed) {

  public AsyncOperationsWindow {
    checkUint16(maxOperationsInvoked);
    checkUint16(maxOperationsPerformed);
  }

  private static void checkUint16(int v) {
    if (v < 0 || v > 0xFFFF) {
      throw new IllegalArgumentException("not an unsigned 16-bit value: " + v);
    }
  }
}
