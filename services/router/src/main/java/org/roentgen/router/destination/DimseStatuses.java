package org.roentgen.router.destination;

import org.roentgen.contracts.InstanceDelivery.FailureCause;
import org.roentgen.dicom.net.dimse.Status;
import org.roentgen.router.delivery.DeliveryException;

/**
 * What a DICOM status tells the router: the C-STORE response statuses of PS3.4 B.2.3 (with the
 * general ones of PS3.7 Annex C) and the Failure Reason (0008,1197) of a STOW-RS response (PS3.18
 * Table 10.5.3-2), which uses the same codes.
 *
 * <ul>
 *   <li>Success and Warning (0xB000 coercion, 0xB006 elements discarded, 0xB007 data set does not
 *       match SOP class, 0x0001, 0x0107 attribute list error, 0x0116 attribute value out of range;
 *       {@link Status#kindOf}): delivered.
 *   <li>0xA7xx Refused, out of resources: {@link FailureCause#OUT_OF_RESOURCES}, transient.
 *   <li>0xA9xx Data set does not match SOP class: {@link FailureCause#DATA_SET_MISMATCH},
 *       permanent.
 *   <li>0xC122 Referenced transfer syntax not supported (STOW-RS, PS3.18 Table 10.5.3-2): {@link
 *       FailureCause#NO_ACCEPTABLE_TRANSFER_SYNTAX}, permanent.
 *   <li>0xCxxx Cannot understand: {@link FailureCause#CANNOT_UNDERSTAND}, permanent.
 *   <li>Any other failure (0x0122 SOP class not supported, 0x0124 not authorized, 0x0110 processing
 *       failure, 0x0111 duplicate, 0x0211 unrecognized operation, Cancel...): {@link
 *       FailureCause#REFUSED}, permanent.
 * </ul>
 */
public final class DimseStatuses {
  /** PS3.18 Table 10.5.3-2: Referenced Transfer Syntax not supported. */
  static final int REFERENCED_TRANSFER_SYNTAX_NOT_SUPPORTED = 0xC122;

  /** The codes of a class 0xA7xx or 0xA9xx (PS3.4 B.2.3: "xx" is the SCP's own detail). */
  private static final int CLASS_A7_A9 = 0xFF00;

  /** The codes of class 0xCxxx, cannot understand. */
  private static final int CLASS_C = 0xF000;

  private DimseStatuses() {}

  /** True when the status means the instance was stored (success or a warning). */
  public static boolean delivered(int status) {
    Status.Kind kind = Status.kindOf(status);
    return kind == Status.Kind.SUCCESS || kind == Status.Kind.WARNING;
  }

  /** The cause of a failure status. */
  public static FailureCause cause(int status) {
    if ((status & CLASS_A7_A9) == Status.OUT_OF_RESOURCES.code()) {
      return FailureCause.OUT_OF_RESOURCES;
    }
    if ((status & CLASS_A7_A9) == Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS.code()) {
      return FailureCause.DATA_SET_MISMATCH;
    }
    if (status == REFERENCED_TRANSFER_SYNTAX_NOT_SUPPORTED) {
      return FailureCause.NO_ACCEPTABLE_TRANSFER_SYNTAX;
    }
    if ((status & CLASS_C) == Status.CANNOT_UNDERSTAND.code()) {
      return FailureCause.CANNOT_UNDERSTAND;
    }
    return FailureCause.REFUSED;
  }

  /** Only running out of resources passes: the peer may have room later. */
  public static boolean permanent(int status) {
    return cause(status) != FailureCause.OUT_OF_RESOURCES;
  }

  /**
   * The exception for a failure status.
   *
   * @param what what answered, e.g. {@code "C-STORE-RSP"}, for the message
   */
  static DeliveryException failure(String destination, String what, int status, String sopUid) {
    FailureCause cause = cause(status);
    return new DeliveryException(
        cause,
        permanent(status),
        status,
        String.format(
            "%s: %s status 0x%04X (%s) for SOP instance %s",
            destination, what, status, describe(status), sopUid));
  }

  /** The standard's name of a status, or its class. */
  static String describe(int status) {
    for (Status s : Status.values()) {
      if (s.code() == status) {
        return s.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
      }
    }
    return switch (cause(status)) {
      case OUT_OF_RESOURCES -> "refused: out of resources";
      case DATA_SET_MISMATCH -> "data set does not match SOP class";
      case NO_ACCEPTABLE_TRANSFER_SYNTAX -> "referenced transfer syntax not supported";
      case CANNOT_UNDERSTAND -> "cannot understand";
      default -> Status.kindOf(status).name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
