package org.roentgen.qc.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.contracts.EventJson;
import org.roentgen.platform.objectstore.MinioObjectStore;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.platform.objectstore.ObjectStoreSettings;
import org.roentgen.qc.TestImages;
import org.roentgen.stack.SharedStack;

/**
 * Resident memory stays flat: 2,000 images of 512 x 512 (16 bit) go through what the consumer does
 * for each instance, in a JVM of their own ({@link MemoryFootprintMain}) whose heap is fixed and
 * touched at start (-Xms = -Xmx, AlwaysPreTouch), so the heap's share of the resident memory cannot
 * move; what can grow is native memory (OpenCV's matrices), metaspace and code. The resident memory
 * after image 500 (warm-up) and after image 2,000, each after a full GC and finalization, may
 * differ by at most {@link #BOUND}. A leak of one 512 x 512 float image per image would add 1.5 GB,
 * one of 256 KB per image 375 MB; the second test runs the same loop and measurement with the
 * analysis replaced by such a 256 KB leak (quick: no checks) and requires the measurement to see
 * it.
 */
class MemoryFootprintIT {
  private static final int IMAGES = 2000;
  private static final int WARM_UP = 500;
  private static final int DISTINCT = 20;
  private static final int SIZE = 512;

  /** Allowed growth between image 500 and 2,000. */
  static final long BOUND = 48L * 1024 * 1024;

  private static Path events;

  @BeforeAll
  static void storeImages(@TempDir Path dir) throws Exception {
    SharedStack s = SharedStack.get();
    String bucket = "it-memory-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> lines = new ArrayList<>();
    try (ObjectStore store =
        new MinioObjectStore(
            ObjectStoreSettings.of(s.s3Endpoint(), s.s3AccessKey(), s.s3SecretKey()))) {
      store.ensureBucket(bucket);
      for (int i = 0; i < DISTINCT; i++) {
        Path f = TestImages.image(dir.resolve("images"), i, SIZE, SIZE);
        lines.add(
            EventJson.mapper().writeValueAsString(TestImages.store(store, bucket, f).instance()));
        Files.delete(f);
      }
    }
    events = Files.writeString(dir.resolve("events.jsonl"), String.join("\n", lines) + "\n");
  }

  @Test
  void residentMemoryIsFlatAfterTheWarmUp(@TempDir Path dir) throws Exception {
    Map<Integer, Long> rss = run(dir, 0);
    long growth = rss.get(IMAGES) - rss.get(WARM_UP);
    print("no leak", rss, growth);
    assertThat(growth)
        .as("resident memory growth from image %d to %d", WARM_UP, IMAGES)
        .isLessThan(BOUND);
  }

  @Test
  void theMeasurementSeesALeakOf256KbPerImage(@TempDir Path dir) throws Exception {
    Map<Integer, Long> rss = run(dir, 256 * 1024);
    long growth = rss.get(IMAGES) - rss.get(WARM_UP);
    print("256 KB leaked per image", rss, growth);
    assertThat(growth)
        .as("a leak of 256 KB per image over %d images", IMAGES - WARM_UP)
        .isGreaterThan(BOUND);
  }

  private static void print(String what, Map<Integer, Long> rss, long growth) {
    System.out.printf(
        "MemoryFootprintIT (%s): resident memory after image %d %.1f MiB, after image %d %.1f MiB,"
            + " growth %.1f MiB (bound %d MiB)%n",
        what,
        WARM_UP,
        rss.get(WARM_UP) / 1048576.0,
        IMAGES,
        rss.get(IMAGES) / 1048576.0,
        growth / 1048576.0,
        BOUND / 1048576);
  }

  /** Runs the child JVM; returns the resident memory after the warm-up and at the end. */
  private static Map<Integer, Long> run(Path dir, int leakBytes) throws Exception {
    SharedStack s = SharedStack.get();
    Path log = dir.resolve("child.log");
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m",
                "-Xmx256m",
                "-XX:+AlwaysPreTouch",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                MemoryFootprintMain.class.getName(),
                s.s3Endpoint(),
                s.s3AccessKey(),
                s.s3SecretKey(),
                events.toString(),
                Integer.toString(IMAGES),
                Integer.toString(WARM_UP),
                Integer.toString(leakBytes))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // Fewer malloc arenas: the native heap does not fan out per thread.
    pb.environment().put("MALLOC_ARENA_MAX", "2");
    Process p = pb.start();
    boolean ended = p.waitFor(10, TimeUnit.MINUTES);
    if (!ended) {
      p.destroyForcibly();
    }
    String out = Files.readString(log);
    assertThat(ended).as("the run ended: %s", out).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    Map<Integer, Long> rss = new HashMap<>();
    for (String line : out.split("\n")) {
      if (line.startsWith("rss ")) {
        String[] f = line.split(" ");
        rss.put(Integer.parseInt(f[1]), Long.parseLong(f[2]));
      } else if (line.startsWith("images ")) {
        System.out.println("MemoryFootprintIT: " + line);
      }
    }
    assertThat(rss).as(out).containsKeys(WARM_UP, IMAGES);
    assertThat(rss.values()).as("resident memory known (/proc)").allMatch(v -> v > 0);
    return rss;
  }
}
