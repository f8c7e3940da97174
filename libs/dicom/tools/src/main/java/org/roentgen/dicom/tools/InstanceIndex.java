package org.roentgen.dicom.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.net.dimse.Command;
import org.roentgen.dicom.net.dimse.FindHandler;
import org.roentgen.dicom.net.dimse.Status;
import org.roentgen.dicom.net.ul.Association;

/**
 * The C-FIND SCP of {@code dicom listen}: the Patient Root and Study Root query models (PS3.4
 * C.6.1, C.6.2) over the headers of the files in the listener's folder. Files are indexed when a
 * query comes, not when they are stored, so that storing stays as fast as it can be.
 */
final class InstanceIndex implements FindHandler {
  private final Path dir;
  private final Map<Path, Attributes> headers = new LinkedHashMap<>();

  InstanceIndex(Path dir) {
    this.dir = dir;
  }

  @Override
  public int find(Association as, Command rq, Attributes keys, Matches matches) throws IOException {
    String level = keys.getString(Tag.QueryRetrieveLevel);
    int uniqueKey =
        switch (level == null ? "" : level) {
          case "PATIENT" -> Tag.PatientID;
          case "STUDY" -> Tag.StudyInstanceUID;
          case "SERIES" -> Tag.SeriesInstanceUID;
          case "IMAGE" -> Tag.SOPInstanceUID;
          default -> -1;
        };
    if (uniqueKey < 0) {
      return Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS.code();
    }
    // Matches are collected under the lock and sent after it, so a slow peer holds up no one.
    List<Attributes> found = new ArrayList<>();
    synchronized (this) {
      refresh();
      Set<String> seen = new HashSet<>();
      for (Attributes h : headers.values()) {
        String id = h.getString(uniqueKey);
        if (id != null && !seen.contains(id) && Matching.matches(keys, h)) {
          seen.add(id);
          found.add(response(keys, h, level));
        }
      }
    }
    for (Attributes match : found) {
      if (!matches.add(match)) {
        return Status.CANCEL.code();
      }
    }
    return Status.SUCCESS.code();
  }

  /** The requested keys with the candidate's values (PS3.4 C.4.1.1.3.2). */
  private static Attributes response(Attributes keys, Attributes h, String level) {
    Attributes r = ReturnKeys.select(keys, h);
    r.setString(Tag.QueryRetrieveLevel, VR.CS, level);
    return r;
  }

  /** Reads the headers of files written since the last query. */
  private void refresh() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".dcm")).sorted().toList();
    }
    List<Path> gone = new ArrayList<>(headers.keySet());
    gone.removeAll(files);
    gone.forEach(headers::remove);
    for (Path f : files) {
      if (!headers.containsKey(f)) {
        try {
          headers.put(f, DicomFile.readHeader(f).dataset());
        } catch (IOException e) {
          // a file that cannot be read is not offered; the next query tries again
        }
      }
    }
  }
}
