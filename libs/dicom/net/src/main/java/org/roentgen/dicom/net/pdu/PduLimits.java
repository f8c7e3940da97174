package org.roentgen.dicom.net.pdu;

/**
 * Allocation limits for reading PDUs: a PDU whose length field exceeds the limit for its type is
 * refused before any body byte is read or buffered.
 *
 * @param maxAssociatePduLength limit for the variable part of A-ASSOCIATE-RQ/AC PDUs
 * @param maxPDataPduLength limit for the variable part of P-DATA-TF PDUs
 */
public record PduLimits(int maxAssociatePduLength, int maxPDataPduLength) {

  /** Default limit for A-ASSOCIATE PDUs: 64 KiB, ample for 128 presentation contexts. */
  public static final int DEFAULT_ASSOCIATE_LIMIT = 64 * 1024;

  /**
   * Bytes a peer may exceed our advertised Maximum Length Received by before we abort: some
   * implementations count the PDV item header against the limit differently.
   */
  public static final int PDATA_TOLERANCE = 64;

  public PduLimits {
    if (maxAssociatePduLength < 0 || maxPDataPduLength < 0) {
      throw new IllegalArgumentException("limits must not be negative");
    }
  }

  /** Limits for an association on which we advertised {@code maxPduLength} (PS3.8 D.1). */
  public static PduLimits forAdvertised(int maxPduLength) {
    return new PduLimits(DEFAULT_ASSOCIATE_LIMIT, maxPduLength + PDATA_TOLERANCE);
  }

  /** The limit for a PDU type. */
  public int limitFor(PduType type) {
    return switch (type) {
      case A_ASSOCIATE_RQ, A_ASSOCIATE_AC -> maxAssociatePduLength;
      case P_DATA_TF -> maxPDataPduLength;
      case A_ASSOCIATE_RJ, A_RELEASE_RQ, A_RELEASE_RP, A_ABORT -> PduWriter.FIXED_BODY_LENGTH;
    };
  }
}
