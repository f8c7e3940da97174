package org.roentgen.dicom.tools;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomInputStream;
import org.roentgen.dicom.net.dimse.Command;
import org.roentgen.dicom.net.dimse.DimseClient;
import org.roentgen.dicom.net.dimse.Priority;
import org.roentgen.dicom.net.dimse.Status;
import org.roentgen.dicom.net.ul.AssociationOptions;
import org.roentgen.dicom.net.ul.AssociationRequest;

/**
 * {@code send AET@HOST:PORT PATH...}: C-STORE of Part 10 files and folders over one association.
 * Each data set goes out as the bytes of the file after its meta information, in the file's own
 * transfer syntax; progress goes to stderr, a summary to stdout.
 */
final class SendCommand implements Main.Command {
  /** At most 128 presentation contexts fit in one association (odd IDs 1..255, PS3.8 9.3.2.2). */
  private static final int MAX_CONTEXTS = 128;

  /** Bytes read from the start of each file to find its meta information (PS3.10 7.1). */
  private static final int HEAD = 4096;

  private record Item(Path file, String sopClass, String sopInstance, String ts, long datasetOffset) {}

  @Override
  public String usage() {
    return "send [--calling AET] " + TlsFiles.USAGE + " AET@HOST:PORT PATH...   C-STORE files and folders (recursively)";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Options o = Options.parse(args, Options.names(TlsFiles.OPTIONS, "--calling"), Set.of());
    if (o.positional.size() < 2) {
      throw new Main.UsageException("a peer and at least one file or folder expected");
    }
    Peer peer = Peer.parse(o.positional.get(0));
    List<Item> items = new ArrayList<>();
    int unreadable = 0;
    byte[] head = new byte[HEAD];
    for (String p : o.positional.subList(1, o.positional.size())) {
      for (Path f : files(Path.of(p))) {
        try {
          items.add(scan(f, head));
        } catch (IOException e) {
          err.println("skipped " + f + ": " + e.getMessage());
          unreadable++;
        }
      }
    }
    if (items.isEmpty()) {
      err.println("no DICOM files to send");
      return 1;
    }
    Map<String, Set<String>> contexts = new LinkedHashMap<>();
    for (Item i : items) {
      contexts.computeIfAbsent(i.sopClass() + "|" + i.ts(), k -> new LinkedHashSet<>()).add(i.ts());
    }
    if (contexts.size() > MAX_CONTEXTS) {
      err.println(contexts.size() + " SOP class and transfer syntax pairs: more than one association holds (" + MAX_CONTEXTS + ")");
      return 1;
    }
    AssociationRequest rq = AssociationRequest.of(peer.aeTitle(), o.get("--calling", "DICOM-SEND"));
    for (String key : contexts.keySet()) {
      String[] parts = key.split("\\|");
      rq = rq.withContext(parts[0], parts[1]);
    }
    int ok = 0;
    int warnings = 0;
    int failed = 0;
    long bytes = 0;
    long start = System.nanoTime();
    long lastProgress = start;
    try (DimseClient c = DimseClient.connect(rq, peer.host(), peer.port(), TlsFiles.apply(o, AssociationOptions.defaults()), Duration.ofMinutes(2))) {
      for (int n = 0; n < items.size(); n++) {
        Item i = items.get(n);
        if (c.association().presentationContextId(i.sopClass(), i.ts()) < 0) {
          err.println("failed " + i.file() + ": the peer accepts no context for its SOP class " + i.sopClass() + " in " + i.ts());
          failed++;
          continue;
        }
        long size = Files.size(i.file()) - i.datasetOffset();
        Command rsp = c.store(i.sopClass(), i.sopInstance(), i.ts(), Priority.MEDIUM, os -> {
          try (InputStream in = Files.newInputStream(i.file())) {
            in.skipNBytes(i.datasetOffset());
            if ((StreamCopy.copy(in, os) & 1) != 0) {
              // A deflated stream of odd length is padded with one zero byte (PS3.5 A.5).
              os.write(0);
            }
          }
        });
        Status.Kind kind = Status.kindOf(rsp.status());
        if (kind == Status.Kind.SUCCESS) {
          ok++;
        } else if (kind == Status.Kind.WARNING) {
          warnings++;
        } else {
          failed++;
          err.printf("failed %s: status 0x%04X %s%n", i.file(), rsp.status(), rsp.errorComment() == null ? "" : rsp.errorComment());
        }
        bytes += size;
        long now = System.nanoTime();
        if (now - lastProgress > 1_000_000_000L) {
          err.printf("%d/%d sent, %.1f MB%n", n + 1, items.size(), bytes / 1e6);
          lastProgress = now;
        }
      }
    }
    double s = (System.nanoTime() - start) / 1e9;
    out.printf("sent %d of %d files to %s (%d warnings, %d failed, %d unreadable): %.1f MB in %.2f s, %.0f images/s, %.1f MB/s%n",
        ok + warnings, items.size(), peer.aeTitle(), warnings, failed, unreadable, bytes / 1e6, s, items.size() / s, bytes / 1e6 / s);
    return failed == 0 && unreadable == 0 ? 0 : 1;
  }

  private static List<Path> files(Path p) throws IOException {
    if (Files.isDirectory(p)) {
      try (Stream<Path> s = Files.walk(p)) {
        return s.filter(Files::isRegularFile).sorted().toList();
      }
    }
    if (!Files.isRegularFile(p)) {
      throw new IOException(p + ": no such file or folder");
    }
    return List.of(p);
  }

  /**
   * Reads the file meta information only (no data set) to learn what to send and from where: from
   * the first {@link #HEAD} bytes, or from the whole file when the meta information is longer.
   */
  private static Item scan(Path f, byte[] head) throws IOException {
    int n;
    try (InputStream in = Files.newInputStream(f)) {
      n = in.readNBytes(head, 0, head.length);
    }
    try {
      return item(f, new DicomInputStream(new ByteArrayInputStream(head, 0, n)));
    } catch (IOException e) {
      // Longer than the head, or broken: the file itself tells which.
    }
    try (DicomInputStream in = DicomInputStream.open(f)) {
      return item(f, in);
    }
  }

  private static Item item(Path f, DicomInputStream in) throws IOException {
    Attributes meta = in.readFileMetaInformation();
    if (meta == null) {
      throw new IOException("no file meta information (not a Part 10 file)");
    }
    String cls = meta.getString(Tag.MediaStorageSOPClassUID);
    String inst = meta.getString(Tag.MediaStorageSOPInstanceUID);
    String ts = meta.getString(Tag.TransferSyntaxUID);
    if (cls == null || inst == null || ts == null || cls.isEmpty() || inst.isEmpty() || ts.isEmpty()) {
      throw new IOException("file meta information lacks the SOP class, instance or transfer syntax");
    }
    return new Item(f, cls, inst, ts, in.position());
  }

}
