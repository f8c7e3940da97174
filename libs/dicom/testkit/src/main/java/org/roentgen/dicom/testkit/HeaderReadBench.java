package org.roentgen.dicom.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.roentgen.dicom.io.DicomFile;

/**
 * Benchmark, run on demand by {@code bench/store-throughput.sh}: reads the header of every file in
 * a folder with {@link DicomFile#readHeader} and reports headers per second and the bytes read from
 * the file system per file, taken from the process's own {@code rchar} count in {@code
 * /proc/self/io} (Linux), so it proves that pixel data stays unread.
 *
 * <p>{@code java -cp testkit.jar:dicom.jar org.roentgen.dicom.testkit.HeaderReadBench DIR [PASSES]}
 */
public final class HeaderReadBench {
  private static final Path PROC_IO = Path.of("/proc/self/io");

  private HeaderReadBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: HeaderReadBench DIR [PASSES]");
      System.exit(2);
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of(args[0]))) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    if (files.isEmpty()) {
      System.err.println("no files in " + args[0]);
      System.exit(1);
    }
    int passes = args.length == 2 ? Integer.parseInt(args[1]) : 3;
    long fileBytes = 0;
    for (Path f : files) {
      fileBytes += Files.size(f);
    }
    DicomFile.readHeader(files.get(0)); // loads the classes outside the measured passes
    long bestNanos = Long.MAX_VALUE;
    long bestRead = -1;
    long pixelBytes = 0;
    for (int pass = 0; pass < passes; pass++) {
      long read0 = bytesRead();
      long t0 = System.nanoTime();
      long pixels = 0;
      for (Path f : files) {
        DicomFile h = DicomFile.readHeader(f);
        if (h.pixelData() == null) {
          throw new IOException(f + ": no pixel data element");
        }
        pixels += h.pixelData().length();
      }
      long nanos = System.nanoTime() - t0;
      long read = read0 < 0 ? -1 : bytesRead() - read0;
      if (nanos < bestNanos) {
        bestNanos = nanos;
        bestRead = read;
      }
      pixelBytes = pixels;
    }
    int n = files.size();
    System.out.printf(
        "toolkit DicomFile.readHeader (best of %d passes, JVM warm): %d headers in %.3f s, %.0f headers/s, %s bytes read per file"
            + " (files average %d bytes, pixel data %d bytes, not read)%n",
        passes,
        n,
        bestNanos / 1e9,
        n / (bestNanos / 1e9),
        bestRead < 0 ? "n/a" : Long.toString(bestRead / n),
        fileBytes / n,
        pixelBytes / n);
  }

  /** Bytes this process has read through read system calls so far, or -1 where unknown. */
  private static long bytesRead() {
    try {
      for (String line : Files.readAllLines(PROC_IO)) {
        if (line.startsWith("rchar:")) {
          return Long.parseLong(line.substring(6).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
