package org.roentgen.dicom.tools;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.roentgen.dicom.data.DatasetText;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.json.DicomJson;

/** {@code dump [--json] FILE}: prints a file readably, or as the DICOM JSON model. */
final class DumpCommand implements Main.Command {
  @Override
  public String usage() {
    return "dump [--json] FILE      print a DICOM file (--json: DICOM JSON model, bulk data inline)";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    boolean json = false;
    Path file = null;
    for (String a : args) {
      if (a.equals("--json")) {
        json = true;
      } else if (a.startsWith("-")) {
        throw new Main.UsageException("unknown option " + a);
      } else if (file == null) {
        file = Path.of(a);
      } else {
        throw new Main.UsageException("one file at a time");
      }
    }
    if (file == null) {
      throw new Main.UsageException("no file given");
    }
    if (!Files.isRegularFile(file)) {
      err.println("dicom dump: " + file + ": no such file");
      return 1;
    }
    DicomFile f = DicomFile.read(file);
    if (json) {
      out.println(DicomJson.inline().write(f.dataset()));
    } else {
      out.println(
          "# Transfer syntax: "
              + f.transferSyntax().name()
              + " ("
              + f.transferSyntax().uid()
              + ")");
      if (f.fileMeta() != null) {
        out.println("# File meta information");
        out.print(DatasetText.format(f.fileMeta(), 120));
      }
      out.println("# Dataset");
      out.print(DatasetText.format(f.dataset(), 120));
    }
    return 0;
  }
}
