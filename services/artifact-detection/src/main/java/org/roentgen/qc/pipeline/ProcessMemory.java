package org.roentgen.qc.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The resident memory of this whole process, as the kernel counts it: Java heap, metaspace, thread
 * stacks and native allocations (OpenCV's matrices) together, whatever the JVM thinks it uses. Read
 * from {@code /proc/self/status} (VmRSS, the resident pages of {@code /proc/self/statm} in kB, so
 * no page size is guessed); -1 where there is no {@code /proc}.
 */
public final class ProcessMemory {
  private static final Path STATUS = Path.of("/proc/self/status");

  private ProcessMemory() {}

  /** Resident set size in bytes, or -1 when unknown. */
  public static long residentBytes() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          String kb = line.substring(6).strip();
          int space = kb.indexOf(' ');
          return Long.parseLong(space < 0 ? kb : kb.substring(0, space)) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
