/**
 * DICOM Upper Layer PDUs (PS3.8 Section 9.3) as immutable records, with a separate {@link
 * org.roentgen.dicom.net.pdu.PduReader} and {@link org.roentgen.dicom.net.pdu.PduWriter}.
 *
 * <p>Every length read from the wire is bounded: a PDU length over {@link
 * org.roentgen.dicom.net.pdu.PduLimits} is refused before its body is read, item lengths are
 * checked against their enclosing PDU or item, and every failure is a {@link
 * org.roentgen.dicom.net.pdu.PduDecodeException} carrying the PDU type, offset, kind of problem and
 * the A-ABORT reason to send. Golden bytes of each PDU type live in {@code src/test/resources/pdu}
 * with a description beside each.
 */
package org.roentgen.dicom.net.pdu;
