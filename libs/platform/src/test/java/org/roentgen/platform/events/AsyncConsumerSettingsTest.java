package org.roentgen.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AsyncConsumerSettingsTest {
  @Test
  void defaultsHoldTenThousandRecordsResumeAtHalfAndCommitEverySecond() {
    AsyncConsumerSettings d = AsyncConsumerSettings.defaults();
    assertThat(d.maxInFlight()).isEqualTo(10_000);
    assertThat(d.resumeAt()).isEqualTo(5_000);
    assertThat(d.commitInterval()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void theLowWaterMarkIsBelowTheBound() {
    assertThat(AsyncConsumerSettings.defaults().withMaxInFlight(1, 0).maxInFlight()).isEqualTo(1);
    assertThatThrownBy(() -> AsyncConsumerSettings.defaults().withMaxInFlight(5, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resumeAt");
    assertThatThrownBy(() -> AsyncConsumerSettings.defaults().withMaxInFlight(5, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AsyncConsumerSettings.defaults().withMaxInFlight(0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxInFlight");
  }

  @Test
  void theCommitIntervalMayBeZeroButNotNegative() {
    assertThat(AsyncConsumerSettings.defaults().withCommitInterval(Duration.ZERO).commitInterval())
        .isZero();
    assertThatThrownBy(
            () -> AsyncConsumerSettings.defaults().withCommitInterval(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
