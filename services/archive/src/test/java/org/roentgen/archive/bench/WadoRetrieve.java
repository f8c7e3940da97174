package org.roentgen.archive.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.roentgen.archive.bench.ArchiveBench.Settings;
import org.roentgen.archive.bench.WadoSet.Item;

/**
 * Retrieves every instance of the set ({@link WadoSet}) from the archive by WADO-RS ({@code GET
 * /dicomweb/studies/{s}/series/{se}/instances/{i}}, {@code multipart/related;
 * type="application/dicom"}) and from Orthanc by its REST API ({@code GET /instances/{id}/file}),
 * with the same client ({@link BenchHttp}) and the same number of streams (requests in flight at
 * once), each pass after a warm-up pass of both; every answer's object is compared byte for byte
 * with its file. Throughput counts the objects' bytes (not the multipart envelope) over the pass's
 * wall time; a pass runs {@code bench.wado-rounds} times, alternating which system goes first, and
 * the best counts.
 */
final class WadoRetrieve {
  private static final String MULTIPART_DICOM = "multipart/related; type=\"application/dicom\"";
  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");

  /** The two systems compared. */
  enum Peer {
    ROENTGEN,
    ORTHANC
  }

  /** One pass: images, object bytes, wall seconds, latencies, CPU ms per image by process. */
  record Pass(
      int images, long bytes, double seconds, Latencies latencies, Map<String, Double> cpu) {
    double imagesPerSecond() {
      return images / seconds;
    }

    double megabytesPerSecond() {
      return bytes / 1e6 / seconds;
    }
  }

  private WadoRetrieve() {}

  static int run() throws Exception {
    List<Item> items =
        Files.readAllLines(WadoSet.list(Settings.work()), StandardCharsets.UTF_8).stream()
            .map(Item::parse)
            .toList();
    List<byte[]> expected = new ArrayList<>();
    for (Item i : items) {
      expected.add(Files.readAllBytes(i.file()));
    }
    List<Integer> streams = Settings.ints("bench.wado-streams", "1 4");
    int rounds = Integer.getInteger("bench.wado-rounds", 2);
    String archive = Settings.archiveUrl();
    String orthanc = Settings.required("bench.orthanc-url");
    BenchHttp http = new BenchHttp(Settings.user(), Settings.password());
    int most = streams.stream().mapToInt(Integer::intValue).max().orElse(1);

    for (Peer s : Peer.values()) {
      Pass warm = pass(http, s, archive, orthanc, items, expected, most);
      System.out.printf(
          Locale.ROOT,
          "   warm-up %-8s %d streams: %6.1f images/s%n",
          s.name().toLowerCase(Locale.ROOT),
          most,
          warm.imagesPerSecond());
    }
    Map<String, Pass> best = new LinkedHashMap<>();
    for (int round = 1; round <= rounds; round++) {
      for (int n : streams) {
        List<Peer> order =
            round % 2 == 1
                ? List.of(Peer.ROENTGEN, Peer.ORTHANC)
                : List.of(Peer.ORTHANC, Peer.ROENTGEN);
        for (Peer s : order) {
          Pass p = pass(http, s, archive, orthanc, items, expected, n);
          String key = s + " " + n;
          System.out.printf(
              Locale.ROOT,
              "   round %d %-8s %d stream(s): %6.1f images/s %7.1f MB/s  p50 %6.1f ms  p95 %6.1f ms%n",
              round,
              s.name().toLowerCase(Locale.ROOT),
              n,
              p.imagesPerSecond(),
              p.megabytesPerSecond(),
              p.latencies().percentile(0.5),
              p.latencies().percentile(0.95));
          System.out.println("     CPU ms per image: " + ProcCpu.format(p.cpu()));
          if (!best.containsKey(key) || p.seconds() < best.get(key).seconds()) {
            best.put(key, p);
          }
        }
      }
    }
    long bytes = expected.stream().mapToLong(b -> b.length).sum();
    System.out.printf(
        Locale.ROOT,
        "%n   best of %d round(s); %d instances, %.1f MB; every object equal to its file byte for"
            + " byte%n",
        rounds,
        items.size(),
        bytes / 1e6);
    System.out.printf(
        Locale.ROOT,
        "   %-9s %-9s %9s %8s %8s %8s %8s %11s%n",
        "streams",
        "system",
        "images/s",
        "MB/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "CPU ms/img");
    for (int n : streams) {
      for (Peer s : Peer.values()) {
        Pass p = best.get(s + " " + n);
        System.out.printf(
            Locale.ROOT,
            "   %-9d %-9s %9.1f %8.1f %8.1f %8.1f %8.1f %11.1f%n",
            n,
            s.name().toLowerCase(Locale.ROOT),
            p.imagesPerSecond(),
            p.megabytesPerSecond(),
            p.latencies().percentile(0.5),
            p.latencies().percentile(0.95),
            p.latencies().percentile(0.99),
            serverCpu(s, p));
      }
      Pass r = best.get(Peer.ROENTGEN + " " + n);
      Pass o = best.get(Peer.ORTHANC + " " + n);
      System.out.printf(
          Locale.ROOT,
          "   %-9d ratio Roentgen/Orthanc: images/s %.2f, p50 latency %.2f, server CPU per image"
              + " %.2f%n",
          n,
          r.imagesPerSecond() / o.imagesPerSecond(),
          r.latencies().percentile(0.5) / o.latencies().percentile(0.5),
          serverCpu(Peer.ROENTGEN, r) / serverCpu(Peer.ORTHANC, o));
    }
    System.out.println(
        "   (CPU ms/img: the serving processes' CPU per image; Roentgen: the archive, S3Proxy and"
            + " PostgreSQL; Orthanc: Orthanc)");
    return 0;
  }

  /** The CPU per image of the processes that serve a system's retrievals. */
  private static double serverCpu(Peer peer, Pass p) {
    List<String> serving =
        peer == Peer.ROENTGEN ? List.of("archive", "s3proxy", "postgres") : List.of("orthanc");
    return serving.stream().mapToDouble(k -> p.cpu().getOrDefault(k, Double.NaN)).sum();
  }

  /**
   * Every instance once, from {@code streams} threads; fails on any answer that is not the file.
   */
  private static Pass pass(
      BenchHttp http,
      Peer system,
      String archive,
      String orthanc,
      List<Item> items,
      List<byte[]> expected,
      int streams)
      throws Exception {
    Latencies latencies = new Latencies();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(streams);
    ProcCpu cpu = ProcCpu.fromSettings();
    Map<String, Double> cpuBefore = cpu.snapshot();
    long start = System.nanoTime();
    try {
      List<Future<Void>> workers = new ArrayList<>();
      for (int t = 0; t < streams; t++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement();
                      i < items.size();
                      i = next.getAndIncrement()) {
                    Item item = items.get(i);
                    HttpRequest req =
                        system == Peer.ROENTGEN
                            ? http.get(
                                archive
                                    + "/dicomweb/studies/"
                                    + item.study()
                                    + "/series/"
                                    + item.series()
                                    + "/instances/"
                                    + item.sop(),
                                MULTIPART_DICOM)
                            : http.get(orthanc + "/instances/" + item.orthancId() + "/file", null);
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> resp = http.send(req);
                    latencies.add((System.nanoTime() - t0) / 1e6);
                    if (resp.statusCode() != 200) {
                      throw new IllegalStateException(req.uri() + ": HTTP " + resp.statusCode());
                    }
                    byte[] body = resp.body();
                    int[] part =
                        system == Peer.ROENTGEN ? onlyPart(req, resp) : new int[] {0, body.length};
                    byte[] file = expected.get(i);
                    if (!Arrays.equals(body, part[0], part[1], file, 0, file.length)) {
                      throw new IllegalStateException(
                          req.uri() + ": the object differs from " + item.file());
                    }
                  }
                  return null;
                }));
      }
      for (Future<Void> w : workers) {
        w.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Double> cpuPerImage = ProcCpu.perUnit(cpuBefore, cpu.snapshot(), items.size());
    long bytes = expected.stream().mapToLong(b -> b.length).sum();
    return new Pass(items.size(), bytes, seconds, latencies, cpuPerImage);
  }

  /**
   * The one part of a multipart/related answer (PS3.18 8.7.3.2): where its body starts and ends in
   * the answer's, by its Content-Length, after checking the boundary lines around it.
   */
  static int[] onlyPart(HttpRequest req, HttpResponse<byte[]> resp) {
    String type = resp.headers().firstValue("Content-Type").orElse("");
    Matcher m = BOUNDARY.matcher(type);
    if (!type.startsWith("multipart/related") || !m.find()) {
      throw new IllegalStateException(req.uri() + ": not multipart/related: " + type);
    }
    byte[] body = resp.body();
    String dash = "--" + m.group(1);
    int headEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
    if (headEnd < 0 || !ascii(body, 0, dash.length()).equals(dash)) {
      throw new IllegalStateException(req.uri() + ": no first part");
    }
    String head = ascii(body, 0, headEnd);
    Matcher len = Pattern.compile("(?i)Content-Length:\\s*(\\d+)").matcher(head);
    if (!len.find()) {
      throw new IllegalStateException(req.uri() + ": the part has no Content-Length");
    }
    int from = headEnd + 4;
    int to = from + Integer.parseInt(len.group(1));
    String tail = ascii(body, to, body.length - to);
    if (!tail.equals("\r\n" + dash + "--\r\n")) {
      throw new IllegalStateException(req.uri() + ": more than one part, or a broken end");
    }
    return new int[] {from, to};
  }

  private static String ascii(byte[] b, int from, int length) {
    return new String(
        b, from, Math.max(0, Math.min(length, b.length - from)), StandardCharsets.US_ASCII);
  }

  private static int indexOf(byte[] b, byte[] what, int from) {
    outer:
    for (int i = from; i <= b.length - what.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (b[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
