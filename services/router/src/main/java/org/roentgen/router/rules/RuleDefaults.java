package org.roentgen.router.rules;

import java.time.ZoneId;
import java.util.Objects;

/**
 * The {@code defaults} section of a rule file.
 *
 * @param quarantineOnFail a FAIL verdict (validation or QC) quarantines the instance unless a rule
 *     that matched says {@code deliverDespiteFail: true} (default true)
 * @param timeZone the zone of time windows that name none (default: the one the service is
 *     configured with)
 */
public record RuleDefaults(boolean quarantineOnFail, ZoneId timeZone) {
  public RuleDefaults {
    Objects.requireNonNull(timeZone, "timeZone");
  }
}
