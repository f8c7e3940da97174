package org.roentgen.qc.domain;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The benchmark driver of bench/qc-throughput.sh (not a test): analyses images on one thread with
 * OpenCV on one thread, and prints CPU milliseconds per image, in all and per check.
 *
 * <pre>
 *   QcBench phantoms COUNT WARM   2048 x 2048, 16-bit phantoms (clean and each artifact)
 *   QcBench files DIR WARM        every Part 10 file in DIR, as stored
 * </pre>
 */
public final class QcBench {
  private QcBench() {}

  public static void main(String[] args) throws Exception {
    OpenCvNative.threads(1);
    QcAnalyzer analyzer = new QcAnalyzer(QcSettings.defaults(), Baselines.NONE);
    List<Phantom> images = new ArrayList<>();
    int warm = Integer.parseInt(args[2]);
    if (args[0].equals("phantoms")) {
      int count = Integer.parseInt(args[1]);
      List<String> kinds = new ArrayList<>(CheckIds.ALL);
      kinds.add(0, Phantoms.CLEAN);
      for (int i = 0; i < count + warm; i++) {
        String kind = kinds.get(i % kinds.size());
        images.add(Phantoms.make2048(kind, 1 + i % 3, 7000 + i));
        if ((i + 1) % 10 == 0) {
          System.err.printf("generated %d of %d phantoms%n", i + 1, count + warm);
        }
      }
    } else {
      try (Stream<Path> files = Files.list(Path.of(args[1]))) {
        for (Path f : files.sorted().toList()) {
          CorpusImages c = CorpusImages.read(f);
          images.add(
              new Phantom(
                  c.header(),
                  c.pixelValue(),
                  java.util.Set.of(),
                  List.of(),
                  f.getFileName().toString(),
                  0));
        }
      }
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Long> perCheck = new TreeMap<>();
    long cpu = 0;
    long wall = 0;
    int measured = 0;
    for (int i = 0; i < images.size(); i++) {
      Phantom p = images.get(i);
      long c0 = threads.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      Analysis a = analyzer.analyze(p.header(), p.pixels(), false);
      long c1 = threads.getCurrentThreadCpuTime();
      long w1 = System.nanoTime();
      if (a.notAnalysed() != null) {
        throw new IllegalStateException(p.label() + ": " + a.notAnalysed());
      }
      if (i >= warm) {
        cpu += c1 - c0;
        wall += w1 - w0;
        measured++;
        a.checkNanos().forEach((k, v) -> perCheck.merge(k, v, Long::sum));
      }
    }
    System.out.printf(
        "RESULT images %d cpu_ms_per_image %.1f wall_ms_per_image %.1f size %dx%d%n",
        measured,
        cpu / 1e6 / measured,
        wall / 1e6 / measured,
        images.get(0).header().columns(),
        images.get(0).header().rows());
    int n = measured;
    perCheck.forEach((k, v) -> System.out.printf("CHECK %-26s %7.1f ms%n", k, v / 1e6 / n));
  }
}
