package org.roentgen.archive.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.roentgen.archive.bench.ArchiveBench.Settings;

/**
 * QIDO-RS study searches as a viewer's worklist makes them ({@link Kind}), in a fixed mix, from a
 * few client threads at once, each request timed from its start to the last byte of its answer. The
 * values searched for are drawn from the generated index (patients and accession numbers sampled
 * from the database, months of the generated years, surnames of {@link Names#SURNAMES}), from a
 * fixed seed: every run asks the same questions in the same order. Prints p50, p95, p99 and the
 * maximum per kind and overall and the target as PASS or FAIL.
 */
final class QidoLoad {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

  /** The searches of the mix, one after the other in turn. */
  enum Kind {
    /** A patient's studies: PatientID, exact. */
    PATIENT_ID,
    /** A name typed into the search box: PatientName, a surname or its first letters and *. */
    PATIENT_NAME,
    /** A month's studies: StudyDate range, 25 at a time. */
    STUDY_DATE,
    /** One order: AccessionNumber, exact. */
    ACCESSION,
    /** A modality's studies of a month: ModalitiesInStudy and a StudyDate range. */
    MODALITY_DATE,
    /** The worklist's first page: no filter, the 25 newest studies. */
    RECENT;

    String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** Values found in the index, to search for. */
  record Samples(List<String> patientIds, List<String> accessions) {}

  private QidoLoad() {}

  static int run() throws Exception {
    String base = Settings.archiveUrl() + "/dicomweb/studies";
    int requests = Integer.getInteger("bench.qido-requests", 2000);
    int warm = Integer.getInteger("bench.qido-warm", 600);
    int threads = Integer.getInteger("bench.qido-concurrency", 4);
    double target = Double.parseDouble(System.getProperty("bench.qido-target-ms", "50"));
    Samples samples = sample();
    BenchHttp http = new BenchHttp(Settings.user(), Settings.password());
    System.out.printf(
        Locale.ROOT,
        "   warm-up: %d requests; timed: %d requests, %d at a time; mix: %s in turn%n",
        warm,
        requests,
        threads,
        String.join(", ", List.of(Kind.values()).stream().map(Kind::label).toList()));
    Round warmUp = load(http, base, samples, warm, threads, 1);
    ProcCpu cpu = ProcCpu.fromSettings();
    Map<String, Double> cpuBefore = cpu.snapshot();
    long start = System.nanoTime();
    Round timed = load(http, base, samples, requests, threads, 2);
    double seconds = (System.nanoTime() - start) / 1e9;
    String cpuPerSearch = ProcCpu.format(ProcCpu.perUnit(cpuBefore, cpu.snapshot(), requests));
    Latencies all = new Latencies();
    System.out.printf(
        Locale.ROOT,
        "%n   %-14s %6s %8s %8s %8s %8s %8s%n",
        "search",
        "n",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "results");
    for (Kind k : Kind.values()) {
      Latencies l = timed.latencies().get(k);
      all.addAll(l);
      System.out.printf(
          Locale.ROOT,
          "   %-14s %6d %s %8.1f%s%n",
          k.label(),
          l.count(),
          l.summary(),
          (double) timed.results().get(k).get() / Math.max(1, l.count()),
          l.percentile(0.95) < target ? "" : "  (p95 over " + (int) target + " ms)");
    }
    System.out.printf(Locale.ROOT, "   %-14s %6d %s%n", "all", all.count(), all.summary());
    System.out.printf(
        Locale.ROOT,
        "   %.1f requests/s over %.1f s (warm-up p95 %.1f ms); results: studies per answer,"
            + " on average%n",
        requests / seconds,
        seconds,
        warmUp.all().percentile(0.95));
    System.out.println("   CPU ms per search: " + cpuPerSearch);
    boolean pass = all.percentile(0.95) < target;
    System.out.printf(
        Locale.ROOT,
        "%n   target (issue 7): QIDO-RS study search p95 under %.0f ms over %,d instances: p95 %.1f ms"
            + "  %s%n",
        target,
        Long.getLong("bench.instances", 1_000_000),
        all.percentile(0.95),
        pass ? "PASS" : "FAIL");
    return pass ? 0 : 3;
  }

  /** The latencies and the number of results of a round of searches, by kind. */
  record Round(Map<Kind, Latencies> latencies, Map<Kind, AtomicLong> results) {
    Latencies all() {
      Latencies all = new Latencies();
      latencies.values().forEach(all::addAll);
      return all;
    }
  }

  /**
   * {@code count} searches, request {@code n} of kind {@code n mod 6}, from {@code threads}
   * threads; fails on the first answer that is not 200 or not a JSON array, or an empty answer to a
   * search for a value that exists.
   */
  private static Round load(
      BenchHttp http, String base, Samples samples, int count, int threads, long seed)
      throws Exception {
    List<String> urls = new ArrayList<>(count);
    SplittableRandom r = new SplittableRandom(seed);
    Kind[] kinds = Kind.values();
    for (int i = 0; i < count; i++) {
      urls.add(base + "?" + query(kinds[i % kinds.length], samples, r));
    }
    Round out = new Round(new EnumMap<>(Kind.class), new EnumMap<>(Kind.class));
    for (Kind k : kinds) {
      out.latencies().put(k, new Latencies());
      out.results().put(k, new AtomicLong());
    }
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Void>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    Kind k = kinds[i % kinds.length];
                    HttpRequest req = http.get(urls.get(i), "application/dicom+json");
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> resp = http.send(req);
                    double ms = (System.nanoTime() - t0) / 1e6;
                    out.results().get(k).addAndGet(check(k, req, resp));
                    out.latencies().get(k).add(ms);
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
    return out;
  }

  private static int check(Kind k, HttpRequest req, HttpResponse<byte[]> resp) throws Exception {
    String body = new String(resp.body(), StandardCharsets.UTF_8);
    if (resp.statusCode() != 200) {
      throw new IllegalStateException(
          req.uri()
              + ": HTTP "
              + resp.statusCode()
              + " "
              + body.substring(0, Math.min(300, body.length())));
    }
    JsonNode a = JSON.readTree(body);
    if (!a.isArray()) {
      throw new IllegalStateException(req.uri() + ": not a JSON array");
    }
    boolean mustFind = k == Kind.PATIENT_ID || k == Kind.ACCESSION || k == Kind.RECENT;
    if (mustFind && a.isEmpty()) {
      throw new IllegalStateException(req.uri() + ": nothing found for a value in the index");
    }
    return a.size();
  }

  /** The query string of one search. */
  static String query(Kind k, Samples s, SplittableRandom r) {
    return switch (k) {
      case PATIENT_ID -> "PatientID=" + enc(pick(s.patientIds(), r));
      case PATIENT_NAME -> {
        String surname = pick(Names.SURNAMES, r);
        // Half the time the whole surname, else its first 3 to 5 letters: SMITH*, SMI*.
        String typed =
            r.nextBoolean()
                ? surname
                : surname.substring(0, Math.min(surname.length(), 3 + r.nextInt(3)));
        yield "PatientName=" + enc(typed + "*") + "&limit=25";
      }
      case STUDY_DATE -> "StudyDate=" + month(r) + "&limit=25";
      case ACCESSION -> "AccessionNumber=" + enc(pick(s.accessions(), r));
      case MODALITY_DATE ->
          "ModalitiesInStudy="
              + pick(List.of("CR", "DX", "MG", "CT"), r)
              + "&StudyDate="
              + month(r)
              + "&limit=25";
      case RECENT -> "limit=25";
    };
  }

  /** A month of the generated years as a DA range, {@code 20250301-20250331}. */
  private static String month(SplittableRandom r) {
    YearMonth first = YearMonth.from(LocalDate.parse(IndexRows.FIRST_DAY));
    YearMonth m = first.plusMonths(r.nextInt(IndexRows.DAYS / 31));
    return m.atDay(1).format(DA) + "-" + m.atEndOfMonth().format(DA);
  }

  private static <T> T pick(List<T> list, SplittableRandom r) {
    return list.get(r.nextInt(list.size()));
  }

  private static String enc(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }

  /** Patients that have studies and accession numbers, 1,000 of each, from the index. */
  private static Samples sample() throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                Settings.jdbcUrl(), Settings.dbUser(), Settings.dbPassword());
        Statement s = c.createStatement()) {
      s.execute("SELECT setseed(0.7)");
      List<String> patients =
          column(
              s,
              "SELECT p.patient_id FROM patient p WHERE EXISTS (SELECT 1 FROM study st"
                  + " WHERE st.patient_pk = p.pk) ORDER BY random() LIMIT 1000");
      List<String> accessions =
          column(
              s,
              "SELECT accession FROM study WHERE accession IS NOT NULL ORDER BY random()"
                  + " LIMIT 1000");
      if (patients.isEmpty() || accessions.isEmpty()) {
        throw new IllegalStateException("the index is empty: run the generate step first");
      }
      return new Samples(patients, accessions);
    }
  }

  private static List<String> column(Statement s, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
