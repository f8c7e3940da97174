package org.roentgen.router.destination;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.roentgen.contracts.InstanceDelivery.FailureCause;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.json.DicomJson;
import org.roentgen.dicom.json.Json;
import org.roentgen.dicom.net.dimse.Status;
import org.roentgen.router.delivery.DeliveryException;
import org.roentgen.router.delivery.SendResult;

/**
 * What a STOW-RS answer means for the one instance sent (PS3.18 10.5.3): the HTTP status and, when
 * the body is DICOM JSON (PS3.18 Annex F), its Store Instances Response Module (Table 10.5.3-1).
 *
 * <ul>
 *   <li>A Failed SOP Sequence (0008,1198) item for the instance, in any answer: its Failure Reason
 *       (0008,1197) decides, as a DIMSE status ({@link DimseStatuses}: 0xA7xx transient, 0xA9xx,
 *       0xCxxx and the rest permanent). A 200 or 202 with such an item is a failure.
 *   <li>200 and 202 otherwise: delivered (202 with a Warning Reason is still delivered).
 *   <li>408 Request Timeout, 429 Too Many Requests and 5xx: {@link FailureCause#HTTP_SERVER_ERROR},
 *       transient.
 *   <li>Other 4xx (400, 401, 403, 404, 409 without a reason, 413, 415...), and 1xx, 3xx and other
 *       2xx: {@link FailureCause#HTTP_CLIENT_ERROR}, permanent. A redirect is not followed: the
 *       configured URL is wrong.
 * </ul>
 *
 * The body's text never goes into a message: it may quote the data set.
 */
final class StowRsResponse {
  private StowRsResponse() {}

  static SendResult interpret(
      String destination, String sopInstanceUid, String ts, int httpStatus, byte[] body)
      throws DeliveryException {
    Attributes rsp = parse(body);
    Integer reason = rsp == null ? null : failureReason(rsp, sopInstanceUid);
    if (reason != null) {
      throw new DeliveryException(
          DimseStatuses.cause(reason),
          DimseStatuses.permanent(reason),
          reason,
          String.format(
              "%s: STOW-RS HTTP %d, failure reason 0x%04X (%s) for SOP instance %s",
              destination, httpStatus, reason, DimseStatuses.describe(reason), sopInstanceUid));
    }
    if (httpStatus == 200 || httpStatus == 202) {
      return new SendResult(ts, httpStatus);
    }
    boolean serverSide = httpStatus >= 500 || httpStatus == 408 || httpStatus == 429;
    throw new DeliveryException(
        serverSide ? FailureCause.HTTP_SERVER_ERROR : FailureCause.HTTP_CLIENT_ERROR,
        !serverSide,
        httpStatus,
        destination + ": STOW-RS HTTP " + httpStatus + " for SOP instance " + sopInstanceUid);
  }

  /** The response as DICOM JSON, or null when it is empty or anything else (XML, HTML, text). */
  static Attributes parse(byte[] body) {
    if (body == null) {
      return null;
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (!text.startsWith("{") && !text.startsWith("[")) {
      return null;
    }
    try {
      List<Attributes> all = DicomJson.readAll(text);
      return all.isEmpty() ? null : all.get(0);
    } catch (Json.JsonException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The Failure Reason of the instance's Failed SOP Sequence item (or of the only item, when it
   * names no instance); 0xC000 (cannot understand) when the item gives no reason; null when the
   * instance did not fail.
   */
  static Integer failureReason(Attributes rsp, String sopInstanceUid) {
    Sequence failed = rsp.getSequence(Tag.FailedSOPSequence);
    if (failed == null || failed.size() == 0) {
      return null;
    }
    for (Attributes item : failed) {
      String uid = item.getString(Tag.ReferencedSOPInstanceUID);
      if (uid == null || uid.isEmpty() || uid.equals(sopInstanceUid)) {
        int reason = item.getInt(Tag.FailureReason, -1);
        return reason < 0 ? Status.CANNOT_UNDERSTAND.code() : reason;
      }
    }
    return null;
  }
}
