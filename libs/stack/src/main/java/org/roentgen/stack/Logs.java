package org.roentgen.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The last lines of server logs, for error messages. */
final class Logs {
  private static final int MAX_BYTES = 16 * 1024;

  private Logs() {}

  /** The last {@code lines} lines of each existing file, each under a header naming the file. */
  static String tail(List<Path> files, int lines) {
    return files.stream()
        .filter(Files::isRegularFile)
        .map(f -> "[" + f + "]\n" + tail(f, lines))
        .collect(Collectors.joining("\n"));
  }

  /** The last {@code lines} lines of a file (of its last 16 KiB at most), or an empty string. */
  static String tail(Path file, int lines) {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      int size = (int) Math.min(length, MAX_BYTES);
      byte[] bytes = new byte[size];
      in.seek(length - size);
      in.readFully(bytes);
      String[] all = new String(bytes, StandardCharsets.UTF_8).split("\n");
      return String.join(
          "\n", Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
    } catch (IOException e) {
      return "";
    }
  }
}
