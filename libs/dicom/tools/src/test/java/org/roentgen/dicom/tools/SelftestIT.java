package org.roentgen.dicom.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.roentgen.dicom.testkit.Processes;
import org.roentgen.dicom.testkit.RepoPaths;

/**
 * {@code bin/dicom selftest}: listen, echo, send, find and dump --json against each other on
 * loopback, the received object equal to the one sent; and nothing but the report on stdout.
 */
class SelftestIT {
  @Test
  void theToolkitChecksItselfEndToEnd() {
    Processes.Result r = Processes.run(120, RepoPaths.dicomCli().toString(), "selftest");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.out())
        .startsWith("selftest: ok (listen, echo, send, find, dump --json, worklist)");
    assertThat(r.out().lines()).hasSize(1);
  }
}
