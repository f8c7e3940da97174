package org.roentgen.qc.domain;

import java.util.List;
import java.util.Map;
import org.roentgen.contracts.InstanceQc.Verdict;

/** The checks on a decoded image (being written: the field, anatomy and checks follow). */
final class ImageChecks {
  private ImageChecks() {}

  static Analysis run(
      ImageHeader header,
      DecodedImage image,
      QcSettings settings,
      Baselines baselines,
      long decodeNanos) {
    return new Analysis(
        Verdict.PASS, null, Map.of(), List.of(), null, null, Map.of("decode", decodeNanos));
  }
}
