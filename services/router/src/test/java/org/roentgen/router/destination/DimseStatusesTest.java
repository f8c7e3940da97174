package org.roentgen.router.destination;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.roentgen.contracts.InstanceDelivery.FailureCause;

class DimseStatusesTest {
  @Test
  void successAndWarningsAreDelivered() {
    for (int s : new int[] {0x0000, 0x0001, 0xB000, 0xB006, 0xB007, 0x0107, 0x0116}) {
      assertThat(DimseStatuses.delivered(s)).as(Integer.toHexString(s)).isTrue();
    }
    for (int s : new int[] {0xA700, 0xA900, 0xC000, 0x0122, 0x0110, 0xFE00, 0xFF00}) {
      assertThat(DimseStatuses.delivered(s)).as(Integer.toHexString(s)).isFalse();
    }
  }

  @Test
  void failuresByClass() {
    assertThat(DimseStatuses.cause(0xA700)).isEqualTo(FailureCause.OUT_OF_RESOURCES);
    assertThat(DimseStatuses.cause(0xA7FF)).isEqualTo(FailureCause.OUT_OF_RESOURCES);
    assertThat(DimseStatuses.permanent(0xA712)).isFalse();
    assertThat(DimseStatuses.cause(0xA900)).isEqualTo(FailureCause.DATA_SET_MISMATCH);
    assertThat(DimseStatuses.permanent(0xA900)).isTrue();
    assertThat(DimseStatuses.cause(0xC000)).isEqualTo(FailureCause.CANNOT_UNDERSTAND);
    assertThat(DimseStatuses.cause(0xC5A1)).isEqualTo(FailureCause.CANNOT_UNDERSTAND);
    assertThat(DimseStatuses.cause(0xC122)).isEqualTo(FailureCause.NO_ACCEPTABLE_TRANSFER_SYNTAX);
    for (int s : new int[] {0x0122, 0x0124, 0x0110, 0x0111, 0x0211, 0xFE00}) {
      assertThat(DimseStatuses.cause(s)).as(Integer.toHexString(s)).isEqualTo(FailureCause.REFUSED);
      assertThat(DimseStatuses.permanent(s)).isTrue();
    }
  }

  @Test
  void messagesNameTheStatus() {
    assertThat(DimseStatuses.failure("pacs", "C-STORE-RSP", 0x0122, "1.2.3").getMessage())
        .isEqualTo(
            "pacs: C-STORE-RSP status 0x0122 (sop class not supported) for SOP instance 1.2.3");
    assertThat(DimseStatuses.describe(0xA7FE)).isEqualTo("refused: out of resources");
  }
}
