package org.roentgen.dicom.tools;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.data.UidDictionary;
import org.roentgen.dicom.data.UidEntry;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomOutputStream;
import org.roentgen.dicom.net.dimse.Command;
import org.roentgen.dicom.net.dimse.DimseServer;
import org.roentgen.dicom.net.dimse.Status;
import org.roentgen.dicom.net.ul.Association;
import org.roentgen.dicom.net.ul.AssociationAcceptor;
import org.roentgen.dicom.net.ul.AssociationOptions;
import org.roentgen.dicom.net.ul.DefaultAcceptancePolicy;
import org.roentgen.dicom.net.ul.FileRegionSource;

/**
 * {@code listen --port P [--aet AET] --dir DIR}: a C-STORE SCP that writes each received instance
 * as a Part 10 file named by its SOP Instance UID, streaming the data set from the socket to the
 * file in the transfer syntax it arrived in, and answers Success only once the file and its folder
 * are on disk (fsync; {@code --no-fsync} answers as soon as the file is written, as DCMTK's
 * storescp does). A peer silent for the idle timeout (default 60 s) is aborted. Accepts C-ECHO and
 * every storage SOP class, and answers C-FIND (Patient and Study Root) over the files in its
 * folder.
 */
final class ListenCommand implements Main.Command {
  /** Requests a requestor may keep outstanding when it proposes an asynchronous window. */
  private static final int ASYNC_OPERATIONS = 16;

  /** Numbers the temporary files of this process's transfers. */
  private static final AtomicLong TRANSFERS = new AtomicLong(System.nanoTime());

  private static final Pattern UID_NAME = Pattern.compile("[0-9.]{1,64}");

  @Override
  public String usage() {
    return "listen --port P [--aet AET] [--max-associations N] [--idle-timeout S] [--no-fsync] "
        + TlsFiles.USAGE
        + " --dir DIR   C-STORE SCP writing Part 10 files";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Options o =
        Options.parse(
            args,
            Options.names(
                TlsFiles.OPTIONS,
                "--port",
                "--aet",
                "--dir",
                "--max-associations",
                "--idle-timeout"),
            Set.of("--no-fsync"));
    if (!o.has("--port") || !o.has("--dir") || !o.positional.isEmpty()) {
      throw new Main.UsageException("--port and --dir are required");
    }
    int port = Integer.parseInt(o.get("--port", "0"));
    Path dir = Path.of(o.get("--dir", "."));
    AtomicLong received = new AtomicLong();
    AssociationOptions options =
        TlsFiles.apply(o, AssociationOptions.defaults())
            .withIdleTimeout(Duration.ofSeconds(Long.parseLong(o.get("--idle-timeout", "60"))));
    Started started =
        start(
            port,
            o.get("--aet", null),
            dir,
            options,
            Integer.parseInt(o.get("--max-associations", "50")),
            !o.has("--no-fsync"),
            received);
    AssociationAcceptor acceptor = started.acceptor();
    int bound = started.port();
    out.printf(
        "listening on port %d as %s, writing to %s%n", bound, o.get("--aet", "any AE title"), dir);
    out.flush();
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    acceptor.close();
                    acceptor.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
                  } catch (IOException | InterruptedException ignored) {
                    // stopping anyway
                  }
                  err.printf("stopped; %d instances received%n", received.get());
                  stop.countDown();
                }));
    stop.await();
    return 0;
  }

  /**
   * Starts a storage SCP on {@code port} (0: any free port) that writes to {@code dir}; {@code aet}
   * null accepts any called AE title.
   */
  /** A running listener and the port it took. */
  record Started(AssociationAcceptor acceptor, int port) {}

  static Started start(
      int port,
      String aet,
      Path dir,
      AssociationOptions options,
      int maxAssociations,
      boolean fsync,
      AtomicLong received)
      throws IOException {
    Files.createDirectories(dir);
    DefaultAcceptancePolicy policy =
        DefaultAcceptancePolicy.create()
            .withAbstractSyntax(
                UID.Verification, UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian);
    if (aet != null) {
      policy = policy.withCalledAeTitles(aet);
    }
    for (UidEntry e : UidDictionary.entries()) {
      if (UidDictionary.isStorageSopClass(e.uid())) {
        policy = policy.withAbstractSyntax(e.uid(), DefaultAcceptancePolicy.ANY_TRANSFER_SYNTAX);
      }
    }
    policy =
        policy
            .withAbstractSyntax(
                UID.StudyRootQueryRetrieveInformationModelFind,
                UID.ExplicitVRLittleEndian,
                UID.ImplicitVRLittleEndian)
            .withAbstractSyntax(
                UID.PatientRootQueryRetrieveInformationModelFind,
                UID.ExplicitVRLittleEndian,
                UID.ImplicitVRLittleEndian);
    policy = policy.withAsyncOperations(ASYNC_OPERATIONS);
    DimseServer server =
        new DimseServer(
            (as, rq, ts, dataset) -> store(dir, fsync, as, rq, ts, dataset, received),
            new InstanceIndex(dir));
    AssociationAcceptor acceptor =
        new AssociationAcceptor(options, policy, server, maxAssociations);
    int bound = acceptor.start(port);
    return new Started(acceptor, bound);
  }

  private static int store(
      Path dir,
      boolean fsync,
      Association as,
      Command rq,
      String ts,
      InputStream dataset,
      AtomicLong received)
      throws IOException {
    String iuid = rq.affectedSopInstanceUid();
    String cuid = rq.affectedSopClassUid();
    if (iuid == null || cuid == null || !UID_NAME.matcher(iuid).matches()) {
      dataset.transferTo(OutputStream.nullOutputStream());
      return Status.CANNOT_UNDERSTAND.code();
    }
    Attributes fmi = DicomOutputStream.createFileMetaInformation(cuid, iuid, ts);
    fmi.setString(Tag.SourceApplicationEntityTitle, VR.AE, as.callingAeTitle());
    // Each transfer has its own temporary file, so two copies of one instance arriving at once
    // cannot mix; the finished file replaces any older one in one atomic rename.
    Path part = dir.resolve(iuid + "." + TRANSFERS.incrementAndGet() + ".part");
    try (FileChannel channel =
            FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        OutputStream file = Channels.newOutputStream(channel)) {
      // A small buffer for the meta information; the data set goes to the file in 1 MiB chunks.
      DicomOutputStream d = new DicomOutputStream(new BufferedOutputStream(file, 1024));
      d.writeFileMetaInformation(fmi);
      d.flush();
      if (dataset instanceof FileRegionSource source) {
        source.transferTo(channel);
      } else {
        StreamCopy.copy(dataset, file);
      }
      if (fsync) {
        channel.force(true);
      }
      Files.move(
          part,
          dir.resolve(iuid + ".dcm"),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.deleteIfExists(part);
      throw e;
    }
    if (fsync) {
      // The rename is durable once the folder is (Success only for what survives a power loss).
      try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
        folder.force(true);
      }
    }
    received.incrementAndGet();
    return Status.SUCCESS.code();
  }
}
