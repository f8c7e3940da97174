package org.roentgen.dicom.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root (the folder holding bin/dicom) from a test's working directory. */
public final class RepoPaths {
  private RepoPaths() {}

  public static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("bin/dicom"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("not inside the Roentgen repository");
    }
    return p;
  }

  /** The bin/dicom launcher. */
  public static Path dicomCli() {
    return root().resolve("bin/dicom");
  }
}
