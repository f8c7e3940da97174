package org.roentgen.router.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.InstanceDelivery.FailureCause;
import org.roentgen.router.delivery.DeliveryException;
import org.roentgen.router.delivery.SendResult;

/** STOW-RS answers for one instance (PS3.18 10.5.3), without a server. */
class StowRsResponseTest {
  private static final String UID = "1.2.3.4";
  private static final String TS = "1.2.840.10008.1.2.1";

  private static byte[] failed(String uid, Integer reason) {
    String item =
        "{"
            + (uid == null ? "" : "\"00081155\":{\"vr\":\"UI\",\"Value\":[\"" + uid + "\"]}")
            + (reason == null
                ? ""
                : (uid == null ? "" : ",")
                    + "\"00081197\":{\"vr\":\"US\",\"Value\":["
                    + reason
                    + "]}")
            + "}";
    return ("{\"00081198\":{\"vr\":\"SQ\",\"Value\":[" + item + "]}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static DeliveryException failure(int http, byte[] body) {
    return catchThrowableOfType(
        DeliveryException.class, () -> StowRsResponse.interpret("web", UID, TS, http, body));
  }

  @Test
  void okAndAcceptedWithoutFailuresAreDelivered() throws Exception {
    byte[] stored =
        ("{\"00081199\":{\"vr\":\"SQ\",\"Value\":[{\"00081155\":{\"vr\":\"UI\",\"Value\":[\""
                + UID
                + "\"]},\"00081196\":{\"vr\":\"US\",\"Value\":[45056]}}]}}")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(StowRsResponse.interpret("web", UID, TS, 200, stored))
        .isEqualTo(new SendResult(TS, 200));
    assertThat(StowRsResponse.interpret("web", UID, TS, 202, stored))
        .isEqualTo(new SendResult(TS, 202));
    assertThat(StowRsResponse.interpret("web", UID, TS, 200, new byte[0]).status()).isEqualTo(200);
    assertThat(StowRsResponse.interpret("web", UID, TS, 200, "<xml/>".getBytes()).status())
        .isEqualTo(200);
  }

  @Test
  void aFailedSopItemDecidesByItsReason() {
    DeliveryException busy = failure(202, failed(UID, 0xA700));
    assertThat(busy.failureCause()).isEqualTo(FailureCause.OUT_OF_RESOURCES);
    assertThat(busy.permanent()).isFalse();
    assertThat(busy.status()).isEqualTo(0xA700);

    DeliveryException mismatch = failure(409, failed(UID, 0xA900));
    assertThat(mismatch.failureCause()).isEqualTo(FailureCause.DATA_SET_MISMATCH);
    assertThat(mismatch.permanent()).isTrue();

    assertThat(failure(200, failed(UID, 0xC000)).failureCause())
        .isEqualTo(FailureCause.CANNOT_UNDERSTAND);
    assertThat(failure(409, failed(UID, 0xC122)).failureCause())
        .isEqualTo(FailureCause.NO_ACCEPTABLE_TRANSFER_SYNTAX);
    assertThat(failure(409, failed(UID, 0x0122)).failureCause()).isEqualTo(FailureCause.REFUSED);
    assertThat(failure(202, failed(null, 0xA701)).failureCause())
        .as("an item naming no instance is ours: only one was sent")
        .isEqualTo(FailureCause.OUT_OF_RESOURCES);
    assertThat(failure(202, failed(UID, null)).failureCause())
        .as("no reason given")
        .isEqualTo(FailureCause.CANNOT_UNDERSTAND);
  }

  @Test
  void aFailedItemOfAnotherInstanceIsNotOurs() throws Exception {
    assertThat(StowRsResponse.interpret("web", UID, TS, 202, failed("9.9.9", 0xA900)).status())
        .isEqualTo(202);
  }

  @Test
  void httpStatusesWithoutAReason() {
    for (int s : new int[] {500, 502, 503, 504, 408, 429}) {
      DeliveryException e = failure(s, null);
      assertThat(e.failureCause()).as("" + s).isEqualTo(FailureCause.HTTP_SERVER_ERROR);
      assertThat(e.permanent()).isFalse();
      assertThat(e.status()).isEqualTo(s);
    }
    for (int s : new int[] {400, 401, 403, 404, 406, 409, 413, 415, 301, 204}) {
      DeliveryException e = failure(s, "<html>patient name</html>".getBytes());
      assertThat(e.failureCause()).as("" + s).isEqualTo(FailureCause.HTTP_CLIENT_ERROR);
      assertThat(e.permanent()).isTrue();
      assertThat(e.getMessage()).doesNotContain("patient");
    }
  }
}
