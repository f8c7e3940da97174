package org.roentgen.dicom.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.net.dimse.DimseServer;
import org.roentgen.dicom.net.ul.AssociationAcceptor;
import org.roentgen.dicom.net.ul.AssociationOptions;
import org.roentgen.dicom.net.ul.DefaultAcceptancePolicy;

/**
 * {@code worklist --port P [--aet AET] --dir DIR}: a Modality Worklist SCP (PS3.4 annex K) over the
 * entries in DIR ({@link WorklistEntries}: DICOM JSON and DCMTK-style Part 10 worklist files, read
 * again at each query). Answers C-ECHO and C-FIND of the Modality Worklist Information Model - FIND
 * SOP class, nothing else. {@code --demo-orders} first writes {@link DemoOrders} scheduled today
 * when DIR holds no entry. Runs until SIGTERM or Ctrl-C; a peer silent for the idle timeout
 * (default 60 s) is aborted.
 */
final class WorklistCommand implements Main.Command {
  @Override
  public String usage() {
    return "worklist --port P [--aet AET] [--max-associations N] [--idle-timeout S]"
        + " [--demo-orders] --dir DIR   Modality Worklist SCP over JSON and .wl files";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Options o =
        Options.parse(
            args,
            Set.of("--port", "--aet", "--dir", "--max-associations", "--idle-timeout"),
            Set.of("--demo-orders"));
    if (!o.has("--port") || !o.has("--dir") || !o.positional.isEmpty()) {
      throw new Main.UsageException("--port and --dir are required");
    }
    int port;
    int maxAssociations;
    long idle;
    try {
      port = Integer.parseInt(o.get("--port", "0"));
      maxAssociations = Integer.parseInt(o.get("--max-associations", "20"));
      idle = Long.parseLong(o.get("--idle-timeout", "60"));
    } catch (NumberFormatException e) {
      throw new Main.UsageException("--port, --max-associations and --idle-timeout take numbers");
    }
    Path dir = Path.of(o.get("--dir", "."));
    String aet = o.get("--aet", null);
    if (o.has("--demo-orders") && countEntries(dir) == 0) {
      DemoOrders.write(dir, LocalDate.now());
      err.printf("worklist: wrote %d demo orders into %s%n", DemoOrders.ORDERS.size(), dir);
    }
    AssociationOptions options =
        AssociationOptions.defaults().withIdleTimeout(Duration.ofSeconds(idle));
    Started started = start(port, aet, dir, options, maxAssociations, err);
    out.printf(
        "worklist SCP on port %d as %s, %d entries in %s%n",
        started.port(), aet == null ? "any AE title" : aet, countEntries(dir), dir);
    out.flush();
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    started.acceptor().close();
                    started.acceptor().awaitTermination(10, TimeUnit.SECONDS);
                  } catch (IOException | InterruptedException ignored) {
                    // stopping anyway
                  }
                  long n = started.finder().queries();
                  err.printf(
                      "worklist: stopped; %d %s answered%n", n, n == 1 ? "query" : "queries");
                  stop.countDown();
                }));
    stop.await();
    return 0;
  }

  /** A running worklist SCP, the port it took and its query handler. */
  record Started(AssociationAcceptor acceptor, int port, WorklistFinder finder) {}

  /**
   * Starts a worklist SCP on {@code port} (0: any free port) over {@code dir}, which is created if
   * missing; {@code aet} null accepts any called AE title. Messages go to {@code log}.
   */
  static Started start(
      int port,
      String aet,
      Path dir,
      AssociationOptions options,
      int maxAssociations,
      PrintStream log)
      throws IOException {
    Files.createDirectories(dir);
    DefaultAcceptancePolicy policy =
        DefaultAcceptancePolicy.create()
            .withAbstractSyntax(
                UID.Verification, UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian)
            .withAbstractSyntax(
                UID.ModalityWorklistInformationModelFind,
                UID.ExplicitVRLittleEndian,
                UID.ImplicitVRLittleEndian,
                UID.ExplicitVRBigEndian);
    if (aet != null) {
      policy = policy.withCalledAeTitles(aet);
    }
    WorklistFinder finder = new WorklistFinder(new WorklistEntries(dir, log), log);
    AssociationAcceptor acceptor =
        new AssociationAcceptor(options, policy, new DimseServer(null, finder), maxAssociations);
    return new Started(acceptor, acceptor.start(port), finder);
  }

  private static long countEntries(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(WorklistEntries::isEntry).count();
    }
  }
}
