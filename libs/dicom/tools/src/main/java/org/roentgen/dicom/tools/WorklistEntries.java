package org.roentgen.dicom.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.json.DicomJson;

/**
 * The scheduled procedure steps of a worklist folder (PS3.4 K.6.1), as a Modality Worklist SCP
 * offers them: every {@code *.json} file (the DICOM JSON model, PS3.18 F.2: one dataset object, or
 * an array of them) and every {@code *.wl} and {@code *.dcm} file (Part 10 with or without file
 * meta information, as DCMTK's wlmscpfs reads them). Each dataset is an order with its patient;
 * each item of its Scheduled Procedure Step Sequence is one step, offered as the order with that
 * one item (K.6.1.2.2: a response per step).
 *
 * <p>The folder is listed again at every query, so entries can be added, changed and removed while
 * the SCP runs; a file is parsed again only when its size or modification time changed. A file that
 * cannot be read (a half-written file, broken JSON, over {@value #MAX_FILE_SIZE} bytes) is left out
 * with one message naming the file and the cause, never its contents, and tried again once it
 * changes. Thread-safe.
 */
final class WorklistEntries {
  /** Larger files are no worklist entries. */
  static final long MAX_FILE_SIZE = 4L << 20;

  private final Path dir;
  private final PrintStream log;
  private final Map<Path, Loaded> cache = new HashMap<>();

  /** A file's steps, or none after a failure, for the size and time it had when read. */
  private record Loaded(long size, FileTime modified, List<Attributes> steps) {}

  WorklistEntries(Path dir, PrintStream log) {
    this.dir = dir;
    this.log = log;
  }

  /** Whether {@code file}'s name makes it a worklist entry. */
  static boolean isEntry(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return !name.startsWith(".")
        && (name.endsWith(".json") || name.endsWith(".wl") || name.endsWith(".dcm"));
  }

  /** The steps of the folder now, ordered by file name. */
  synchronized List<Attributes> steps() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(WorklistEntries::isEntry).sorted().toList();
    }
    cache.keySet().retainAll(files);
    List<Attributes> steps = new ArrayList<>();
    for (Path f : files) {
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(f, BasicFileAttributes.class);
      } catch (NoSuchFileException gone) {
        cache.remove(f);
        continue;
      }
      if (!a.isRegularFile()) {
        continue;
      }
      Loaded l = cache.get(f);
      if (l == null || l.size() != a.size() || !l.modified().equals(a.lastModifiedTime())) {
        l = new Loaded(a.size(), a.lastModifiedTime(), load(f, a.size()));
        cache.put(f, l);
      }
      steps.addAll(l.steps());
    }
    return steps;
  }

  private List<Attributes> load(Path file, long size) {
    try {
      if (size > MAX_FILE_SIZE) {
        throw new IOException(size + " bytes, more than a worklist entry has");
      }
      List<Attributes> orders;
      if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
        orders = DicomJson.readAll(Files.readString(file, StandardCharsets.UTF_8));
      } else {
        Attributes ds = DicomFile.readHeader(file).dataset();
        orders = List.of(ds.isBigEndian() ? new Attributes(ds, false) : ds);
      }
      List<Attributes> steps = new ArrayList<>();
      orders.forEach(o -> split(o, steps));
      return List.copyOf(steps);
    } catch (IOException | RuntimeException e) {
      log.printf("worklist: %s left out: %s%n", file.getFileName(), e.getMessage());
      return List.of();
    }
  }

  /** One entry per Scheduled Procedure Step Sequence item (the order as is when it has none). */
  static void split(Attributes order, List<Attributes> steps) {
    Sequence sps = order.getSequence(Tag.ScheduledProcedureStepSequence);
    if (sps == null || sps.size() <= 1) {
      steps.add(order);
      return;
    }
    for (Attributes item : sps) {
      Attributes step = new Attributes(order, false);
      step.newSequence(Tag.ScheduledProcedureStepSequence, 1).add(new Attributes(item, false));
      steps.add(step);
    }
  }
}
