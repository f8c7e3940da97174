package org.roentgen.dicom.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test-only access to pydicom's character set corpus (Debian package python3-pydicom) and a minimal
 * walk over Explicit VR Little Endian Part 10 files that yields the raw value bytes of every text
 * element, so the codec can be tested before the Part 10 reader exists.
 */
final class CharsetCorpus {

  /** Where Debian installs the corpus; override with -Droentgen.charsetCorpus=DIR. */
  static final Path DIR =
      Path.of(
          System.getProperty(
              "roentgen.charsetCorpus",
              "/usr/lib/python3/dist-packages/pydicom/data/charset_files"));

  private static final int PREAMBLE = 128;
  private static final int MAGIC = 4;
  private static final int ITEM_GROUP = 0xFFFE;
  private static final int SCS_TAG = 0x00080005;
  private static final int UNDEFINED_LENGTH = -1;

  /** One element as stored, with the Specific Character Set last seen before it. */
  record RawElement(int tag, VR vr, byte[] value, String[] charset) {
    /** The value bytes with trailing space padding removed. */
    byte[] trimmed() {
      int n = value.length;
      while (n > 0 && value[n - 1] == ' ') {
        n--;
      }
      return Arrays.copyOf(value, n);
    }
  }

  private CharsetCorpus() {}

  static boolean available() {
    return Files.isRegularFile(DIR.resolve("chrH31.dcm"));
  }

  static Path file(String name) {
    return DIR.resolve(name);
  }

  /** All elements of a text VR, in file order, descending into sequences. */
  static List<RawElement> textElements(Path file) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    buf.position(PREAMBLE + MAGIC);
    List<RawElement> out = new ArrayList<>();
    String[] charset = new String[0];
    while (buf.remaining() >= 8) {
      int group = Short.toUnsignedInt(buf.getShort());
      int element = Short.toUnsignedInt(buf.getShort());
      int tag = (group << 16) | element;
      if (group == ITEM_GROUP) {
        buf.getInt(); // item length; item contents are walked inline
        continue;
      }
      VR vr = VR.ofCode(((buf.get() & 0xFF) << 8) | (buf.get() & 0xFF));
      if (vr == null) {
        throw new IOException("not explicit VR at offset " + (buf.position() - 2) + " in " + file);
      }
      int length;
      if (vr.isShortLength()) {
        length = Short.toUnsignedInt(buf.getShort());
      } else {
        buf.getShort();
        length = buf.getInt();
      }
      if (vr == VR.SQ || length == UNDEFINED_LENGTH) {
        continue; // walk the items inline
      }
      byte[] value = new byte[length];
      buf.get(value);
      if (tag == SCS_TAG) {
        charset = new String(value, java.nio.charset.StandardCharsets.US_ASCII).split("\\\\", -1);
      }
      if (vr.isText()) {
        out.add(new RawElement(tag, vr, value, charset));
      }
    }
    return out;
  }

  /** The first element with {@code tag}. */
  static RawElement element(Path file, int tag) throws IOException {
    return textElements(file).stream()
        .filter(e -> e.tag() == tag)
        .findFirst()
        .orElseThrow(() -> new AssertionError(String.format("(%08X) not in %s", tag, file)));
  }
}
