package org.roentgen.dicom.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.io.DicomInputStream;
import org.roentgen.dicom.io.DicomOutputStream;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.dicom.net.dimse.DimseClient;
import org.roentgen.dicom.net.dimse.Priority;
import org.roentgen.dicom.net.pdu.AsyncOperationsWindow;
import org.roentgen.dicom.net.ul.AssociationRequest;
import org.roentgen.dicom.net.ul.FileRegionSink;
import org.roentgen.dicom.net.ul.MessageWriter;

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

  private record Item(
      Path file, String sopClass, String sopInstance, String ts, long datasetOffset, long size) {}

  /** A file that could not be read as Part 10, and why. */
  private record Unreadable(Path file, String why) {}

  @Override
  public String usage() {
    return "send [--calling AET] "
        + TlsFiles.USAGE
        + " AET@HOST:PORT PATH...   C-STORE files and folders (recursively)";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Options o = Options.parse(args, Options.names(TlsFiles.OPTIONS, "--calling"), Set.of());
    if (o.positional.size() < 2) {
      throw new Main.UsageException("a peer and at least one file or folder expected");
    }
    Peer peer = Peer.parse(o.positional.get(0));
    List<Path> paths = new ArrayList<>();
    for (String p : o.positional.subList(1, o.positional.size())) {
      paths.addAll(files(Path.of(p)));
    }
    // The scan reads a few kilobytes of each file; on several threads, as it waits on the disk.
    List<Object> scanned = paths.parallelStream().map(SendCommand::scanOrWhy).toList();
    List<Item> items = new ArrayList<>();
    int unreadable = 0;
    for (Object r : scanned) {
      if (r instanceof Item i) {
        items.add(i);
      } else {
        Unreadable u = (Unreadable) r;
        err.println("skipped " + u.file() + ": " + u.why());
        unreadable++;
      }
    }
    if (items.isEmpty()) {
      err.println("no DICOM files to send");
      return 1;
    }
    Map<String, List<String>> contexts = new LinkedHashMap<>();
    for (Item i : items) {
      contexts.putIfAbsent(i.sopClass() + "|" + i.ts(), List.of(i.ts()));
      if (TransferSyntax.of(i.ts()).isNative()) {
        // A fallback the file can be converted to, should the peer refuse its own syntax.
        contexts.putIfAbsent(i.sopClass() + "|converted", CONVERTIBLE);
      }
    }
    if (contexts.size() > MAX_CONTEXTS) {
      err.println(
          contexts.size()
              + " SOP class and transfer syntax pairs: more than one association holds ("
              + MAX_CONTEXTS
              + ")");
      return 1;
    }
    AssociationRequest rq = AssociationRequest.of(peer.aeTitle(), o.get("--calling", "DICOM-SEND"));
    for (Map.Entry<String, List<String>> e : contexts.entrySet()) {
      rq =
          rq.withContext(
              e.getKey().substring(0, e.getKey().indexOf('|')),
              e.getValue().toArray(new String[0]));
    }
    SendTally tally = new SendTally(items.size(), err);
    AssociationRequest request = rq.withAsyncOperationsWindow(new AsyncOperationsWindow(WINDOW, 1));
    try (DimseClient c =
        DimseClient.connect(
            request,
            peer.host(),
            peer.port(),
            TlsFiles.apply(o, Peer.CLIENT_OPTIONS),
            Duration.ofMinutes(2))) {
      for (Item i : items) {
        if (!c.association().isEstablished()) {
          break;
        }
        try {
          sendOne(c, i, tally);
        } catch (IOException e) {
          tally.failed(i.file(), e.getMessage());
        }
      }
      c.awaitOutstanding();
    } catch (IOException e) {
      err.println("association with " + peer.aeTitle() + " ended: " + e.getMessage());
    }
    out.println(tally.summary(peer.aeTitle(), unreadable));
    return tally.allSent() && unreadable == 0 ? 0 : 1;
  }

  /** Operations kept outstanding when the peer grants an asynchronous window (PS3.7 D.3.3.3). */
  private static final int WINDOW = 16;

  /**
   * Sends one file: its data set as stored when the peer accepts its syntax, else converted to an
   * uncompressed one it accepts (before the request goes out, so a file that cannot be read fails
   * alone); the response is counted when it comes.
   */
  private static void sendOne(DimseClient c, Item i, SendTally tally) throws IOException {
    long size = i.size() - i.datasetOffset();
    String ts = i.ts();
    MessageWriter dataset = os -> copyDataset(i, os);
    boolean converted = false;
    if (c.association().presentationContextId(i.sopClass(), i.ts()) < 0) {
      ts = convertibleTarget(c, i);
      if (ts == null) {
        tally.failed(
            i.file(),
            "the peer accepts its SOP class "
                + i.sopClass()
                + " in no syntax"
                + (TransferSyntax.of(i.ts()).isNative()
                    ? " this tool can write"
                    : " it can take as it is (" + i.ts() + "; compressed data is not converted)"));
        return;
      }
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      DicomOutputStream d = new DicomOutputStream(bytes);
      d.writeDataset(DicomFile.read(i.file()).dataset(), TransferSyntax.of(ts));
      d.flush();
      dataset = os -> bytes.writeTo(os);
      converted = true;
    }
    boolean wasConverted = converted;
    c.storeAsync(i.sopClass(), i.sopInstance(), ts, Priority.MEDIUM, dataset)
        .whenComplete((rsp, error) -> tally.answered(i.file(), size, wasConverted, rsp, error));
  }

  /**
   * Streams the file's data set as it is stored, after its meta information: on plain TCP from the
   * file to the socket in the kernel ({@link FileRegionSink}), else through a buffer.
   */
  private static void copyDataset(Item i, java.io.OutputStream os) throws IOException {
    long length;
    if (os instanceof FileRegionSink sink) {
      try (FileChannel file = FileChannel.open(i.file())) {
        length = file.size() - i.datasetOffset();
        sink.writeFrom(file, i.datasetOffset(), length);
      }
    } else {
      try (InputStream in = Files.newInputStream(i.file())) {
        in.skipNBytes(i.datasetOffset());
        length = StreamCopy.copy(in, os);
      }
    }
    if ((length & 1) != 0 && TransferSyntax.of(i.ts()).deflated()) {
      // A deflated stream of odd length is padded with one zero byte (PS3.5 A.5).
      os.write(0);
    }
  }

  /** The uncompressed syntaxes a file can be converted to, in order of preference. */
  private static final List<String> CONVERTIBLE =
      List.of(
          TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(),
          TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());

  /** The syntax the peer accepted for converting {@code i}, or null when it cannot be converted. */
  private static String convertibleTarget(DimseClient c, Item i) {
    if (!TransferSyntax.of(i.ts()).isNative()) {
      return null;
    }
    for (String ts : CONVERTIBLE) {
      if (c.association().presentationContextId(i.sopClass(), ts) >= 0) {
        return ts;
      }
    }
    return null;
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
  private static Item scan(Path f) throws IOException {
    byte[] head = HEAD_BUFFER.get();
    long size;
    int n;
    try (FileChannel ch = FileChannel.open(f)) {
      size = ch.size();
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(head);
      while (b.hasRemaining() && ch.read(b) >= 0) {
        // a file shorter than the head ends the loop
      }
      n = b.position();
    }
    try {
      return item(f, DicomInputStream.of(head, 0, n), size);
    } catch (IOException e) {
      // Longer than the head, or broken: the file itself tells which.
    }
    try (DicomInputStream in = DicomInputStream.open(f)) {
      return item(f, in, size);
    }
  }

  private static final ThreadLocal<byte[]> HEAD_BUFFER =
      ThreadLocal.withInitial(() -> new byte[HEAD]);

  private static Object scanOrWhy(Path f) {
    try {
      return scan(f);
    } catch (IOException e) {
      return new Unreadable(f, e.getMessage());
    }
  }

  private static Item item(Path f, DicomInputStream in, long size) throws IOException {
    Attributes meta = in.readFileMetaInformation();
    if (meta == null) {
      throw new IOException("no file meta information (not a Part 10 file)");
    }
    String cls = meta.getString(Tag.MediaStorageSOPClassUID);
    String inst = meta.getString(Tag.MediaStorageSOPInstanceUID);
    String ts = meta.getString(Tag.TransferSyntaxUID);
    if (cls == null
        || inst == null
        || ts == null
        || cls.isEmpty()
        || inst.isEmpty()
        || ts.isEmpty()) {
      throw new IOException(
          "file meta information lacks the SOP class, instance or transfer syntax");
    }
    return new Item(f, cls, inst, ts, in.position(), size);
  }
}
