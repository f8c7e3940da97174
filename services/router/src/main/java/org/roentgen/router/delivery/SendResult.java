package org.roentgen.router.delivery;

/**
 * What a destination confirmed.
 *
 * @param transferSyntaxUid the transfer syntax the destination got (differs from the payload's when
 *     the destination needed a conversion)
 * @param status the DICOM status (0 Success, 0xB000.. warnings) or HTTP status, when there is one
 */
public record SendResult(String transferSyntaxUid, Integer status) {}
