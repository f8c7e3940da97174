package org.roentgen.dicom.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The public DICOM file corpus that Debian's python3-pydicom package ships: real files from many
 * vendors and every uncompressed and several compressed transfer syntaxes, plus the character set
 * samples. Tests fail (never skip) when it is not installed: `.ci/run` installs it.
 */
public final class Corpus {
  /** Where Debian installs pydicom's data. */
  public static final Path PYDICOM_DATA = Path.of("/usr/lib/python3/dist-packages/pydicom/data");

  private Corpus() {}

  /** Every DICOM file of the corpus (test_files, charset_files), sorted by path. */
  public static List<Path> files() {
    requireInstalled();
    try (Stream<Path> s =
        Stream.concat(
            Files.list(PYDICOM_DATA.resolve("test_files")),
            Files.list(PYDICOM_DATA.resolve("charset_files")))) {
      return s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One file of the corpus by name, e.g. {@code test_files/CT_small.dcm}. */
  public static Path file(String relative) {
    requireInstalled();
    Path p = PYDICOM_DATA.resolve(relative);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("corpus file missing: " + p);
    }
    return p;
  }

  private static void requireInstalled() {
    if (!Files.isDirectory(PYDICOM_DATA.resolve("test_files"))) {
      throw new IllegalStateException(
          "the pydicom corpus is missing: install Debian's python3-pydicom (.ci/run does)");
    }
  }
}
